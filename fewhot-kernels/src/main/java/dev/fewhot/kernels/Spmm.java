package dev.fewhot.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Sparse (CSR) times dense products for models whose input is a sparse feature matrix: the
 * forward product {@code C = alpha * A * B + beta * C} (with the optional fused bias and activation)
 * and the weight gradient {@code W = alpha * A^T * dZ + beta * W}. Dense operands are row-major;
 * the CSR matrix is given by its raw {@code indptr}, {@code indices} and {@code values} arrays
 * (indices need not be sorted). Both products are vectorised over the dense columns. The forward
 * product splits rows of C between threads; the transposed product gives each thread its own
 * range of columns of W, so there is no race and every element is summed in row order whatever the
 * thread count: results are bit-identical across runs and thread counts.
 */
public final class Spmm {

    static final VectorSpecies<Float> S = Simd.FLOAT;
    static final int L = S.length();
    private static final long MIN_PARALLEL_WORK = 1L << 16;
    private static final ThreadLocal<Job> JOBS = ThreadLocal.withInitial(Job::new);

    private final int threads;

    /** Products that may use all available processors. */
    public Spmm() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /** @param threads the most threads one product may use, {@code >= 1} */
    public Spmm(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        this.threads = threads;
    }

    /** @return the most threads one product may use */
    public int threads() {
        return threads;
    }

    /**
     * {@code C = act(alpha * A * B + beta * C + bias)} with A an m x k CSR matrix, B k x n and C
     * m x n. With {@code beta == 0} C is not read.
     *
     * @param m       rows of A and C
     * @param n       columns of B and C
     * @param k       columns of A, rows of B
     * @param alpha   scale of the product
     * @param indptr  A's row pointers (length at least m + 1)
     * @param indices A's column indices, each in [0, k)
     * @param values  A's values
     * @param b       B's array
     * @param bOff    index of B's first element
     * @param ldb     B's leading dimension
     * @param beta    scale of the old C
     * @param c       C's array
     * @param cOff    index of C's first element
     * @param ldc     C's leading dimension
     * @param bias    per-column bias, or null
     * @param biasOff index of column 0's bias
     * @param act     activation, {@link Activation#NONE} for none
     */
    public void csrTimesDense(int m, int n, int k, float alpha, int[] indptr, int[] indices, float[] values,
                              float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc,
                              float[] bias, int biasOff, Activation act) {
        if (m < 0 || n < 0 || k < 0) throw new IllegalArgumentException("negative dimension");
        if (m == 0 || n == 0) return;
        KernelChecks.csr(m, k, indptr, indices, values);
        KernelChecks.matrix("B", b, bOff, ldb, k, n);
        KernelChecks.matrix("C", c, cOff, ldc, m, n);
        if (bias != null && (biasOff < 0 || (long) biasOff + n > bias.length)) {
            throw new IndexOutOfBoundsException("bias");
        }
        long work = (long) (indptr[m] - indptr[0] + m) * n;
        int t = Math.min(threads, m);
        if (t <= 1 || work < MIN_PARALLEL_WORK) {
            forwardRows(0, m, n, alpha, indptr, indices, values, b, bOff, ldb, beta, c, cOff, ldc, bias, biasOff, act);
            return;
        }
        Job job = JOBS.get();
        job.forward = true;
        job.set(m, n, k, alpha, indptr, indices, values, b, bOff, ldb, beta, c, cOff, ldc, t);
        job.bias = bias;
        job.biasOff = biasOff;
        job.act = act;
        try {
            KernelPool.common().invoke(job, t);
        } finally {
            job.clear();
        }
    }

    /**
     * {@code W = alpha * A^T * dZ + beta * W} with A an m x k CSR matrix, dZ m x n and W k x n: the
     * weight gradient of {@code Z = A * W}. Each element of W is summed over the rows of A in
     * order, with the product {@code alpha * value} rounded first. With {@code beta == 0} W is not
     * read.
     *
     * @param m       rows of A and dZ
     * @param n       columns of dZ and W
     * @param k       columns of A, rows of W
     * @param alpha   scale of the product
     * @param indptr  A's row pointers
     * @param indices A's column indices
     * @param values  A's values
     * @param dz      dZ's array
     * @param dzOff   index of dZ's first element
     * @param lddz    dZ's leading dimension
     * @param beta    scale of the old W
     * @param w       W's array
     * @param wOff    index of W's first element
     * @param ldw     W's leading dimension
     */
    public void csrTransposeTimesDense(int m, int n, int k, float alpha, int[] indptr, int[] indices, float[] values,
                                       float[] dz, int dzOff, int lddz, float beta, float[] w, int wOff, int ldw) {
        if (m < 0 || n < 0 || k < 0) throw new IllegalArgumentException("negative dimension");
        if (k == 0 || n == 0) return;
        KernelChecks.csr(m, k, indptr, indices, values);
        KernelChecks.matrix("W", w, wOff, ldw, k, n);
        if (m > 0) KernelChecks.matrix("dZ", dz, dzOff, lddz, m, n);
        long work = (long) (indptr[m] - indptr[0]) * n + (long) k * n;
        int chunks = (n + L - 1) / L;
        int t = Math.min(threads, chunks);
        if (t <= 1 || work < MIN_PARALLEL_WORK) {
            transposeCols(0, n, m, k, alpha, indptr, indices, values, dz, dzOff, lddz, beta, w, wOff, ldw);
            return;
        }
        Job job = JOBS.get();
        job.forward = false;
        job.set(m, n, k, alpha, indptr, indices, values, dz, dzOff, lddz, beta, w, wOff, ldw, t);
        try {
            KernelPool.common().invoke(job, t);
        } finally {
            job.clear();
        }
    }

