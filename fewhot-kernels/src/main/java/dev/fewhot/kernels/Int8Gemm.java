package dev.fewhot.kernels;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Products of float rows with a weight matrix stored as symmetric int8 with one float scale per
 * column ("weight-only" quantization, for inference): {@code C = act((A Q) * scale + bias)}, where
 * Q is k x n signed bytes in [-127, 127], row-major, and {@code scale[j]} turns column j back into
 * weights ({@code W[i][j] ~= Q[i][j] * scale[j]}, see {@link #quantize}). A is dense (row-major)
 * or CSR; bias and activation are float32 as in {@link Sgemm}.
 *
 * <p>Each row of C is computed on its own, as {@link Sgemm}'s batch-1 path does: the inputs
 * {@code a[i] != 0} of the row (for CSR, its stored entries) are taken in order, and for each the
 * row {@code Q[i][*]} is read in storage order, widened to floats and added, times {@code a[i]},
 * into an accumulator row that stays in L1 (the output row itself); the scale and bias are applied
 * once per output at the end. So the weights are read once per row of A, a quarter of the bytes of
 * the float32 weights, and rows of Q whose input is zero (after a ReLU, about half of them) are
 * not read at all. The bytes go to floats with the Vector API's {@code B2F} conversion
 * ({@code convertShape}), which C2 compiles to a sign-extend-and-convert on OpenJDK 17 (checked
 * with {@code -XX:+PrintIntrinsics} and by the zero bytes allocated per call at 128, 256 and
 * 512 bits); a plain loop widening each row into a float staging row, which C2 17 does not
 * vectorise, took 4 to 17 times as long (one 1024 x 512 product: 26 us against 449 us at 512
 * bits, 75 us against 310 us at 128; one-off harness on the Zen 4 machine, not kept).
 *
 * <p>Arithmetic, identical whatever the vector width, the thread count or the other rows of the
 * call: {@code acc[j]} starts at 0 and gets {@code fma(float(Q[i][j]), a[i], acc[j])} for the
 * inputs in order, then {@code c[j] = act(fma(acc[j], scale[j], bias[j]))} (without bias:
 * {@code acc[j] * scale[j]}); the activation is {@link VectorOps#biasActivation}'s. Instances are
 * immutable and thread-safe; no allocation per call.
 */
public final class Int8Gemm {

    static final VectorSpecies<Float> S = Simd.FLOAT;
    static final int L = S.length();
    /** The bytes loaded at once: one float vector's worth, at least 8 (the narrowest byte vector). */
    static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, L * 8)));
    /** Columns per loaded byte vector. */
    static final int STEP = B.length();
    /** Float vectors per byte vector: 2 at 128 bits (8 bytes, 4 floats), else 1. */
    static final int PARTS = STEP / L;
    /** Largest magnitude of a quantized weight (the range is symmetric: -128 is never used). */
    public static final int QMAX = 127;
    /** From this many weights (n x k), a product is split between threads. */
    static final long MIN_PARALLEL_WEIGHTS = 1L << 17;

    /** The thread's list of the non-zero inputs of a dense row: their indices and values. */
    private static final ThreadLocal<Inputs> INPUTS = ThreadLocal.withInitial(Inputs::new);
    private static final ThreadLocal<Job> JOBS = ThreadLocal.withInitial(Job::new);

    private final int threads;

    /** @param threads the most threads one product may use, {@code >= 1}; small products use one */
    public Int8Gemm(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        this.threads = threads;
    }

    /** @return the most threads one product may use */
    public int threads() {
        return threads;
    }

    /**
     * The symmetric int8 weight of {@code w} for the column scale {@code scale}:
     * {@code rint(w / scale)} (halves to even) clamped to [-{@value #QMAX}, {@value #QMAX}]; 0
     * when the scale is 0.
     */
    public static byte quantize(float w, float scale) {
        if (scale == 0f) return 0;
        float r = (float) Math.rint(w / scale);
        return (byte) Math.max(-QMAX, Math.min(QMAX, r));
    }

    /**
     * Quantizes a k x n float matrix column by column: {@code scale[j] = max_i |W[i][j]| / 127}
     * and {@code Q[i][j] = quantize(W[i][j], scale[j])}, so that the largest weight of each column
     * becomes exactly +-127 and {@code |W - Q * scale| <= scale / 2}. A column of zeros gets scale
     * 0 (its products are 0, its outputs the bias alone).
     *
     * @param k      rows of W and Q
     * @param n      columns of W and Q
     * @param w      W's array (finite values)
     * @param wOff   index of W's first element
     * @param ldw    W's leading dimension
     * @param q      Q's array, written (k x n, leading dimension n)
     * @param qOff   index of Q's first element
     * @param scale  the column scales, written
     * @param sOff   index of column 0's scale
     */
    public static void quantize(int k, int n, float[] w, int wOff, int ldw, byte[] q, int qOff, float[] scale, int sOff) {
        if (k < 0 || n < 0) throw new IllegalArgumentException("negative dimension: k=" + k + " n=" + n);
        if (k == 0 || n == 0) {
            if (n > 0) java.util.Arrays.fill(scale, sOff, sOff + n, 0f);
            return;
        }
        KernelChecks.matrix("W", w.length, wOff, ldw, k, n);
        KernelChecks.range("Q", q.length, qOff, (long) k * n);
        KernelChecks.range("scale", scale.length, sOff, n);
        java.util.Arrays.fill(scale, sOff, sOff + n, 0f);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < n; j++) scale[sOff + j] = Math.max(scale[sOff + j], Math.abs(w[wOff + i * ldw + j]));
        }
        for (int j = 0; j < n; j++) {
            float s = scale[sOff + j] / QMAX;
            if (!Float.isFinite(s)) throw new IllegalArgumentException("W: column " + j + " must be finite, got max |w| " + scale[sOff + j]);
            scale[sOff + j] = s;
        }
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < n; j++) q[qOff + i * n + j] = quantize(w[wOff + i * ldw + j], scale[sOff + j]);
        }
    }

    /**
     * {@code C = act((A Q) * scale + bias)} with A a dense m x k matrix.
     *
     * @param m       rows of A and C
     * @param n       columns of Q and C
     * @param k       columns of A, rows of Q
     * @param a       A's array
     * @param aOff    index of A's first element
     * @param lda     A's leading dimension
     * @param q       Q's array
     * @param qOff    index of Q's first element
     * @param ldq     Q's leading dimension
     * @param scale   per-column scales
     * @param sOff    index of column 0's scale
     * @param bias    per-column bias, or null
     * @param biasOff index of column 0's bias
     * @param act     the activation, {@link Activation#NONE} for none
     * @param c       C's array (written, not read)
     * @param cOff    index of C's first element
     * @param ldc     C's leading dimension
     */
    public void dense(int m, int n, int k, float[] a, int aOff, int lda, byte[] q, int qOff, int ldq,
                      float[] scale, int sOff, float[] bias, int biasOff, Activation act, float[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) throw new IllegalArgumentException("negative dimension: m=" + m + " n=" + n + " k=" + k);
        if (m == 0 || n == 0) return;
        if (k > 0) KernelChecks.matrix("A", a.length, aOff, lda, m, k);
        check(n, k, q, qOff, ldq, scale, sOff, bias, biasOff, act, c, cOff, ldc, m);
        run(m, n, k, false, a, aOff, lda, null, null, null, q, qOff, ldq, scale, sOff, bias, biasOff, act, c, cOff, ldc);
    }

    /**
     * {@code C = act((A Q) * scale + bias)} with A an m x k CSR matrix: only the rows of Q that
     * A's rows store are read, in A's storage order. Arguments as
     * {@link #dense}, with A given by its {@code indptr} (length at least m + 1), {@code indices}
     * (each in [0, k)) and {@code values}.
     */
    public void csr(int m, int n, int k, int[] indptr, int[] indices, float[] values, byte[] q, int qOff, int ldq,
                    float[] scale, int sOff, float[] bias, int biasOff, Activation act, float[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) throw new IllegalArgumentException("negative dimension: m=" + m + " n=" + n + " k=" + k);
        if (m == 0 || n == 0) return;
        KernelChecks.csr(m, k, indptr, indices, values);
        check(n, k, q, qOff, ldq, scale, sOff, bias, biasOff, act, c, cOff, ldc, m);
        run(m, n, k, true, null, 0, 0, indptr, indices, values, q, qOff, ldq, scale, sOff, bias, biasOff, act, c, cOff, ldc);
    }

    private void run(int m, int n, int k, boolean sparse, float[] a, int aOff, int lda, int[] indptr, int[] indices,
                     float[] values, byte[] q, int qOff, int ldq, float[] scale, int sOff, float[] bias, int biasOff,
                     Activation act, float[] c, int cOff, int ldc) {
        // one row: split its columns, in whole byte vectors; several rows: split the rows
        int parts = 1;
        if (threads > 1 && (long) n * k * m >= MIN_PARALLEL_WEIGHTS) {
            parts = m == 1 ? Math.min(threads, n / (4 * STEP)) : Math.min(threads, m);
        }
        if (parts <= 1) {
            rows(0, m, 0, n, k, sparse, a, aOff, lda, indptr, indices, values, q, qOff, ldq, scale, sOff, bias, biasOff,
                    act, c, cOff, ldc);
            return;
        }
        Job job = JOBS.get();
        job.set(m, n, k, sparse, a, aOff, lda, indptr, indices, values, q, qOff, ldq, scale, sOff, bias, biasOff, act,
                c, cOff, ldc, parts);
        try {
            KernelPool.common().invoke(job, parts);
        } finally {
            job.clear();
        }
    }

    /** Rows [i0, i1) of C, columns [j0, j1). */
    static void rows(int i0, int i1, int j0, int j1, int k, boolean sparse, float[] a, int aOff, int lda, int[] indptr,
                     int[] indices, float[] values, byte[] q, int qOff, int ldq, float[] scale, int sOff,
                     float[] bias, int biasOff, Activation act, float[] c, int cOff, int ldc) {
        int w = j1 - j0;
        Inputs in = sparse ? null : INPUTS.get();
        for (int i = i0; i < i1; i++) {
            int ci = cOff + i * ldc + j0;
            java.util.Arrays.fill(c, ci, ci + w, 0f);
            if (sparse) {
                accumulate(indptr[i + 1] - indptr[i], indices, values, indptr[i], q, qOff + j0, ldq, w, c, ci);
            } else {
                int count = in.nonZeros(a, aOff + i * lda, k);
                accumulate(count, in.index, in.value, 0, q, qOff + j0, ldq, w, c, ci);
            }
            scaleBias(c, ci, w, scale, sOff + j0, bias, bias == null ? 0 : biasOff + j0);
            VectorOps.biasActivation(c, ci, w, null, 0, act);
        }
    }

    /**
     * {@code acc[j] += sum_t value[t] * Q[index[t]][j]} for {@code j < w}, {@code t} from
     * {@code from} to {@code from + count} in order. Four rows of Q at a time, each loaded in
     * storage order; each column still gets one FMA per input, in input order.
     */
    private static void accumulate(int count, int[] index, float[] value, int from, byte[] q, int qOff, int ldq,
                                   int w, float[] acc, int ao) {
        int full = w - w % STEP;
        int t = from, end = from + count;
        for (; t + 4 <= end; t += 4) {
            float x0 = value[t], x1 = value[t + 1], x2 = value[t + 2], x3 = value[t + 3];
            int r0 = qOff + index[t] * ldq, r1 = qOff + index[t + 1] * ldq;
            int r2 = qOff + index[t + 2] * ldq, r3 = qOff + index[t + 3] * ldq;
            FloatVector v0 = FloatVector.broadcast(S, x0), v1 = FloatVector.broadcast(S, x1);
            FloatVector v2 = FloatVector.broadcast(S, x2), v3 = FloatVector.broadcast(S, x3);
            for (int j = 0; j < full; j += STEP) {
                ByteVector b0 = ByteVector.fromArray(B, q, r0 + j), b1 = ByteVector.fromArray(B, q, r1 + j);
                ByteVector b2 = ByteVector.fromArray(B, q, r2 + j), b3 = ByteVector.fromArray(B, q, r3 + j);
                for (int p = 0; p < PARTS; p++) {
                    int at = ao + j + p * L;
                    FloatVector sum = FloatVector.fromArray(S, acc, at);
                    sum = ((FloatVector) b0.convertShape(VectorOperators.B2F, S, p)).fma(v0, sum);
                    sum = ((FloatVector) b1.convertShape(VectorOperators.B2F, S, p)).fma(v1, sum);
                    sum = ((FloatVector) b2.convertShape(VectorOperators.B2F, S, p)).fma(v2, sum);
                    sum = ((FloatVector) b3.convertShape(VectorOperators.B2F, S, p)).fma(v3, sum);
                    sum.intoArray(acc, at);
                }
            }
            for (int j = full; j < w; j++) {
                float sum = Math.fma(q[r0 + j], x0, acc[ao + j]);
                sum = Math.fma(q[r1 + j], x1, sum);
                sum = Math.fma(q[r2 + j], x2, sum);
                acc[ao + j] = Math.fma(q[r3 + j], x3, sum);
            }
        }
        for (; t < end; t++) {
            float x0 = value[t];
            int r0 = qOff + index[t] * ldq;
            FloatVector v0 = FloatVector.broadcast(S, x0);
            for (int j = 0; j < full; j += STEP) {
                ByteVector b0 = ByteVector.fromArray(B, q, r0 + j);
                for (int p = 0; p < PARTS; p++) {
                    int at = ao + j + p * L;
                    ((FloatVector) b0.convertShape(VectorOperators.B2F, S, p)).fma(v0, FloatVector.fromArray(S, acc, at))
                            .intoArray(acc, at);
                }
            }
            for (int j = full; j < w; j++) acc[ao + j] = Math.fma(q[r0 + j], x0, acc[ao + j]);
        }
    }

    /** {@code x[j] = fma(x[j], scale[j], bias[j])}, or {@code x[j] * scale[j]} without bias. */
    private static void scaleBias(float[] x, int off, int w, float[] scale, int sOff, float[] bias, int bOff) {
        int full = w - w % L, j = 0;
        if (bias != null) {
            for (; j < full; j += L) {
                FloatVector.fromArray(S, x, off + j).fma(FloatVector.fromArray(S, scale, sOff + j),
                        FloatVector.fromArray(S, bias, bOff + j)).intoArray(x, off + j);
            }
            for (; j < w; j++) x[off + j] = Math.fma(x[off + j], scale[sOff + j], bias[bOff + j]);
        } else {
            for (; j < full; j += L) {
                FloatVector.fromArray(S, x, off + j).mul(FloatVector.fromArray(S, scale, sOff + j)).intoArray(x, off + j);
            }
            for (; j < w; j++) x[off + j] *= scale[sOff + j];
        }
    }

    /** The non-zero inputs of one dense row, grown to the widest row seen. */
    private static final class Inputs {
        int[] index = new int[0];
        float[] value = new float[0];

        /** Lists the non-zero values of {@code a[off .. off + k)}; returns their count. */
        int nonZeros(float[] a, int off, int k) {
            if (index.length < k) {
                index = new int[k];
                value = new float[k];
            }
            int count = 0;
            for (int i = 0; i < k; i++) {
                float v = a[off + i];
                if (v != 0f) {
                    index[count] = i;
                    value[count] = v;
                    count++;
                }
            }
            return count;
        }
    }

    /** One parallel product: part t computes a range of rows, or of columns of a single row. */
    private static final class Job implements KernelPool.Task {
        int m, n, k, aOff, lda, qOff, ldq, sOff, biasOff, cOff, ldc, parts;
        boolean sparse;
        float[] a, values, scale, bias, c;
        int[] indptr, indices;
        byte[] q;
        Activation act;

        void set(int m, int n, int k, boolean sparse, float[] a, int aOff, int lda, int[] indptr, int[] indices, float[] values,
                 byte[] q, int qOff, int ldq, float[] scale, int sOff, float[] bias, int biasOff, Activation act,
                 float[] c, int cOff, int ldc, int parts) {
            this.m = m; this.n = n; this.k = k; this.sparse = sparse; this.a = a; this.aOff = aOff; this.lda = lda;
            this.indptr = indptr; this.indices = indices; this.values = values; this.q = q; this.qOff = qOff;
            this.ldq = ldq; this.scale = scale; this.sOff = sOff; this.bias = bias; this.biasOff = biasOff;
            this.act = act; this.c = c; this.cOff = cOff; this.ldc = ldc; this.parts = parts;
        }

        void clear() {
            a = null; values = null; scale = null; bias = null; c = null; indptr = null; indices = null; q = null;
        }

        @Override
        public void run(int t) {
            if (m == 1) {
                // whole 4-byte-vector blocks per part: every column is computed the same way anyway
                int blocks = n / (4 * STEP);
                int j0 = (int) ((long) blocks * t / parts) * 4 * STEP;
                int j1 = t == parts - 1 ? n : (int) ((long) blocks * (t + 1) / parts) * 4 * STEP;
                rows(0, 1, j0, j1, k, sparse, a, aOff, lda, indptr, indices, values, q, qOff, ldq, scale, sOff, bias,
                        biasOff, act, c, cOff, ldc);
            } else {
                int i0 = (int) ((long) t * m / parts), i1 = (int) ((long) (t + 1) * m / parts);
                rows(i0, i1, 0, n, k, sparse, a, aOff, lda, indptr, indices, values, q, qOff, ldq, scale, sOff, bias,
                        biasOff, act, c, cOff, ldc);
            }
        }
    }

    private static void check(int n, int k, byte[] q, int qOff, int ldq, float[] scale, int sOff, float[] bias,
                              int biasOff, Activation act, float[] c, int cOff, int ldc, int m) {
        if (act == null) throw new NullPointerException("act");
        if (k > 0) KernelChecks.matrix("Q", q.length, qOff, ldq, k, n);
        KernelChecks.range("scale", scale.length, sOff, n);
        if (bias != null) KernelChecks.range("bias", bias.length, biasOff, n);
        KernelChecks.matrix("C", c.length, cOff, ldc, m, n);
    }
}
