package dev.fewhot.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-precision matrix product {@code C = alpha * op(A) * op(B) + beta * C} on row-major
 * {@code float[]} arrays with offsets and leading dimensions, optionally followed in the same pass
 * by a per-column bias and an {@link Activation}. It packs panels of A and B into reused
 * thread-local buffers, runs a 6 x 4-vector register-blocked Vector API kernel with cache blocking
 * (KC, MC, NC) and splits C over up to {@link #threads()} threads of {@link KernelPool#common()}.
 *
 * <p>Determinism: the reduction dimension K is never split between threads and every element of C
 * gets the same sequence of FMAs whatever tile, edge or thread computes it, so results are
 * bit-identical across runs and across thread counts. Tuning knobs, read once at class load:
 * system properties {@code fewhot.gemm.kc}, {@code fewhot.gemm.mc}, {@code fewhot.gemm.nc},
 * {@code fewhot.gemm.minParallelFlops}. Instances are immutable and thread-safe.
 */
public final class Sgemm implements Gemm {

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Rows of the register block. */
    static final int MR = 6;
    /** Columns of the register block: 4 vectors. */
    static final int NR = 4 * L;
    static final int KC = Math.max(1, Integer.getInteger("fewhot.gemm.kc", 256));
    static final int MC = roundUp(Math.max(1, Integer.getInteger("fewhot.gemm.mc", 96)), MR);
    static final int NC = roundUp(Math.max(1, Integer.getInteger("fewhot.gemm.nc", 1024)), NR);
    /** Loop order inside a cache block: A micro-panel outer (B streams from L2) or B outer. */
    static final boolean A_PANEL_OUTER = Boolean.parseBoolean(System.getProperty("fewhot.gemm.aOuter", "false"));
    static final long MIN_PARALLEL_FLOPS = Long.getLong("fewhot.gemm.minParallelFlops", 1L << 22);

    /**
     * Up to this many rows of A (not transposed, B not transposed), a product is done row by row
     * without packing: the batch-1 inference path, where packing and the 6-row register block
     * would do several times the work.
     */
    static final int SMALL_M = 2;
    /** From this many elements of B, the small-row path splits its columns over the threads. */
    static final long SMALL_M_PARALLEL = 1L << 17;

    private static final ThreadLocal<float[][]> BUFFERS =
            ThreadLocal.withInitial(() -> new float[][] {
                new float[MC * KC], new float[KC * NC], new float[MR * NR]});
    private static final ThreadLocal<Job> JOBS = ThreadLocal.withInitial(Job::new);

    private final int threads;
    private final long minParallelFlops;

    /** A product that may use all available processors. */
    public Sgemm() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param threads the most threads one product may use, {@code >= 1}; small products use one
     */
    public Sgemm(int threads) {
        this(threads, MIN_PARALLEL_FLOPS);
    }

    /** For tests: also sets the flop count from which a product is split between threads. */
    Sgemm(int threads, long minParallelFlops) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        this.threads = threads;
        this.minParallelFlops = minParallelFlops;
    }

    /** @return the most threads one product may use */
    @Override
    public String name() {
        return "java";
    }

    public int threads() {
        return threads;
    }

    /**
     * {@code C = alpha * op(A) * op(B) + beta * C}, where op(A) is m x k, op(B) is k x n and C is
     * m x n. With {@code beta == 0} C is not read (NaNs in it do not propagate).
     *
     * @param opA  how A is used
     * @param opB  how B is used
     * @param m    rows of C
     * @param n    columns of C
     * @param k    the shared dimension
     * @param alpha scale of the product
     * @param a    A's array
     * @param aOff index of A's first element
     * @param lda  A's leading dimension (row stride of the stored matrix)
     * @param b    B's array
     * @param bOff index of B's first element
     * @param ldb  B's leading dimension
     * @param beta scale of the old C
     * @param c    C's array
     * @param cOff index of C's first element
     * @param ldc  C's leading dimension
     */
    @Override
    public void gemm(Op opA, Op opB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        gemm(opA, opB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
                null, 0, Activation.NONE);
    }

    /**
     * {@code C = act(alpha * op(A) * op(B) + beta * C + bias)}, the bias added to every row (one
     * value per column of C) and the activation applied element-wise while the tile of C is still
     * in cache. Otherwise as {@link #gemm(Op, Op, int, int, int, float, float[], int, int, float[],
     * int, int, float, float[], int, int)}.
     *
     * @param bias    per-column bias, length at least {@code biasOff + n}, or null for none
     * @param biasOff index of the bias of column 0
     * @param act     the activation, {@link Activation#NONE} for none
     */
    @Override
    public void gemm(Op opA, Op opB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc,
                     float[] bias, int biasOff, Activation act) {
        if (opA == null || opB == null || act == null) throw new NullPointerException("op/act");
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("negative dimension: m=" + m + " n=" + n + " k=" + k);
        }
        if (m == 0 || n == 0) return;
        checkMatrix("C", c, cOff, ldc, m, n);
        if (bias != null) checkRange("bias", bias.length, biasOff, n);
        boolean product = k > 0 && alpha != 0f;
        if (product) {
            if (opA == Op.N) checkMatrix("A", a, aOff, lda, m, k);
            else checkMatrix("A", a, aOff, lda, k, m);
            if (opB == Op.N) checkMatrix("B", b, bOff, ldb, k, n);
            else checkMatrix("B", b, bOff, ldb, n, k);
        }
        if (product && m <= SMALL_M && opA == Op.N && opB == Op.N) {
            int parts = threads > 1 && (long) n * k >= SMALL_M_PARALLEL ? Math.min(threads, n / (4 * L)) : 1;
            if (parts <= 1) {
                rowsTimesMatrix(m, 0, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, bias, biasOff, act);
            } else {
                // column ranges in whole 4-vector blocks: every column is computed the same way
                int blocks = n / (4 * L);
                KernelPool.common().invoke(i -> {
                    int from = (int) ((long) blocks * i / parts) * 4 * L;
                    int to = i == parts - 1 ? n : (int) ((long) blocks * (i + 1) / parts) * 4 * L;
                    rowsTimesMatrix(m, from, to, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, bias, biasOff, act);
                }, parts);
            }
            return;
        }
        int panelsN = (n + NR - 1) / NR;
        int panelsM = (m + MR - 1) / MR;
        int t = threads;
        if ((double) 2 * m * n * k < minParallelFlops) t = 1;
        t = Math.min(t, Math.max(panelsN, panelsM));
        if (t <= 1) {
            run(opA, opB, 0, m, 0, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
                    bias, biasOff, act, product);
            return;
        }
        Job job = JOBS.get();
        job.set(opA, opB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
                bias, biasOff, act, product, t, panelsN >= t);
        try {
            KernelPool.common().invoke(job, t);
        } finally {
            job.clear();
        }
    }

    private static void checkMatrix(String name, float[] x, int off, int ld, int rows, int cols) {
        if (x == null) throw new NullPointerException(name);
        if (ld < cols) {
            throw new IllegalArgumentException(name + ": leading dimension " + ld + " < columns " + cols);
        }
        if (off < 0 || (long) off + (long) (rows - 1) * ld + cols > x.length) {
            throw new IndexOutOfBoundsException(name + ": " + rows + " x " + cols + " at offset " + off
                    + " with leading dimension " + ld + " does not fit in length " + x.length);
        }
    }

    private static void checkRange(String name, int length, int off, int n) {
        if (off < 0 || (long) off + n > length) {
            throw new IndexOutOfBoundsException(name + ": [" + off + ", " + off + " + " + n
                    + ") does not fit in length " + length);
        }
    }

    static int roundUp(int x, int q) {
        return (x + q - 1) / q * q;
    }

    /** One parallel product: part t computes a fixed block of rows or columns of C. */
    private static final class Job implements KernelPool.Task {
        Op opA, opB;
        int m, n, k, aOff, lda, bOff, ldb, cOff, ldc, biasOff, parts;
        float alpha, beta;
        float[] a, b, c, bias;
        Activation act;
        boolean product, splitN;

        void set(Op opA, Op opB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                 float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc,
                 float[] bias, int biasOff, Activation act, boolean product, int parts, boolean splitN) {
            this.opA = opA; this.opB = opB; this.m = m; this.n = n; this.k = k; this.alpha = alpha;
            this.a = a; this.aOff = aOff; this.lda = lda; this.b = b; this.bOff = bOff; this.ldb = ldb;
            this.beta = beta; this.c = c; this.cOff = cOff; this.ldc = ldc; this.bias = bias;
            this.biasOff = biasOff; this.act = act; this.product = product; this.parts = parts;
            this.splitN = splitN;
        }

        void clear() {
            a = null; b = null; c = null; bias = null;
        }

        @Override
        public void run(int t) {
            if (splitN) {
                int panels = (n + NR - 1) / NR;
                int j0 = (int) ((long) t * panels / parts) * NR;
                int j1 = Math.min(n, (int) ((long) (t + 1) * panels / parts) * NR);
                if (j0 < j1) {
                    Sgemm.run(opA, opB, 0, m, j0, j1, k, alpha, a, aOff, lda, b, bOff, ldb, beta,
                            c, cOff, ldc, bias, biasOff, act, product);
                }
            } else {
                int panels = (m + MR - 1) / MR;
                int i0 = (int) ((long) t * panels / parts) * MR;
                int i1 = Math.min(m, (int) ((long) (t + 1) * panels / parts) * MR);
                if (i0 < i1) {
                    Sgemm.run(opA, opB, i0, i1, 0, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta,
                            c, cOff, ldc, bias, biasOff, act, product);
                }
            }
        }
    }

    /** Computes rows [i0, i1) and columns [j0, j1) of C on the calling thread. */
    static void run(Op opA, Op opB, int i0, int i1, int j0, int j1, int k, float alpha,
                    float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                    float beta, float[] c, int cOff, int ldc,
                    float[] bias, int biasOff, Activation act, boolean product) {
        int m = i1 - i0;
        int n = j1 - j0;
        int c0 = cOff + i0 * ldc + j0;
        int bias0 = biasOff + j0;
        if (!product) {
            for (int i = 0; i < m; i++) {
                int ci = c0 + i * ldc;
                VectorOps.scaleOrZero(beta, c, ci, n);
                VectorOps.biasActivation(c, ci, n, bias, bias0, act);
            }
            return;
        }
        int a0 = opA == Op.N ? aOff + i0 * lda : aOff + i0;
        int b0 = opB == Op.N ? bOff + j0 : bOff + j0 * ldb;
        boolean epilogue = bias != null || act != Activation.NONE;
        float[][] buf = BUFFERS.get();
        float[] pa = buf[0];
        float[] pb = buf[1];
        float[] tile = buf[2];
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                boolean last = pc + kc == k;
                float betaEff = pc == 0 ? beta : 1f;
                packB(opB, b, b0, ldb, pc, jc, kc, nc, pb);
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    packA(opA, a, a0, lda, ic, pc, mc, kc, pa);
                    if (A_PANEL_OUTER) {
                        for (int ir = 0; ir < mc; ir += MR) {
                            int mr = Math.min(MR, mc - ir);
                            for (int jr = 0; jr < nc; jr += NR) {
                                int nr = Math.min(NR, nc - jr);
                                tile(kc, pa, ir, pb, jr, tile, mr, nr, alpha, betaEff, c,
                                        c0 + (ic + ir) * ldc + jc + jr, ldc, last && epilogue, bias, bias0 + jc + jr, act);
                            }
                        }
                    } else {
                        for (int jr = 0; jr < nc; jr += NR) {
                            int nr = Math.min(NR, nc - jr);
                            for (int ir = 0; ir < mc; ir += MR) {
                                int mr = Math.min(MR, mc - ir);
                                tile(kc, pa, ir, pb, jr, tile, mr, nr, alpha, betaEff, c,
                                        c0 + (ic + ir) * ldc + jc + jr, ldc, last && epilogue, bias, bias0 + jc + jr, act);
                            }
                        }
                    }
                }
            }
        }
    }

    private static void tile(int kc, float[] pa, int ir, float[] pb, int jr, float[] tile, int mr, int nr,
                             float alpha, float betaEff, float[] c, int ct, int ldc, boolean epilogue,
                             float[] bias, int biasOff, Activation act) {
        micro(kc, pa, (ir / MR) * kc * MR, pb, (jr / NR) * kc * NR, tile);
        store(tile, mr, nr, alpha, betaEff, c, ct, ldc);
        if (epilogue) {
            for (int i = 0; i < mr; i++) VectorOps.biasActivation(c, ct + i * ldc, nr, bias, biasOff, act);
        }
    }

    /** C tile = alpha * tile + betaEff * C tile (C not read when betaEff == 0). */
    private static void store(float[] tile, int mr, int nr, float alpha, float betaEff,
                              float[] c, int ct, int ldc) {
        int full = nr / L * L;
        FloatVector av = FloatVector.broadcast(S, alpha);
        for (int i = 0; i < mr; i++) {
            int ti = i * NR;
            int ci = ct + i * ldc;
            int j = 0;
            if (betaEff == 0f) {
                for (; j < full; j += L) {
                    FloatVector.fromArray(S, tile, ti + j).mul(alpha).intoArray(c, ci + j);
                }
                if (j < nr) {
                    VectorMask<Float> mk = S.indexInRange(j, nr);
                    FloatVector.fromArray(S, tile, ti + j).mul(alpha).intoArray(c, ci + j, mk);
                }
            } else {
                for (; j < full; j += L) {
                    FloatVector cv = FloatVector.fromArray(S, c, ci + j).mul(betaEff);
                    FloatVector.fromArray(S, tile, ti + j).fma(av, cv).intoArray(c, ci + j);
                }
                if (j < nr) {
                    VectorMask<Float> mk = S.indexInRange(j, nr);
                    FloatVector cv = FloatVector.fromArray(S, c, ci + j, mk).mul(betaEff);
                    FloatVector.fromArray(S, tile, ti + j).fma(av, cv).intoArray(c, ci + j, mk);
                }
            }
        }
    }

    /** Packs op(A)[ic .. ic+mc, pc .. pc+kc] as panels of MR rows, k-major, zero-padded. */
    private static void packA(Op opA, float[] a, int a0, int lda, int ic, int pc, int mc, int kc,
                              float[] pa) {
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            int dst = (ir / MR) * kc * MR;
            if (opA == Op.N) {
                for (int i = 0; i < mr; i++) {
                    int src = a0 + (ic + ir + i) * lda + pc;
                    for (int p = 0; p < kc; p++) pa[dst + p * MR + i] = a[src + p];
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int src = a0 + (pc + p) * lda + ic + ir;
                    int d = dst + p * MR;
                    for (int i = 0; i < mr; i++) pa[d + i] = a[src + i];
                }
            }
            if (mr < MR) {
                for (int p = 0; p < kc; p++) {
                    for (int i = mr; i < MR; i++) pa[dst + p * MR + i] = 0f;
                }
            }
        }
    }

    /** Packs op(B)[pc .. pc+kc, jc .. jc+nc] as panels of NR columns, k-major, zero-padded. */
    private static void packB(Op opB, float[] b, int b0, int ldb, int pc, int jc, int kc, int nc,
                              float[] pb) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int dst = (jr / NR) * kc * NR;
            if (opB == Op.N) {
                if (nr == NR) {
                    // a plain copy: no Vector API here, whose calls are boxed (and allocate) in any
                    // compilation of this method where the JIT fails to inline them
                    for (int p = 0; p < kc; p++) {
                        System.arraycopy(b, b0 + (pc + p) * ldb + jc + jr, pb, dst + p * NR, NR);
                    }
                } else {
                    for (int p = 0; p < kc; p++) {
                        int src = b0 + (pc + p) * ldb + jc + jr;
                        int d = dst + p * NR;
                        System.arraycopy(b, src, pb, d, nr);
                        for (int j = nr; j < NR; j++) pb[d + j] = 0f;
                    }
                }
            } else {
                for (int j = 0; j < nr; j++) {
                    int src = b0 + (jc + jr + j) * ldb + pc;
                    for (int p = 0; p < kc; p++) pb[dst + p * NR + j] = b[src + p];
                }
                if (nr < NR) {
                    for (int p = 0; p < kc; p++) {
                        for (int j = nr; j < NR; j++) pb[dst + p * NR + j] = 0f;
                    }
                }
            }
        }
    }

    /**
     * The 6 x 4L register-blocked inner kernel: tile = Ap(6 x kc) * Bp(kc x 4L), one FMA chain per
     * element in increasing k.
     */
    static void micro(int kc, float[] ap, int aOff, float[] bp, int bOff, float[] tile) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c02 = z, c03 = z;
        FloatVector c10 = z, c11 = z, c12 = z, c13 = z;
        FloatVector c20 = z, c21 = z, c22 = z, c23 = z;
        FloatVector c30 = z, c31 = z, c32 = z, c33 = z;
        FloatVector c40 = z, c41 = z, c42 = z, c43 = z;
        FloatVector c50 = z, c51 = z, c52 = z, c53 = z;
        for (int p = 0; p < kc; p++) {
            int bi = bOff + p * NR;
            int ai = aOff + p * MR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector b2 = FloatVector.fromArray(S, bp, bi + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, bp, bi + 3 * L);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai + 0]);
            c00 = b0.fma(a, c00);
            c01 = b1.fma(a, c01);
            c02 = b2.fma(a, c02);
            c03 = b3.fma(a, c03);
            a = FloatVector.broadcast(S, ap[ai + 1]);
            c10 = b0.fma(a, c10);
            c11 = b1.fma(a, c11);
            c12 = b2.fma(a, c12);
            c13 = b3.fma(a, c13);
            a = FloatVector.broadcast(S, ap[ai + 2]);
            c20 = b0.fma(a, c20);
            c21 = b1.fma(a, c21);
            c22 = b2.fma(a, c22);
            c23 = b3.fma(a, c23);
            a = FloatVector.broadcast(S, ap[ai + 3]);
            c30 = b0.fma(a, c30);
            c31 = b1.fma(a, c31);
            c32 = b2.fma(a, c32);
            c33 = b3.fma(a, c33);
            a = FloatVector.broadcast(S, ap[ai + 4]);
            c40 = b0.fma(a, c40);
            c41 = b1.fma(a, c41);
            c42 = b2.fma(a, c42);
            c43 = b3.fma(a, c43);
            a = FloatVector.broadcast(S, ap[ai + 5]);
            c50 = b0.fma(a, c50);
            c51 = b1.fma(a, c51);
            c52 = b2.fma(a, c52);
            c53 = b3.fma(a, c53);
        }
        c00.intoArray(tile, 0 * NR + 0 * L);
        c01.intoArray(tile, 0 * NR + 1 * L);
        c02.intoArray(tile, 0 * NR + 2 * L);
        c03.intoArray(tile, 0 * NR + 3 * L);
        c10.intoArray(tile, 1 * NR + 0 * L);
        c11.intoArray(tile, 1 * NR + 1 * L);
        c12.intoArray(tile, 1 * NR + 2 * L);
        c13.intoArray(tile, 1 * NR + 3 * L);
        c20.intoArray(tile, 2 * NR + 0 * L);
        c21.intoArray(tile, 2 * NR + 1 * L);
        c22.intoArray(tile, 2 * NR + 2 * L);
        c23.intoArray(tile, 2 * NR + 3 * L);
        c30.intoArray(tile, 3 * NR + 0 * L);
        c31.intoArray(tile, 3 * NR + 1 * L);
        c32.intoArray(tile, 3 * NR + 2 * L);
        c33.intoArray(tile, 3 * NR + 3 * L);
        c40.intoArray(tile, 4 * NR + 0 * L);
        c41.intoArray(tile, 4 * NR + 1 * L);
        c42.intoArray(tile, 4 * NR + 2 * L);
        c43.intoArray(tile, 4 * NR + 3 * L);
        c50.intoArray(tile, 5 * NR + 0 * L);
        c51.intoArray(tile, 5 * NR + 1 * L);
        c52.intoArray(tile, 5 * NR + 2 * L);
        c53.intoArray(tile, 5 * NR + 3 * L);
    }

    /**
     * Row-by-row {@code C = alpha A B + beta C (+ bias, act)} for a few rows, columns
     * {@code [j0, n)}: streams B once per row, four rows of B at a time in storage order, into an
     * accumulator row (in the thread's packing buffer) that stays in L1. Each element of C gets one FMA chain in
     * increasing k from zero, as before this loop order (the sums are bit for bit the same); only
     * the order of memory accesses changed: B is read row after row instead of in 64-column strips
     * 4 KB apart.
     */
    private static void rowsTimesMatrix(int m, int j0, int n, int k, float alpha, float[] a, int aOff, int lda,
                                        float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc,
                                        float[] bias, int biasOff, Activation act) {
        int w = n - j0;
        // the accumulator row is the thread's B-panel buffer, idle on this path (grown if n is wider)
        float[][] buf = BUFFERS.get();
        if (buf[1].length < w) buf[1] = new float[w];
        float[] acc = buf[1];
        int full = w - w % L;
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * lda, ci = cOff + i * ldc + j0;
            java.util.Arrays.fill(acc, 0, w, 0f);
            int p = 0;
            for (; p + 4 <= k; p += 4) {
                float x0 = a[ai + p], x1 = a[ai + p + 1], x2 = a[ai + p + 2], x3 = a[ai + p + 3];
                FloatVector v0 = FloatVector.broadcast(S, x0), v1 = FloatVector.broadcast(S, x1);
                FloatVector v2 = FloatVector.broadcast(S, x2), v3 = FloatVector.broadcast(S, x3);
                int r0 = bOff + p * ldb + j0, r1 = r0 + ldb, r2 = r1 + ldb, r3 = r2 + ldb;
                for (int j = 0; j < full; j += L) {
                    FloatVector sum = FloatVector.fromArray(S, acc, j);
                    sum = FloatVector.fromArray(S, b, r0 + j).fma(v0, sum);
                    sum = FloatVector.fromArray(S, b, r1 + j).fma(v1, sum);
                    sum = FloatVector.fromArray(S, b, r2 + j).fma(v2, sum);
                    sum = FloatVector.fromArray(S, b, r3 + j).fma(v3, sum);
                    sum.intoArray(acc, j);
                }
                for (int j = full; j < w; j++) {
                    float sum = Math.fma(b[r0 + j], x0, acc[j]);
                    sum = Math.fma(b[r1 + j], x1, sum);
                    sum = Math.fma(b[r2 + j], x2, sum);
                    acc[j] = Math.fma(b[r3 + j], x3, sum);
                }
            }
            for (; p < k; p++) {
                float x0 = a[ai + p];
                FloatVector v0 = FloatVector.broadcast(S, x0);
                int r0 = bOff + p * ldb + j0;
                for (int j = 0; j < full; j += L) {
                    FloatVector.fromArray(S, b, r0 + j).fma(v0, FloatVector.fromArray(S, acc, j)).intoArray(acc, j);
                }
                for (int j = full; j < w; j++) acc[j] = Math.fma(b[r0 + j], x0, acc[j]);
            }
            if (alpha == 1f && beta == 0f) {
                System.arraycopy(acc, 0, c, ci, w);
            } else {
                for (int j = 0; j < w; j++) {
                    float r = alpha == 1f ? acc[j] : acc[j] * alpha;
                    c[ci + j] = beta == 0f ? r : Math.fma(c[ci + j], beta, r);
                }
            }
            if (bias != null || act != Activation.NONE) {
                VectorOps.biasActivation(c, ci, w, bias, biasOff + j0, act);
            }
        }
    }
}