    private static final class Job implements KernelPool.Task {
        boolean forward;
        int m, n, k, xOff, ldx, yOff, ldy, parts, biasOff;
        float alpha, beta;
        int[] indptr, indices;
        float[] values, x, y, bias;
        Activation act = Activation.NONE;

        void set(int m, int n, int k, float alpha, int[] indptr, int[] indices, float[] values,
                 float[] x, int xOff, int ldx, float beta, float[] y, int yOff, int ldy, int parts) {
            this.m = m; this.n = n; this.k = k; this.alpha = alpha; this.indptr = indptr;
            this.indices = indices; this.values = values; this.x = x; this.xOff = xOff; this.ldx = ldx;
            this.beta = beta; this.y = y; this.yOff = yOff; this.ldy = ldy; this.parts = parts;
        }

        void clear() {
            indptr = null; indices = null; values = null; x = null; y = null; bias = null;
            act = Activation.NONE;
        }

        @Override
        public void run(int t) {
            if (forward) {
                int i0 = (int) ((long) t * m / parts);
                int i1 = (int) ((long) (t + 1) * m / parts);
                forwardRows(i0, i1, n, alpha, indptr, indices, values, x, xOff, ldx, beta, y, yOff, ldy,
                        bias, biasOff, act);
            } else {
                int chunks = (n + L - 1) / L;
                int j0 = (int) ((long) t * chunks / parts) * L;
                int j1 = Math.min(n, (int) ((long) (t + 1) * chunks / parts) * L);
                if (j0 < j1) {
                    transposeCols(j0, j1, m, k, alpha, indptr, indices, values, x, xOff, ldx, beta, y, yOff, ldy);
                }
            }
        }
    }

    static void forwardRows(int i0, int i1, int n, float alpha, int[] indptr, int[] indices, float[] values,
                            float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc,
                            float[] bias, int biasOff, Activation act) {
        FloatVector av = FloatVector.broadcast(S, alpha);
        int w4 = 4 * L;
        for (int i = i0; i < i1; i++) {
            int p0 = indptr[i];
            int p1 = indptr[i + 1];
            int ci = cOff + i * ldc;
            int j = 0;
            for (; j + w4 <= n; j += w4) {
                FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
                for (int p = p0; p < p1; p++) {
                    FloatVector v = FloatVector.broadcast(S, values[p]);
                    int bi = bOff + indices[p] * ldb + j;
                    s0 = FloatVector.fromArray(S, b, bi).fma(v, s0);
                    s1 = FloatVector.fromArray(S, b, bi + L).fma(v, s1);
                    s2 = FloatVector.fromArray(S, b, bi + 2 * L).fma(v, s2);
                    s3 = FloatVector.fromArray(S, b, bi + 3 * L).fma(v, s3);
                }
                // written out: a FloatVector passed to a helper the JIT does not inline is boxed
                int at = ci + j;
                if (beta == 0f) {
                    s0.mul(av).intoArray(c, at);
                    s1.mul(av).intoArray(c, at + L);
                    s2.mul(av).intoArray(c, at + 2 * L);
                    s3.mul(av).intoArray(c, at + 3 * L);
                } else {
                    s0.fma(av, FloatVector.fromArray(S, c, at).mul(beta)).intoArray(c, at);
                    s1.fma(av, FloatVector.fromArray(S, c, at + L).mul(beta)).intoArray(c, at + L);
                    s2.fma(av, FloatVector.fromArray(S, c, at + 2 * L).mul(beta)).intoArray(c, at + 2 * L);
                    s3.fma(av, FloatVector.fromArray(S, c, at + 3 * L).mul(beta)).intoArray(c, at + 3 * L);
                }
            }
            for (; j < n; j += L) {
                VectorMask<Float> mk = S.indexInRange(j, n);
                FloatVector s0 = FloatVector.zero(S);
                for (int p = p0; p < p1; p++) {
                    FloatVector v = FloatVector.broadcast(S, values[p]);
                    s0 = FloatVector.fromArray(S, b, bOff + indices[p] * ldb + j, mk).fma(v, s0);
                }
                if (beta == 0f) s0.mul(av).intoArray(c, ci + j, mk);
                else s0.fma(av, FloatVector.fromArray(S, c, ci + j, mk).mul(beta)).intoArray(c, ci + j, mk);
            }
            VectorOps.biasActivation(c, ci, n, bias, biasOff, act);
        }
    }

    static void transposeCols(int j0, int j1, int m, int k, float alpha, int[] indptr, int[] indices,
                              float[] values, float[] dz, int dzOff, int lddz, float beta,
                              float[] w, int wOff, int ldw) {
        int n = j1 - j0;
        for (int r = 0; r < k; r++) VectorOps.scaleOrZero(beta, w, wOff + r * ldw + j0, n);
        int full = n - n % L;
        VectorMask<Float> tail = S.indexInRange(full, n);
        for (int i = 0; i < m; i++) {
            int zi = dzOff + i * lddz + j0;
            for (int p = indptr[i], p1 = indptr[i + 1]; p < p1; p++) {
                FloatVector v = FloatVector.broadcast(S, alpha * values[p]);
                int wi = wOff + indices[p] * ldw + j0;
                int j = 0;
                for (; j < full; j += L) {
                    FloatVector.fromArray(S, dz, zi + j).fma(v, FloatVector.fromArray(S, w, wi + j))
                            .intoArray(w, wi + j);
                }
                if (j < n) {
                    FloatVector.fromArray(S, dz, zi + j, tail).fma(v, FloatVector.fromArray(S, w, wi + j, tail))
                            .intoArray(w, wi + j, tail);
                }
            }
        }
    }
}
