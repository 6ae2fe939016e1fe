package dev.fewhot.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-precision matrix product {@code C = alpha * op(A) * op(B) + beta * C} on row-major
 * {@code float[]} arrays with offsets and leading dimensions, optionally followed in the same pass
 * by a per-column bias and an {@link Activation}. It packs panels of A and B into reused
 * thread-local buffers, runs a register-blocked Vector API kernel with cache blocking (KC, MC, NC)
 * and splits C over up to {@link #threads()} threads of {@link KernelPool#common()}; for products
 * of up to four panels of B the 12 x 2 and 4 x 2 blocks read A's rows in place instead of packing
 * them ({@link #readsARowsInPlace}). The register
 * block ({@link RegisterBlock}, e.g. 6 rows x 4 vectors) is chosen for the machine's vector width
 * and register count by {@link KernelChoice}; the vector width is {@link Simd}'s.
 *
 * <p>Determinism: the reduction dimension K is never split between threads and every element of C
 * gets the same sequence of FMAs whatever tile, edge or thread computes it, so results are
 * bit-identical across runs, thread counts, register blocks and vector widths. Tuning knobs, read once at class load:
 * system properties {@code fewhot.gemm.kc}, {@code fewhot.gemm.mc}, {@code fewhot.gemm.nc},
 * {@code fewhot.gemm.minParallelFlops}. Instances are immutable and thread-safe.
 */
public final class Sgemm implements Gemm {

    static final VectorSpecies<Float> S = Simd.FLOAT;
    static final int L = S.length();
    /**
     * Depth of a packed panel. It is the one blocking size that shapes the arithmetic (each
     * element of C is one FMA chain per KC-deep slice of K, the slices then added to C in
     * order), so it is a constant of the library, the same on every machine, and not tuned.
     */
    static final int KC = Math.max(1, Integer.getInteger("fewhot.gemm.kc", 256));
    /** Rows of A per cache block (rounded up to whole register blocks): a packed A block stays in L2. */
    static final int MC = Math.max(1, Integer.getInteger("fewhot.gemm.mc", 96));
    /** Columns of B per cache block (rounded up to whole register blocks). */
    static final int NC = Math.max(1, Integer.getInteger("fewhot.gemm.nc", 1024));
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

    /**
     * The thread's packing buffers: A block, B block, tile; made at once for the largest register
     * block, so that a thread's first product does not take the branch that grows them; and
     * fetched by {@link #run}'s callers, as a thread's first {@code get} also takes a branch the
     * warm-up may not have. Taken first in a compiled {@link #run} (on a thread the warm-up did not
     * run on: the trainer's), such a branch deoptimised it, and the JIT compiled it again three
     * times during the first epoch (260 ms of compilation on a 2-core machine).
     */
    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(Sgemm::newBuffers);

    private static float[][] newBuffers() {
        int b = 0, t = 0;
        for (RegisterBlock block : RegisterBlock.values()) {
            int mr0 = block.rows(), nr0 = block.vectors() * L;
            b = Math.max(b, KC * roundUp(NC, nr0));
            t = Math.max(t, mr0 * nr0);
        }
        return new float[][] {new float[packedARowsCapacity(MC) * KC], new float[b], new float[t]};
    }

    /** Rows of packed A a thread's buffer holds for cache blocks of {@code mc} rows (the setting): any block's {@link #packedARows}. */
    static int packedARowsCapacity(int mc) {
        int rows = 0;
        for (RegisterBlock block : RegisterBlock.values()) {
            rows = Math.max(rows, roundUp(mc, block.rows()) + edgeBlock(block).rows());
        }
        return rows;
    }

    /**
     * Rows of packed A that {@link #run} writes for a cache block of {@code mc} rows: the rows
     * before {@link #wholeBlockRows} in the block's panels (the last zero-padded to the block's
     * rows), the rest in the edge's ({@link #edgeBlock}), zero-padded to its rows.
     */
    static int packedARows(RegisterBlock block, int mc, boolean inPlace) {
        int full = wholeBlockRows(block, mc, inPlace);
        return roundUp(full, block.rows()) + roundUp(mc - full, edgeBlock(block).rows());
    }

    /**
     * Where {@link #run} stops taking a cache block of {@code mc} rows in the block's own tiles:
     * after the last whole block when A's rows are read in place or the block has a smaller edge
     * ({@link #edgeBlock}), the rows from there on being the edge's tiles; otherwise at {@code mc},
     * the last of the block's panels zero-padded.
     */
    static int wholeBlockRows(RegisterBlock block, int mc, boolean inPlace) {
        return inPlace || edgeBlock(block) != block ? mc / block.rows() * block.rows() : mc;
    }

    private static final ThreadLocal<Job> JOBS = ThreadLocal.withInitial(Job::new);

    private final int threads;
    private final long minParallelFlops;
    private final RegisterBlock block;

    /** A product that may use all available processors. */
    public Sgemm() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param threads the most threads one product may use, {@code >= 1}; small products use one
     */
    public Sgemm(int threads) {
        this(threads, KernelChoice.block());
    }

    /**
     * @param threads the most threads one product may use, {@code >= 1}; small products use one
     * @param block   the register block (results do not depend on it, only speed)
     */
    public Sgemm(int threads, RegisterBlock block) {
        this(threads, MIN_PARALLEL_FLOPS, block);
    }

    /** For tests: also sets the flop count from which a product is split between threads. */
    Sgemm(int threads, long minParallelFlops) {
        this(threads, minParallelFlops, KernelChoice.block());
    }

    Sgemm(int threads, long minParallelFlops, RegisterBlock block) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        if (block == null) throw new NullPointerException("block");
        this.threads = threads;
        this.minParallelFlops = minParallelFlops;
        this.block = block;
    }

    /** @return the register block of this instance */
    public RegisterBlock block() {
        return block;
    }

    /** @return the register block of {@code new Sgemm(threads)} on this machine and JVM */
    public static RegisterBlock defaultBlock() {
        return KernelChoice.block();
    }

    /** @return e.g. {@code java 12x2 block (fits 32 vector registers), AVX-512, 16 x float (512-bit)} */
    public String describe() {
        String from = block == KernelChoice.block() ? KernelChoice.source() : "given";
        return "java " + block.label() + " block (" + from + "), " + Simd.width();
    }

    @Override
    public String name() {
        return "java";
    }

    /** @return the most threads one product may use */
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
        KernelChecks.matrix("C", c, cOff, ldc, m, n);
        if (bias != null) KernelChecks.range("bias", bias.length, biasOff, n);
        boolean product = k > 0 && alpha != 0f;
        if (product) {
            if (opA == Op.N) KernelChecks.matrix("A", a, aOff, lda, m, k);
            else KernelChecks.matrix("A", a, aOff, lda, k, m);
            if (opB == Op.N) KernelChecks.matrix("B", b, bOff, ldb, k, n);
            else KernelChecks.matrix("B", b, bOff, ldb, n, k);
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
        int panelsN = (n + block.vectors() * L - 1) / (block.vectors() * L);
        int panelsM = (m + block.rows() - 1) / block.rows();
        int t = threads;
        if ((double) 2 * m * n * k < minParallelFlops) t = 1;
        t = Math.min(t, Math.max(panelsN, panelsM));
        if (t <= 1) {
            run(block, opA, opB, 0, m, 0, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
                    bias, biasOff, act, product, BUFFERS.get());
            return;
        }
        Job job = JOBS.get();
        job.set(block, opA, opB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
                bias, biasOff, act, product, t, splitN(m, n, panelsN, panelsM, t));
        try {
            KernelPool.common().invoke(job, t);
        } finally {
            job.clear();
        }
    }

    /**
     * Whether the threads split C by columns (each packs all of op(A) and its share of op(B)) or
     * by rows (all of op(B), its share of op(A)): the one that packs less, m x k x t + k x n
     * against m x k + k x n x t, so by rows when m > n. Either way each element of C is computed
     * the same way. On the weight gradient's TN 1024 x 512 x 256 (Intel Xeon, AVX-512, 2 threads,
     * three JVMs) rows ran at 199-238 GFLOPS against 179-212 for columns.
     */
    static boolean splitN(int m, int n, int panelsN, int panelsM, int t) {
        if (panelsN < t) return false;
        if (m > n && panelsM >= t) return false;
        return true;
    }

    static int roundUp(int x, int q) {
        return (x + q - 1) / q * q;
    }

    /** One parallel product: part t computes a fixed block of rows or columns of C. */
    private static final class Job implements KernelPool.Task {
        RegisterBlock block;
        Op opA, opB;
        int m, n, k, aOff, lda, bOff, ldb, cOff, ldc, biasOff, parts;
        float alpha, beta;
        float[] a, b, c, bias;
        Activation act;
        boolean product, splitN;

        void set(RegisterBlock block, Op opA, Op opB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                 float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc,
                 float[] bias, int biasOff, Activation act, boolean product, int parts, boolean splitN) {
            this.block = block; this.opA = opA; this.opB = opB; this.m = m; this.n = n; this.k = k; this.alpha = alpha;
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
            // part t's share of whole register blocks along the split dimension
            int size = splitN ? n : m, unit = splitN ? block.vectors() * L : block.rows();
            int panels = (size + unit - 1) / unit;
            int from = (int) ((long) t * panels / parts) * unit;
            int to = Math.min(size, (int) ((long) (t + 1) * panels / parts) * unit);
            if (from >= to) return;
            if (splitN) {
                Sgemm.run(block, opA, opB, 0, m, from, to, k, alpha, a, aOff, lda, b, bOff, ldb, beta,
                        c, cOff, ldc, bias, biasOff, act, product, BUFFERS.get());
            } else {
                Sgemm.run(block, opA, opB, from, to, 0, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta,
                        c, cOff, ldc, bias, biasOff, act, product, BUFFERS.get());
            }
        }
    }

    /**
     * Computes rows [i0, i1) and columns [j0, j1) of C on the calling thread, packing into
     * {@code buf} (the thread's {@link #BUFFERS}, fetched by the caller: see {@link #newBuffers}).
     */
    static void run(RegisterBlock block, Op opA, Op opB, int i0, int i1, int j0, int j1, int k, float alpha,
                    float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                    float beta, float[] c, int cOff, int ldc,
                    float[] bias, int biasOff, Activation act, boolean product, float[][] buf) {
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
        int mr0 = block.rows(), nr0 = block.vectors() * L;
        int mcMax = roundUp(MC, mr0), ncMax = roundUp(NC, nr0); // buf holds them: see newBuffers
        float[] pa = buf[0];
        float[] pb = buf[1];
        float[] tile = buf[2];
        RegisterBlock edge = edgeBlock(block);
        for (int jc = 0; jc < n; jc += ncMax) {
            int nc = Math.min(ncMax, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                boolean last = pc + kc == k;
                float betaEff = pc == 0 ? beta : 1f;
                packB(nr0, opB, b, b0, ldb, pc, jc, kc, nc, pb);
                boolean inPlace = readsARowsInPlace(block, opA, nc, nr0);
                for (int ic = 0; ic < m; ic += mcMax) {
                    int mc = Math.min(mcMax, m - ic);
                    int full = wholeBlockRows(block, mc, inPlace);
                    if (inPlace) {
                        for (int jr = 0; jr < nc; jr += nr0) {
                            int nr = Math.min(nr0, nc - jr);
                            for (int ir = 0; ir < full; ir += mr0) {
                                tile(block, kc, a, a0 + (ic + ir) * lda + pc, lda, pb, jr, tile, mr0, nr, alpha, betaEff, c,
                                        c0 + (ic + ir) * ldc + jc + jr, ldc, last && epilogue, bias, bias0 + jc + jr, act);
                            }
                        }
                        if (full == mc) continue;
                        packA(edge.rows(), opA, a, a0, lda, ic + full, pc, mc - full, kc, pa, full * kc);
                    } else {
                        packA(mr0, opA, a, a0, lda, ic, pc, full, kc, pa, 0);
                        if (full < mc) packA(edge.rows(), opA, a, a0, lda, ic + full, pc, mc - full, kc, pa, full * kc);
                    }
                    if (A_PANEL_OUTER) {
                        for (int ir = inPlace ? full : 0; ir < mc; ) {
                            RegisterBlock bk = ir < full ? block : edge;
                            int mr = Math.min(bk.rows(), mc - ir);
                            for (int jr = 0; jr < nc; jr += nr0) {
                                int nr = Math.min(nr0, nc - jr);
                                tile(bk, kc, pa, ir * kc, 0, pb, jr, tile, mr, nr, alpha, betaEff, c,
                                        c0 + (ic + ir) * ldc + jc + jr, ldc, last && epilogue, bias, bias0 + jc + jr, act);
                            }
                            ir += bk.rows();
                        }
                    } else {
                        for (int jr = 0; jr < nc; jr += nr0) {
                            int nr = Math.min(nr0, nc - jr);
                            for (int ir = inPlace ? full : 0; ir < mc; ) {
                                RegisterBlock bk = ir < full ? block : edge;
                                int mr = Math.min(bk.rows(), mc - ir);
                                tile(bk, kc, pa, ir * kc, 0, pb, jr, tile, mr, nr, alpha, betaEff, c,
                                        c0 + (ic + ir) * ldc + jc + jr, ldc, last && epilogue, bias, bias0 + jc + jr, act);
                                ir += bk.rows();
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * The block for the rows of a cache block past its last whole register block: the 4 x 2
     * block where the block is two vectors wide and taller (12 x 2, 6 x 2, 5 x 2), so that those
     * rows are 4-row tiles instead of one panel zero-padded to the block's rows (at batch 256 the
     * 12 x 2 block's last panel held 4 rows and 8 of zeros: 3% of a product's FMAs); otherwise the
     * block itself. Every element still gets the same FMAs in the same order, so the same bits.
     */
    static RegisterBlock edgeBlock(RegisterBlock block) {
        return block.vectors() == 2 && block.rows() > RegisterBlock.B4X2.rows() ? RegisterBlock.B4X2 : block;
    }

    /**
     * One tile of C: the micro-kernel over kc steps of K, then {@link #finish}. A is a packed
     * panel from {@code aOff} ({@code lda} 0) or, for the blocks with such a kernel
     * ({@link #readsARowsInPlace}), the block's rows of A read where they are, from {@code aOff}
     * and {@code lda} apart (then {@code mr} is the block's rows). {@code jr}: a multiple of the
     * block's columns.
     */
    private static void tile(RegisterBlock block, int kc, float[] a, int aOff, int lda, float[] pb, int jr,
                             float[] tile, int mr, int nr, float alpha, float betaEff, float[] c, int ct, int ldc,
                             boolean epilogue, float[] bias, int biasOff, Activation act) {
        int bOff = jr * kc;
        if (addsIntoC(block, lda, mr, nr, betaEff)) {
            switch (block) {
                case B12X2: micro12x2Add(kc, a, aOff, pb, bOff, c, ct, ldc, alpha, betaEff); break;
                case B5X2: micro5x2Add(kc, a, aOff, pb, bOff, c, ct, ldc, alpha, betaEff); break;
                case B4X2: micro4x2Add(kc, a, aOff, pb, bOff, c, ct, ldc, alpha, betaEff); break;
                default: throw new AssertionError(block);
            }
            finish(block, tile, mr, nr, alpha, betaEff, c, ct, ldc, true, epilogue, bias, biasOff, act);
            return;
        }
        boolean direct = writesC(block, mr, nr, betaEff);
        float[] out = direct ? c : tile;
        int off = direct ? ct : 0, ld = direct ? ldc : block.vectors() * L;
        float scale = direct ? alpha : 1f;
        if (lda > 0) {
            switch (block) {
                case B12X2: micro12x2Rows(kc, a, aOff, lda, pb, bOff, out, off, ld, scale); break;
                case B4X2: micro4x2Rows(kc, a, aOff, lda, pb, bOff, out, off, ld, scale); break;
                default: throw new AssertionError(block);
            }
        } else {
            switch (block) {
                case B6X4: micro6x4(kc, a, aOff, pb, bOff, out, off, ld, scale); break;
                case B8X3: micro8x3(kc, a, aOff, pb, bOff, out, off, ld, scale); break;
                case B12X2: micro12x2(kc, a, aOff, pb, bOff, out, off, ld, scale); break;
                case B6X2: micro6x2(kc, a, aOff, pb, bOff, out, off, ld, scale); break;
                case B5X2: micro5x2(kc, a, aOff, pb, bOff, out, off, ld, scale); break;
                case B4X3: micro4x3(kc, a, aOff, pb, bOff, out, off, ld, scale); break;
                case B4X2: micro4x2(kc, a, aOff, pb, bOff, out, off, ld, scale); break;
                default: throw new AssertionError(block);
            }
        }
        finish(block, tile, mr, nr, alpha, betaEff, c, ct, ldc, direct, epilogue, bias, biasOff, act);
    }

    /**
     * Whether the micro-kernel writes its accumulators times alpha straight into C: a whole tile
     * whose C is not read (the first 256-deep slice of K with beta 0). Otherwise, unless
     * {@link #addsIntoC}, it writes them into the tile buffer (times 1, which changes no bit) and
     * {@link #store} adds them to C. Either
     * way each element gets {@code alpha * sum} when C is not read, so results are the same bit for
     * bit. Held to AVX2 (4 x 2, Intel Xeon, one thread, one JVM against the buffer every time): the
     * trainer's four products 1.01-1.03x.
     */
    static boolean writesC(RegisterBlock block, int mr, int nr, float betaEff) {
        return betaEff == 0f && mr == block.rows() && nr == block.vectors() * L;
    }

    /**
     * Whether the micro-kernel adds a whole tile into C itself ({@code alpha * acc + betaEff * C},
     * one FMA an element, C read in the kernel; the {@code ...Add} kernels) instead of writing it
     * into the tile buffer for {@link #store}: the same FMA either way, so the same bits. For the
     * slices of K after the first (and a first with beta != 0), on the blocks the register rule or
     * the race can choose (12 x 2, 5 x 2, 4 x 2) with A packed ({@code lda} 0); the other blocks,
     * taken only when forced, and A read in place keep the buffer. On NN 256x512x1024 (four slices
     * of K), fewhot / OpenBLAS in alternating JVMs, Intel Xeon: held to AVX2 0.81 -> 0.89 at two
     * threads, 0.79 -> 0.85 at one under OpenJDK 17 (5 x 2); AVX-512 0.90 -> 0.93 at two
     * (docs/benchmarks.md).
     */
    static boolean addsIntoC(RegisterBlock block, int lda, int mr, int nr, float betaEff) {
        return betaEff != 0f && lda == 0 && mr == block.rows() && nr == block.vectors() * L
                && (block == RegisterBlock.B12X2 || block == RegisterBlock.B5X2 || block == RegisterBlock.B4X2);
    }

    /**
     * Adds the tile to C (see {@link #store}) unless the micro-kernel wrote C itself
     * ({@code direct}), then the bias and activation when due.
     */
    private static void finish(RegisterBlock block, float[] tile, int mr, int nr, float alpha, float betaEff,
                               float[] c, int ct, int ldc, boolean direct, boolean epilogue, float[] bias, int biasOff,
                               Activation act) {
        if (!direct) store(tile, block.vectors() * L, mr, nr, alpha, betaEff, c, ct, ldc);
        if (epilogue) {
            for (int i = 0; i < mr; i++) VectorOps.biasActivation(c, ct + i * ldc, nr, bias, biasOff, act);
        }
    }

    /**
     * Whether a cache block of op(B) of {@code nc} columns takes A's rows in place instead of
     * packing them: A not transposed, a block with such a kernel, and at most
     * {@value #IN_PLACE_MAX_PANELS} panels of B. Packing transposes every element of A once (a
     * scalar load and store) and each packed element then serves every panel of B; with a few
     * panels that transposition costs more than the in-place kernel loses per flop (12-17% on the
     * 12 x 2 block). Measured on an Intel Xeon (AVX-512, one thread, busy host, two JVMs each):
     * in place ran faster at 3 to 6 panels in most rounds, slower at 8 (docs/benchmarks.md).
     */
    static boolean readsARowsInPlace(RegisterBlock block, Op opA, int nc, int nr0) {
        return opA == Op.N && (block == RegisterBlock.B12X2 || block == RegisterBlock.B4X2)
                && nc <= IN_PLACE_MAX_PANELS * nr0;
    }

    /** Most panels of B for which {@link #readsARowsInPlace} skips packing A. */
    static final int IN_PLACE_MAX_PANELS = 4;

    /** C tile = alpha * tile + betaEff * C tile (C not read when betaEff == 0). */
    private static void store(float[] tile, int ldt, int mr, int nr, float alpha, float betaEff,
                              float[] c, int ct, int ldc) {
        int full = nr / L * L;
        FloatVector av = FloatVector.broadcast(S, alpha);
        for (int i = 0; i < mr; i++) {
            int ti = i * ldt;
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

    /**
     * Packs op(A)[ic .. ic+mc, pc .. pc+kc] as panels of panelRows rows, k-major, zero-padded,
     * from {@code pa[paOff]}: the panel of row ir at {@code paOff + ir * kc}.
     */
    private static void packA(int panelRows, Op opA, float[] a, int a0, int lda, int ic, int pc, int mc, int kc,
                              float[] pa, int paOff) {
        for (int ir = 0; ir < mc; ir += panelRows) {
            int mr = Math.min(panelRows, mc - ir);
            int dst = paOff + ir * kc;
            if (opA == Op.N) {
                transposeRows(a, a0 + (ic + ir) * lda + pc, lda, mr, kc, pa, dst, panelRows);
            } else if (mr == QUAD && panelRows == QUAD) {
                copyQuads(a, a0 + pc * lda + ic + ir, lda, kc, pa, dst);
            } else {
                for (int p = 0; p < kc; p++) {
                    int src = a0 + (pc + p) * lda + ic + ir;
                    int d = dst + p * panelRows;
                    System.arraycopy(a, src, pa, d, mr);
                }
            }
            if (mr < panelRows) {
                for (int p = 0; p < kc; p++) {
                    for (int i = mr; i < panelRows; i++) pa[dst + p * panelRows + i] = 0f;
                }
            }
        }
    }

    /** Rows of the panels that {@link #copyQuads} packs: the 4 x 2 block's. */
    static final int QUAD = 4;

    /**
     * Packs a whole 4-row panel of A^T (A transposed, the 4 x 2 block): {@code kc} pieces of 4
     * floats, {@code lda} apart in A. Each step of K loads a whole vector from A and stores it at
     * its piece: the lanes past the piece's 4 land on the next pieces of the same panel, which
     * their own steps overwrite; the last {@code L / 4 - 1} steps, whose lanes would pass the
     * panel's end, copy 4 floats. The reads stay inside A: a vector from row p ends before the
     * piece of row {@code p + L / 4 - 1} does, since {@code lda >= 4}. The species is the kernels'
     * own (one float species in the JVM, see {@link Simd}).
     *
     * <p>Instead of a {@code System.arraycopy} call a piece: alone, packing the 1024 x 256 A^T of
     * the weight gradient held to AVX2 took 67 against 211 us. TN 1024x512x256 against OpenBLAS,
     * held to AVX2, Intel Xeon, the two in alternating JVMs, three pairs: 0.86 -> 0.89 at one
     * thread, 0.91 -> 0.93 at two (Temurin 25; nine pairs with six of earlier forms of this
     * packing: 0.85 -> 0.91 and 0.90 -> 0.94); 0.74 -> 0.78 at one under OpenJDK 17.
     * The other panels keep the copy: with the same stores, the 5-row panels (5 x 2 held to AVX2)
     * ran no faster and the 12-row ones (12 x 2, AVX-512) the same within the runs' spread
     * (docs/benchmarks.md).
     */
    static void copyQuads(float[] a, int src, int lda, int kc, float[] pa, int dst) {
        int vectorSteps = kc - (L / QUAD - 1);
        int p = 0, s = src, d = dst;
        for (; p < vectorSteps; p++, s += lda, d += QUAD) FloatVector.fromArray(S, a, s).intoArray(pa, d);
        for (; p < kc; p++, s += lda, d += QUAD) {
            pa[d] = a[s];
            pa[d + 1] = a[s + 1];
            pa[d + 2] = a[s + 2];
            pa[d + 3] = a[s + 3];
        }
    }

    /**
     * Packs op(B)[pc .. pc+kc, jc .. jc+nc] as panels of panelCols columns, k-major, zero-padded.
     * B not transposed: {@link #PACK_B_ROWS} rows at a time, their pieces copied a vector at a
     * time into one panel, then the next panel ({@link #copyPieces}). Panel by panel over all of
     * K, the reads stride down B a row apart and miss the cache (13% of the forward layer's NN
     * 256 x 512 x 1024 on an Intel Xeon, AVX-512, one thread, JFR); row by row over all the
     * panels, with one {@code System.arraycopy} a piece, packing 256 x 1024 took 155 us held to
     * AVX2 and 91 us on AVX-512, against 47 and 43 us this way (Intel Xeon, alone, medians).
     */
    private static void packB(int panelCols, Op opB, float[] b, int b0, int ldb, int pc, int jc, int kc, int nc,
                              float[] pb) {
        if (opB == Op.N) {
            int full = nc / panelCols * panelCols;
            int panelSize = kc * panelCols;
            for (int p0 = 0; p0 < kc; p0 += PACK_B_ROWS) {
                int rows = Math.min(PACK_B_ROWS, kc - p0);
                int src = b0 + (pc + p0) * ldb + jc;
                for (int jr = 0, d = p0 * panelCols; jr < full; jr += panelCols, d += panelSize) {
                    copyPieces(b, src + jr, ldb, rows, pb, d, panelCols);
                }
            }
            if (full < nc) {
                int nr = nc - full;
                int dst = (full / panelCols) * panelSize;
                for (int p = 0; p < kc; p++) {
                    int d = dst + p * panelCols;
                    System.arraycopy(b, b0 + (pc + p) * ldb + jc + full, pb, d, nr);
                    for (int j = nr; j < panelCols; j++) pb[d + j] = 0f;
                }
            }
            return;
        }
        int[] rowStarts = GATHER_B ? rowStarts(ldb) : null;
        for (int jr = 0; jr < nc; jr += panelCols) {
            int nr = Math.min(panelCols, nc - jr);
            int dst = (jr / panelCols) * kc * panelCols;
            if (rowStarts != null && nr == panelCols) {
                gatherRows(b, b0 + (jc + jr) * ldb + pc, ldb, rowStarts, nr, kc, pb, dst, panelCols);
                continue;
            }
            transposeRows(b, b0 + (jc + jr) * ldb + pc, ldb, nr, kc, pb, dst, panelCols);
            if (nr < panelCols) {
                for (int p = 0; p < kc; p++) {
                    for (int j = nr; j < panelCols; j++) pb[dst + p * panelCols + j] = 0f;
                }
            }
        }
    }

    /**
     * Rows of B that {@link #packB} copies into one panel before it moves to the next panel (B not
     * transposed). Row by row across all the panels, each row's pieces land a whole panel apart
     * (16 or 32 KB: the same L1 set) and every piece was a {@code System.arraycopy} call; eight
     * rows a panel write 512 or 1,024 contiguous bytes and read eight rows' pieces side by side.
     */
    static final int PACK_B_ROWS = 8;

    /**
     * {@code dst[d + r * width + j] = src[s + r * ld + j]} for {@code r < rows}, {@code j < width}
     * ({@code width} a whole number of vectors): {@code rows} pieces of B's rows, one under the
     * other in a panel, copied a vector at a time.
     */
    private static void copyPieces(float[] src, int s, int ld, int rows, float[] dst, int d, int width) {
        for (int r = 0; r < rows; r++, s += ld, d += width) {
            for (int j = 0; j < width; j += L) FloatVector.fromArray(S, src, s + j).intoArray(dst, d + j);
        }
    }

    /**
     * Whether op(B) = B^T is packed a vector of rows at a time by gathers ({@link #gatherRows})
     * rather than by scalar moves ({@link #transposeRows}); {@code -Dfewhot.gemm.gatherB=false}
     * takes the scalar moves (for benchmarks; the packed values are the same). The NT product
     * 256 x 1024 x 512, against OpenBLAS, alternating JVMs (Intel Xeon guest): AVX-512, Temurin
     * 25, one thread 0.95 / 0.92 against 0.91 / 0.91, two threads 0.96 / 0.86 / 1.01 against 0.93
     * / 0.90 / 0.93; OpenJDK 17 one thread 0.88 / 0.92 / 0.89 against 0.85 / 0.87 / 0.88; held to
     * AVX2 the same within the spread (0.82-0.87 either way).
     */
    static final boolean GATHER_B = !"false".equals(System.getProperty("fewhot.gemm.gatherB"));

    /** {@code 0, ld, 2 ld, ...}: the starts of L rows {@code ld} apart, for a gather. */
    private static int[] rowStarts(int ld) {
        int[] idx = new int[L];
        for (int r = 0; r < L; r++) idx[r] = r * ld;
        return idx;
    }

    /**
     * {@link #transposeRows} for a whole number of vectors of rows: column p of L rows at a time
     * with one gather, stored as one vector.
     */
    private static void gatherRows(float[] src, int s0, int ld, int[] rowStarts, int count, int kc, float[] dst,
                                   int d0, int width) {
        for (int i = 0; i < count; i += L) {
            int s = s0 + i * ld, d = d0 + i;
            for (int p = 0; p < kc; p++, d += width) {
                FloatVector.fromArray(S, src, s + p, rowStarts, 0).intoArray(dst, d);
            }
        }
    }

    /**
     * {@code dst[d0 + p * width + i] = src[s0 + i * ld + p]} for {@code i < count}, {@code p < kc}:
     * rows of a row-major matrix, each contiguous along p, written k-major into a panel of
     * {@code width} columns (op(A) = A's rows, op(B) = B^T's columns). Eight source rows at a
     * time, then four, then one: eight read streams and eight adjacent stores per p, where one
     * row at a time stored {@code width} floats apart. Plain scalar copies: transposing in
     * registers with the Vector API's shuffles ran about twice as slow (docs/benchmarks.md).
     * Measured alone, 12-row panels of 96 x 256 floats (Intel Xeon, AVX-512): 0.66 ns an element
     * one row at a time, 0.40 eight at a time; 32-column panels 1.01 and 0.38-0.58.
     */
    private static void transposeRows(float[] src, int s0, int ld, int count, int kc, float[] dst, int d0, int width) {
        int i = 0;
        for (; i + 8 <= count; i += 8) {
            int s = s0 + i * ld, d = d0 + i;
            for (int p = 0; p < kc; p++, s++, d += width) {
                float x0 = src[s], x1 = src[s + ld], x2 = src[s + 2 * ld], x3 = src[s + 3 * ld];
                float x4 = src[s + 4 * ld], x5 = src[s + 5 * ld], x6 = src[s + 6 * ld], x7 = src[s + 7 * ld];
                dst[d] = x0; dst[d + 1] = x1; dst[d + 2] = x2; dst[d + 3] = x3;
                dst[d + 4] = x4; dst[d + 5] = x5; dst[d + 6] = x6; dst[d + 7] = x7;
            }
        }
        for (; i + 4 <= count; i += 4) {
            int s = s0 + i * ld, d = d0 + i;
            for (int p = 0; p < kc; p++, s++, d += width) {
                float x0 = src[s], x1 = src[s + ld], x2 = src[s + 2 * ld], x3 = src[s + 3 * ld];
                dst[d] = x0; dst[d + 1] = x1; dst[d + 2] = x2; dst[d + 3] = x3;
            }
        }
        for (; i < count; i++) {
            int s = s0 + i * ld, d = d0 + i;
            for (int p = 0; p < kc; p++) dst[d + p * width] = src[s + p];
        }
    }

    // Each micro-kernel writes its accumulators times scale as rows of out, row r of the block at
    // out[off + r * ld, ...]: the tile buffer (scale 1) or C itself (scale alpha; see writesC).
    // The micro-kernels walk the packed panels with two induction variables (ai, bi), not with
    // aOff + p * rows and bOff + p * nr computed at each step of K: C2 then keeps no index
    // arithmetic in the loop and drops the range checks of A's broadcasts, 11 scalar instructions
    // instead of about 22 beside the 14 loads and 24 FMAs of a 12 x 2 step (disassembled; two of
    // the 11 a range check on B). The FMAs and their order are unchanged.
    // Raced in one JVM against the previous form (Intel Xeon, 60 interleaved rounds a shape): the
    // four trainer products 1.06-1.10x faster with 12 x 2 (AVX-512, one and two threads) and
    // 1.03-1.07x with 4 x 2 (held to AVX2), the most when the host is busy (docs/benchmarks.md).

    /** 6 x 4L register block (24 accumulators): out = scale * Ap(6 x kc) * Bp(kc x 4L). */
    static void micro6x4(int kc, float[] ap, int aOff, float[] bp, int bOff,
                         float[] out, int off, int ld, float scale) {
        final int nr = 4 * L;
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z, c0_2 = z, c0_3 = z;
        FloatVector c1_0 = z, c1_1 = z, c1_2 = z, c1_3 = z;
        FloatVector c2_0 = z, c2_1 = z, c2_2 = z, c2_3 = z;
        FloatVector c3_0 = z, c3_1 = z, c3_2 = z, c3_3 = z;
        FloatVector c4_0 = z, c4_1 = z, c4_2 = z, c4_3 = z;
        FloatVector c5_0 = z, c5_1 = z, c5_2 = z, c5_3 = z;
        int aEnd = aOff + kc * 6;
        for (int ai = aOff, bi = bOff; ai < aEnd; ai += 6, bi += nr) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector b2 = FloatVector.fromArray(S, bp, bi + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, bp, bi + 3 * L);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai + 0]);
            c0_0 = b0.fma(a, c0_0);
            c0_1 = b1.fma(a, c0_1);
            c0_2 = b2.fma(a, c0_2);
            c0_3 = b3.fma(a, c0_3);
            a = FloatVector.broadcast(S, ap[ai + 1]);
            c1_0 = b0.fma(a, c1_0);
            c1_1 = b1.fma(a, c1_1);
            c1_2 = b2.fma(a, c1_2);
            c1_3 = b3.fma(a, c1_3);
            a = FloatVector.broadcast(S, ap[ai + 2]);
            c2_0 = b0.fma(a, c2_0);
            c2_1 = b1.fma(a, c2_1);
            c2_2 = b2.fma(a, c2_2);
            c2_3 = b3.fma(a, c2_3);
            a = FloatVector.broadcast(S, ap[ai + 3]);
            c3_0 = b0.fma(a, c3_0);
            c3_1 = b1.fma(a, c3_1);
            c3_2 = b2.fma(a, c3_2);
            c3_3 = b3.fma(a, c3_3);
            a = FloatVector.broadcast(S, ap[ai + 4]);
            c4_0 = b0.fma(a, c4_0);
            c4_1 = b1.fma(a, c4_1);
            c4_2 = b2.fma(a, c4_2);
            c4_3 = b3.fma(a, c4_3);
            a = FloatVector.broadcast(S, ap[ai + 5]);
            c5_0 = b0.fma(a, c5_0);
            c5_1 = b1.fma(a, c5_1);
            c5_2 = b2.fma(a, c5_2);
            c5_3 = b3.fma(a, c5_3);
        }
        c0_0.mul(scale).intoArray(out, off + 0 * ld + 0 * L);
        c0_1.mul(scale).intoArray(out, off + 0 * ld + 1 * L);
        c0_2.mul(scale).intoArray(out, off + 0 * ld + 2 * L);
        c0_3.mul(scale).intoArray(out, off + 0 * ld + 3 * L);
        c1_0.mul(scale).intoArray(out, off + 1 * ld + 0 * L);
        c1_1.mul(scale).intoArray(out, off + 1 * ld + 1 * L);
        c1_2.mul(scale).intoArray(out, off + 1 * ld + 2 * L);
        c1_3.mul(scale).intoArray(out, off + 1 * ld + 3 * L);
        c2_0.mul(scale).intoArray(out, off + 2 * ld + 0 * L);
        c2_1.mul(scale).intoArray(out, off + 2 * ld + 1 * L);
        c2_2.mul(scale).intoArray(out, off + 2 * ld + 2 * L);
        c2_3.mul(scale).intoArray(out, off + 2 * ld + 3 * L);
        c3_0.mul(scale).intoArray(out, off + 3 * ld + 0 * L);
        c3_1.mul(scale).intoArray(out, off + 3 * ld + 1 * L);
        c3_2.mul(scale).intoArray(out, off + 3 * ld + 2 * L);
        c3_3.mul(scale).intoArray(out, off + 3 * ld + 3 * L);
        c4_0.mul(scale).intoArray(out, off + 4 * ld + 0 * L);
        c4_1.mul(scale).intoArray(out, off + 4 * ld + 1 * L);
        c4_2.mul(scale).intoArray(out, off + 4 * ld + 2 * L);
        c4_3.mul(scale).intoArray(out, off + 4 * ld + 3 * L);
        c5_0.mul(scale).intoArray(out, off + 5 * ld + 0 * L);
        c5_1.mul(scale).intoArray(out, off + 5 * ld + 1 * L);
        c5_2.mul(scale).intoArray(out, off + 5 * ld + 2 * L);
        c5_3.mul(scale).intoArray(out, off + 5 * ld + 3 * L);
    }

    /** 8 x 3L register block (24 accumulators): out = scale * Ap(8 x kc) * Bp(kc x 3L). */
    static void micro8x3(int kc, float[] ap, int aOff, float[] bp, int bOff,
                         float[] out, int off, int ld, float scale) {
        final int nr = 3 * L;
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z, c0_2 = z;
        FloatVector c1_0 = z, c1_1 = z, c1_2 = z;
        FloatVector c2_0 = z, c2_1 = z, c2_2 = z;
        FloatVector c3_0 = z, c3_1 = z, c3_2 = z;
        FloatVector c4_0 = z, c4_1 = z, c4_2 = z;
        FloatVector c5_0 = z, c5_1 = z, c5_2 = z;
        FloatVector c6_0 = z, c6_1 = z, c6_2 = z;
        FloatVector c7_0 = z, c7_1 = z, c7_2 = z;
        int aEnd = aOff + kc * 8;
        for (int ai = aOff, bi = bOff; ai < aEnd; ai += 8, bi += nr) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector b2 = FloatVector.fromArray(S, bp, bi + 2 * L);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai + 0]);
            c0_0 = b0.fma(a, c0_0);
            c0_1 = b1.fma(a, c0_1);
            c0_2 = b2.fma(a, c0_2);
            a = FloatVector.broadcast(S, ap[ai + 1]);
            c1_0 = b0.fma(a, c1_0);
            c1_1 = b1.fma(a, c1_1);
            c1_2 = b2.fma(a, c1_2);
            a = FloatVector.broadcast(S, ap[ai + 2]);
            c2_0 = b0.fma(a, c2_0);
            c2_1 = b1.fma(a, c2_1);
            c2_2 = b2.fma(a, c2_2);
            a = FloatVector.broadcast(S, ap[ai + 3]);
            c3_0 = b0.fma(a, c3_0);
            c3_1 = b1.fma(a, c3_1);
            c3_2 = b2.fma(a, c3_2);
            a = FloatVector.broadcast(S, ap[ai + 4]);
            c4_0 = b0.fma(a, c4_0);
            c4_1 = b1.fma(a, c4_1);
            c4_2 = b2.fma(a, c4_2);
            a = FloatVector.broadcast(S, ap[ai + 5]);
            c5_0 = b0.fma(a, c5_0);
            c5_1 = b1.fma(a, c5_1);
            c5_2 = b2.fma(a, c5_2);
            a = FloatVector.broadcast(S, ap[ai + 6]);
            c6_0 = b0.fma(a, c6_0);
            c6_1 = b1.fma(a, c6_1);
            c6_2 = b2.fma(a, c6_2);
            a = FloatVector.broadcast(S, ap[ai + 7]);
            c7_0 = b0.fma(a, c7_0);
            c7_1 = b1.fma(a, c7_1);
            c7_2 = b2.fma(a, c7_2);
        }
        c0_0.mul(scale).intoArray(out, off + 0 * ld + 0 * L);
        c0_1.mul(scale).intoArray(out, off + 0 * ld + 1 * L);
        c0_2.mul(scale).intoArray(out, off + 0 * ld + 2 * L);
        c1_0.mul(scale).intoArray(out, off + 1 * ld + 0 * L);
        c1_1.mul(scale).intoArray(out, off + 1 * ld + 1 * L);
        c1_2.mul(scale).intoArray(out, off + 1 * ld + 2 * L);
        c2_0.mul(scale).intoArray(out, off + 2 * ld + 0 * L);
        c2_1.mul(scale).intoArray(out, off + 2 * ld + 1 * L);
        c2_2.mul(scale).intoArray(out, off + 2 * ld + 2 * L);
        c3_0.mul(scale).intoArray(out, off + 3 * ld + 0 * L);
        c3_1.mul(scale).intoArray(out, off + 3 * ld + 1 * L);
        c3_2.mul(scale).intoArray(out, off + 3 * ld + 2 * L);
        c4_0.mul(scale).intoArray(out, off + 4 * ld + 0 * L);
        c4_1.mul(scale).intoArray(out, off + 4 * ld + 1 * L);
        c4_2.mul(scale).intoArray(out, off + 4 * ld + 2 * L);
        c5_0.mul(scale).intoArray(out, off + 5 * ld + 0 * L);
        c5_1.mul(scale).intoArray(out, off + 5 * ld + 1 * L);
        c5_2.mul(scale).intoArray(out, off + 5 * ld + 2 * L);
        c6_0.mul(scale).intoArray(out, off + 6 * ld + 0 * L);
        c6_1.mul(scale).intoArray(out, off + 6 * ld + 1 * L);
        c6_2.mul(scale).intoArray(out, off + 6 * ld + 2 * L);
        c7_0.mul(scale).intoArray(out, off + 7 * ld + 0 * L);
        c7_1.mul(scale).intoArray(out, off + 7 * ld + 1 * L);
        c7_2.mul(scale).intoArray(out, off + 7 * ld + 2 * L);
    }

    /** 12 x 2L register block (24 accumulators): out = scale * Ap(12 x kc) * Bp(kc x 2L). */
    static void micro12x2(int kc, float[] ap, int aOff, float[] bp, int bOff,
                          float[] out, int off, int ld, float scale) {
        final int nr = 2 * L;
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z;
        FloatVector c1_0 = z, c1_1 = z;
        FloatVector c2_0 = z, c2_1 = z;
        FloatVector c3_0 = z, c3_1 = z;
        FloatVector c4_0 = z, c4_1 = z;
        FloatVector c5_0 = z, c5_1 = z;
        FloatVector c6_0 = z, c6_1 = z;
        FloatVector c7_0 = z, c7_1 = z;
        FloatVector c8_0 = z, c8_1 = z;
        FloatVector c9_0 = z, c9_1 = z;
        FloatVector c10_0 = z, c10_1 = z;
        FloatVector c11_0 = z, c11_1 = z;
        int aEnd = aOff + kc * 12;
        for (int ai = aOff, bi = bOff; ai < aEnd; ai += 12, bi += nr) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai + 0]);
            c0_0 = b0.fma(a, c0_0);
            c0_1 = b1.fma(a, c0_1);
            a = FloatVector.broadcast(S, ap[ai + 1]);
            c1_0 = b0.fma(a, c1_0);
            c1_1 = b1.fma(a, c1_1);
            a = FloatVector.broadcast(S, ap[ai + 2]);
            c2_0 = b0.fma(a, c2_0);
            c2_1 = b1.fma(a, c2_1);
            a = FloatVector.broadcast(S, ap[ai + 3]);
            c3_0 = b0.fma(a, c3_0);
            c3_1 = b1.fma(a, c3_1);
            a = FloatVector.broadcast(S, ap[ai + 4]);
            c4_0 = b0.fma(a, c4_0);
            c4_1 = b1.fma(a, c4_1);
            a = FloatVector.broadcast(S, ap[ai + 5]);
            c5_0 = b0.fma(a, c5_0);
            c5_1 = b1.fma(a, c5_1);
            a = FloatVector.broadcast(S, ap[ai + 6]);
            c6_0 = b0.fma(a, c6_0);
            c6_1 = b1.fma(a, c6_1);
            a = FloatVector.broadcast(S, ap[ai + 7]);
            c7_0 = b0.fma(a, c7_0);
            c7_1 = b1.fma(a, c7_1);
            a = FloatVector.broadcast(S, ap[ai + 8]);
            c8_0 = b0.fma(a, c8_0);
            c8_1 = b1.fma(a, c8_1);
            a = FloatVector.broadcast(S, ap[ai + 9]);
            c9_0 = b0.fma(a, c9_0);
            c9_1 = b1.fma(a, c9_1);
            a = FloatVector.broadcast(S, ap[ai + 10]);
            c10_0 = b0.fma(a, c10_0);
            c10_1 = b1.fma(a, c10_1);
            a = FloatVector.broadcast(S, ap[ai + 11]);
            c11_0 = b0.fma(a, c11_0);
            c11_1 = b1.fma(a, c11_1);
        }
        c0_0.mul(scale).intoArray(out, off + 0 * ld + 0 * L);
        c0_1.mul(scale).intoArray(out, off + 0 * ld + 1 * L);
        c1_0.mul(scale).intoArray(out, off + 1 * ld + 0 * L);
        c1_1.mul(scale).intoArray(out, off + 1 * ld + 1 * L);
        c2_0.mul(scale).intoArray(out, off + 2 * ld + 0 * L);
        c2_1.mul(scale).intoArray(out, off + 2 * ld + 1 * L);
        c3_0.mul(scale).intoArray(out, off + 3 * ld + 0 * L);
        c3_1.mul(scale).intoArray(out, off + 3 * ld + 1 * L);
        c4_0.mul(scale).intoArray(out, off + 4 * ld + 0 * L);
        c4_1.mul(scale).intoArray(out, off + 4 * ld + 1 * L);
        c5_0.mul(scale).intoArray(out, off + 5 * ld + 0 * L);
        c5_1.mul(scale).intoArray(out, off + 5 * ld + 1 * L);
        c6_0.mul(scale).intoArray(out, off + 6 * ld + 0 * L);
        c6_1.mul(scale).intoArray(out, off + 6 * ld + 1 * L);
        c7_0.mul(scale).intoArray(out, off + 7 * ld + 0 * L);
        c7_1.mul(scale).intoArray(out, off + 7 * ld + 1 * L);
        c8_0.mul(scale).intoArray(out, off + 8 * ld + 0 * L);
        c8_1.mul(scale).intoArray(out, off + 8 * ld + 1 * L);
        c9_0.mul(scale).intoArray(out, off + 9 * ld + 0 * L);
        c9_1.mul(scale).intoArray(out, off + 9 * ld + 1 * L);
        c10_0.mul(scale).intoArray(out, off + 10 * ld + 0 * L);
        c10_1.mul(scale).intoArray(out, off + 10 * ld + 1 * L);
        c11_0.mul(scale).intoArray(out, off + 11 * ld + 0 * L);
        c11_1.mul(scale).intoArray(out, off + 11 * ld + 1 * L);
    }

    /**
     * {@link #micro12x2} adding its tile into C as {@code alpha * acc + beta * C} (one FMA an element,
     * as {@link #store} adds the tile buffer): the same FMAs in the same order. A copy, not a flag:
     * with both endings in one method the JIT compiled the method worse, and products that never
     * read C ran up to 6% slower (4 x 2 held to AVX2, separate JVMs).
     */
    static void micro12x2Add(int kc, float[] ap, int aOff, float[] bp, int bOff,
                             float[] c, int off, int ld, float alpha, float beta) {
        final int nr = 2 * L;
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z;
        FloatVector c1_0 = z, c1_1 = z;
        FloatVector c2_0 = z, c2_1 = z;
        FloatVector c3_0 = z, c3_1 = z;
        FloatVector c4_0 = z, c4_1 = z;
        FloatVector c5_0 = z, c5_1 = z;
        FloatVector c6_0 = z, c6_1 = z;
        FloatVector c7_0 = z, c7_1 = z;
        FloatVector c8_0 = z, c8_1 = z;
        FloatVector c9_0 = z, c9_1 = z;
        FloatVector c10_0 = z, c10_1 = z;
        FloatVector c11_0 = z, c11_1 = z;
        int aEnd = aOff + kc * 12;
        for (int ai = aOff, bi = bOff; ai < aEnd; ai += 12, bi += nr) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai + 0]);
            c0_0 = b0.fma(a, c0_0);
            c0_1 = b1.fma(a, c0_1);
            a = FloatVector.broadcast(S, ap[ai + 1]);
            c1_0 = b0.fma(a, c1_0);
            c1_1 = b1.fma(a, c1_1);
            a = FloatVector.broadcast(S, ap[ai + 2]);
            c2_0 = b0.fma(a, c2_0);
            c2_1 = b1.fma(a, c2_1);
            a = FloatVector.broadcast(S, ap[ai + 3]);
            c3_0 = b0.fma(a, c3_0);
            c3_1 = b1.fma(a, c3_1);
            a = FloatVector.broadcast(S, ap[ai + 4]);
            c4_0 = b0.fma(a, c4_0);
            c4_1 = b1.fma(a, c4_1);
            a = FloatVector.broadcast(S, ap[ai + 5]);
            c5_0 = b0.fma(a, c5_0);
            c5_1 = b1.fma(a, c5_1);
            a = FloatVector.broadcast(S, ap[ai + 6]);
            c6_0 = b0.fma(a, c6_0);
            c6_1 = b1.fma(a, c6_1);
            a = FloatVector.broadcast(S, ap[ai + 7]);
            c7_0 = b0.fma(a, c7_0);
            c7_1 = b1.fma(a, c7_1);
            a = FloatVector.broadcast(S, ap[ai + 8]);
            c8_0 = b0.fma(a, c8_0);
            c8_1 = b1.fma(a, c8_1);
            a = FloatVector.broadcast(S, ap[ai + 9]);
            c9_0 = b0.fma(a, c9_0);
            c9_1 = b1.fma(a, c9_1);
            a = FloatVector.broadcast(S, ap[ai + 10]);
            c10_0 = b0.fma(a, c10_0);
            c10_1 = b1.fma(a, c10_1);
            a = FloatVector.broadcast(S, ap[ai + 11]);
            c11_0 = b0.fma(a, c11_0);
            c11_1 = b1.fma(a, c11_1);
        }
        FloatVector av = FloatVector.broadcast(S, alpha);
        c0_0.fma(av, FloatVector.fromArray(S, c, off + 0 * ld + 0 * L).mul(beta)).intoArray(c, off + 0 * ld + 0 * L);
        c0_1.fma(av, FloatVector.fromArray(S, c, off + 0 * ld + 1 * L).mul(beta)).intoArray(c, off + 0 * ld + 1 * L);
        c1_0.fma(av, FloatVector.fromArray(S, c, off + 1 * ld + 0 * L).mul(beta)).intoArray(c, off + 1 * ld + 0 * L);
        c1_1.fma(av, FloatVector.fromArray(S, c, off + 1 * ld + 1 * L).mul(beta)).intoArray(c, off + 1 * ld + 1 * L);
        c2_0.fma(av, FloatVector.fromArray(S, c, off + 2 * ld + 0 * L).mul(beta)).intoArray(c, off + 2 * ld + 0 * L);
        c2_1.fma(av, FloatVector.fromArray(S, c, off + 2 * ld + 1 * L).mul(beta)).intoArray(c, off + 2 * ld + 1 * L);
        c3_0.fma(av, FloatVector.fromArray(S, c, off + 3 * ld + 0 * L).mul(beta)).intoArray(c, off + 3 * ld + 0 * L);
        c3_1.fma(av, FloatVector.fromArray(S, c, off + 3 * ld + 1 * L).mul(beta)).intoArray(c, off + 3 * ld + 1 * L);
        c4_0.fma(av, FloatVector.fromArray(S, c, off + 4 * ld + 0 * L).mul(beta)).intoArray(c, off + 4 * ld + 0 * L);
        c4_1.fma(av, FloatVector.fromArray(S, c, off + 4 * ld + 1 * L).mul(beta)).intoArray(c, off + 4 * ld + 1 * L);
        c5_0.fma(av, FloatVector.fromArray(S, c, off + 5 * ld + 0 * L).mul(beta)).intoArray(c, off + 5 * ld + 0 * L);
        c5_1.fma(av, FloatVector.fromArray(S, c, off + 5 * ld + 1 * L).mul(beta)).intoArray(c, off + 5 * ld + 1 * L);
        c6_0.fma(av, FloatVector.fromArray(S, c, off + 6 * ld + 0 * L).mul(beta)).intoArray(c, off + 6 * ld + 0 * L);
        c6_1.fma(av, FloatVector.fromArray(S, c, off + 6 * ld + 1 * L).mul(beta)).intoArray(c, off + 6 * ld + 1 * L);
        c7_0.fma(av, FloatVector.fromArray(S, c, off + 7 * ld + 0 * L).mul(beta)).intoArray(c, off + 7 * ld + 0 * L);
        c7_1.fma(av, FloatVector.fromArray(S, c, off + 7 * ld + 1 * L).mul(beta)).intoArray(c, off + 7 * ld + 1 * L);
        c8_0.fma(av, FloatVector.fromArray(S, c, off + 8 * ld + 0 * L).mul(beta)).intoArray(c, off + 8 * ld + 0 * L);
        c8_1.fma(av, FloatVector.fromArray(S, c, off + 8 * ld + 1 * L).mul(beta)).intoArray(c, off + 8 * ld + 1 * L);
        c9_0.fma(av, FloatVector.fromArray(S, c, off + 9 * ld + 0 * L).mul(beta)).intoArray(c, off + 9 * ld + 0 * L);
        c9_1.fma(av, FloatVector.fromArray(S, c, off + 9 * ld + 1 * L).mul(beta)).intoArray(c, off + 9 * ld + 1 * L);
        c10_0.fma(av, FloatVector.fromArray(S, c, off + 10 * ld + 0 * L).mul(beta)).intoArray(c, off + 10 * ld + 0 * L);
        c10_1.fma(av, FloatVector.fromArray(S, c, off + 10 * ld + 1 * L).mul(beta)).intoArray(c, off + 10 * ld + 1 * L);
        c11_0.fma(av, FloatVector.fromArray(S, c, off + 11 * ld + 0 * L).mul(beta)).intoArray(c, off + 11 * ld + 0 * L);
        c11_1.fma(av, FloatVector.fromArray(S, c, off + 11 * ld + 1 * L).mul(beta)).intoArray(c, off + 11 * ld + 1 * L);
    }

    /** 6 x 2L register block (12 accumulators): out = scale * Ap(6 x kc) * Bp(kc x 2L). */
    static void micro6x2(int kc, float[] ap, int aOff, float[] bp, int bOff,
                         float[] out, int off, int ld, float scale) {
        final int nr = 2 * L;
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z;
        FloatVector c1_0 = z, c1_1 = z;
        FloatVector c2_0 = z, c2_1 = z;
        FloatVector c3_0 = z, c3_1 = z;
        FloatVector c4_0 = z, c4_1 = z;
        FloatVector c5_0 = z, c5_1 = z;
        int aEnd = aOff + kc * 6;
        for (int ai = aOff, bi = bOff; ai < aEnd; ai += 6, bi += nr) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai + 0]);
            c0_0 = b0.fma(a, c0_0);
            c0_1 = b1.fma(a, c0_1);
            a = FloatVector.broadcast(S, ap[ai + 1]);
            c1_0 = b0.fma(a, c1_0);
            c1_1 = b1.fma(a, c1_1);
            a = FloatVector.broadcast(S, ap[ai + 2]);
            c2_0 = b0.fma(a, c2_0);
            c2_1 = b1.fma(a, c2_1);
            a = FloatVector.broadcast(S, ap[ai + 3]);
            c3_0 = b0.fma(a, c3_0);
            c3_1 = b1.fma(a, c3_1);
            a = FloatVector.broadcast(S, ap[ai + 4]);
            c4_0 = b0.fma(a, c4_0);
            c4_1 = b1.fma(a, c4_1);
            a = FloatVector.broadcast(S, ap[ai + 5]);
            c5_0 = b0.fma(a, c5_0);
            c5_1 = b1.fma(a, c5_1);
        }
        c0_0.mul(scale).intoArray(out, off + 0 * ld + 0 * L);
        c0_1.mul(scale).intoArray(out, off + 0 * ld + 1 * L);
        c1_0.mul(scale).intoArray(out, off + 1 * ld + 0 * L);
        c1_1.mul(scale).intoArray(out, off + 1 * ld + 1 * L);
        c2_0.mul(scale).intoArray(out, off + 2 * ld + 0 * L);
        c2_1.mul(scale).intoArray(out, off + 2 * ld + 1 * L);
        c3_0.mul(scale).intoArray(out, off + 3 * ld + 0 * L);
        c3_1.mul(scale).intoArray(out, off + 3 * ld + 1 * L);
        c4_0.mul(scale).intoArray(out, off + 4 * ld + 0 * L);
        c4_1.mul(scale).intoArray(out, off + 4 * ld + 1 * L);
        c5_0.mul(scale).intoArray(out, off + 5 * ld + 0 * L);
        c5_1.mul(scale).intoArray(out, off + 5 * ld + 1 * L);
    }

    /** 5 x 2L register block (10 accumulators): out = scale * Ap(5 x kc) * Bp(kc x 2L). */
    static void micro5x2(int kc, float[] ap, int aOff, float[] bp, int bOff,
                         float[] out, int off, int ld, float scale) {
        final int nr = 2 * L;
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z;
        FloatVector c1_0 = z, c1_1 = z;
        FloatVector c2_0 = z, c2_1 = z;
        FloatVector c3_0 = z, c3_1 = z;
        FloatVector c4_0 = z, c4_1 = z;
        int aEnd = aOff + kc * 5;
        for (int ai = aOff, bi = bOff; ai < aEnd; ai += 5, bi += nr) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai + 0]);
            c0_0 = b0.fma(a, c0_0);
            c0_1 = b1.fma(a, c0_1);
            a = FloatVector.broadcast(S, ap[ai + 1]);
            c1_0 = b0.fma(a, c1_0);
            c1_1 = b1.fma(a, c1_1);
            a = FloatVector.broadcast(S, ap[ai + 2]);
            c2_0 = b0.fma(a, c2_0);
            c2_1 = b1.fma(a, c2_1);
            a = FloatVector.broadcast(S, ap[ai + 3]);
            c3_0 = b0.fma(a, c3_0);
            c3_1 = b1.fma(a, c3_1);
            a = FloatVector.broadcast(S, ap[ai + 4]);
            c4_0 = b0.fma(a, c4_0);
            c4_1 = b1.fma(a, c4_1);
        }
        c0_0.mul(scale).intoArray(out, off + 0 * ld + 0 * L);
        c0_1.mul(scale).intoArray(out, off + 0 * ld + 1 * L);
        c1_0.mul(scale).intoArray(out, off + 1 * ld + 0 * L);
        c1_1.mul(scale).intoArray(out, off + 1 * ld + 1 * L);
        c2_0.mul(scale).intoArray(out, off + 2 * ld + 0 * L);
        c2_1.mul(scale).intoArray(out, off + 2 * ld + 1 * L);
        c3_0.mul(scale).intoArray(out, off + 3 * ld + 0 * L);
        c3_1.mul(scale).intoArray(out, off + 3 * ld + 1 * L);
        c4_0.mul(scale).intoArray(out, off + 4 * ld + 0 * L);
        c4_1.mul(scale).intoArray(out, off + 4 * ld + 1 * L);
    }

    /** {@link #micro5x2} adding its tile into C, as {@link #micro12x2Add} does. */
    static void micro5x2Add(int kc, float[] ap, int aOff, float[] bp, int bOff,
                            float[] c, int off, int ld, float alpha, float beta) {
        final int nr = 2 * L;
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z;
        FloatVector c1_0 = z, c1_1 = z;
        FloatVector c2_0 = z, c2_1 = z;
        FloatVector c3_0 = z, c3_1 = z;
        FloatVector c4_0 = z, c4_1 = z;
        int aEnd = aOff + kc * 5;
        for (int ai = aOff, bi = bOff; ai < aEnd; ai += 5, bi += nr) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai + 0]);
            c0_0 = b0.fma(a, c0_0);
            c0_1 = b1.fma(a, c0_1);
            a = FloatVector.broadcast(S, ap[ai + 1]);
            c1_0 = b0.fma(a, c1_0);
            c1_1 = b1.fma(a, c1_1);
            a = FloatVector.broadcast(S, ap[ai + 2]);
            c2_0 = b0.fma(a, c2_0);
            c2_1 = b1.fma(a, c2_1);
            a = FloatVector.broadcast(S, ap[ai + 3]);
            c3_0 = b0.fma(a, c3_0);
            c3_1 = b1.fma(a, c3_1);
            a = FloatVector.broadcast(S, ap[ai + 4]);
            c4_0 = b0.fma(a, c4_0);
            c4_1 = b1.fma(a, c4_1);
        }
        FloatVector av = FloatVector.broadcast(S, alpha);
        c0_0.fma(av, FloatVector.fromArray(S, c, off + 0 * ld + 0 * L).mul(beta)).intoArray(c, off + 0 * ld + 0 * L);
        c0_1.fma(av, FloatVector.fromArray(S, c, off + 0 * ld + 1 * L).mul(beta)).intoArray(c, off + 0 * ld + 1 * L);
        c1_0.fma(av, FloatVector.fromArray(S, c, off + 1 * ld + 0 * L).mul(beta)).intoArray(c, off + 1 * ld + 0 * L);
        c1_1.fma(av, FloatVector.fromArray(S, c, off + 1 * ld + 1 * L).mul(beta)).intoArray(c, off + 1 * ld + 1 * L);
        c2_0.fma(av, FloatVector.fromArray(S, c, off + 2 * ld + 0 * L).mul(beta)).intoArray(c, off + 2 * ld + 0 * L);
        c2_1.fma(av, FloatVector.fromArray(S, c, off + 2 * ld + 1 * L).mul(beta)).intoArray(c, off + 2 * ld + 1 * L);
        c3_0.fma(av, FloatVector.fromArray(S, c, off + 3 * ld + 0 * L).mul(beta)).intoArray(c, off + 3 * ld + 0 * L);
        c3_1.fma(av, FloatVector.fromArray(S, c, off + 3 * ld + 1 * L).mul(beta)).intoArray(c, off + 3 * ld + 1 * L);
        c4_0.fma(av, FloatVector.fromArray(S, c, off + 4 * ld + 0 * L).mul(beta)).intoArray(c, off + 4 * ld + 0 * L);
        c4_1.fma(av, FloatVector.fromArray(S, c, off + 4 * ld + 1 * L).mul(beta)).intoArray(c, off + 4 * ld + 1 * L);
    }

    /** 4 x 3L register block (12 accumulators): out = scale * Ap(4 x kc) * Bp(kc x 3L). */
    static void micro4x3(int kc, float[] ap, int aOff, float[] bp, int bOff,
                         float[] out, int off, int ld, float scale) {
        final int nr = 3 * L;
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z, c0_2 = z;
        FloatVector c1_0 = z, c1_1 = z, c1_2 = z;
        FloatVector c2_0 = z, c2_1 = z, c2_2 = z;
        FloatVector c3_0 = z, c3_1 = z, c3_2 = z;
        int aEnd = aOff + kc * 4;
        for (int ai = aOff, bi = bOff; ai < aEnd; ai += 4, bi += nr) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector b2 = FloatVector.fromArray(S, bp, bi + 2 * L);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai + 0]);
            c0_0 = b0.fma(a, c0_0);
            c0_1 = b1.fma(a, c0_1);
            c0_2 = b2.fma(a, c0_2);
            a = FloatVector.broadcast(S, ap[ai + 1]);
            c1_0 = b0.fma(a, c1_0);
            c1_1 = b1.fma(a, c1_1);
            c1_2 = b2.fma(a, c1_2);
            a = FloatVector.broadcast(S, ap[ai + 2]);
            c2_0 = b0.fma(a, c2_0);
            c2_1 = b1.fma(a, c2_1);
            c2_2 = b2.fma(a, c2_2);
            a = FloatVector.broadcast(S, ap[ai + 3]);
            c3_0 = b0.fma(a, c3_0);
            c3_1 = b1.fma(a, c3_1);
            c3_2 = b2.fma(a, c3_2);
        }
        c0_0.mul(scale).intoArray(out, off + 0 * ld + 0 * L);
        c0_1.mul(scale).intoArray(out, off + 0 * ld + 1 * L);
        c0_2.mul(scale).intoArray(out, off + 0 * ld + 2 * L);
        c1_0.mul(scale).intoArray(out, off + 1 * ld + 0 * L);
        c1_1.mul(scale).intoArray(out, off + 1 * ld + 1 * L);
        c1_2.mul(scale).intoArray(out, off + 1 * ld + 2 * L);
        c2_0.mul(scale).intoArray(out, off + 2 * ld + 0 * L);
        c2_1.mul(scale).intoArray(out, off + 2 * ld + 1 * L);
        c2_2.mul(scale).intoArray(out, off + 2 * ld + 2 * L);
        c3_0.mul(scale).intoArray(out, off + 3 * ld + 0 * L);
        c3_1.mul(scale).intoArray(out, off + 3 * ld + 1 * L);
        c3_2.mul(scale).intoArray(out, off + 3 * ld + 2 * L);
    }

    /** 4 x 2L register block (8 accumulators): out = scale * Ap(4 x kc) * Bp(kc x 2L). */
    static void micro4x2(int kc, float[] ap, int aOff, float[] bp, int bOff,
                         float[] out, int off, int ld, float scale) {
        final int nr = 2 * L;
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z;
        FloatVector c1_0 = z, c1_1 = z;
        FloatVector c2_0 = z, c2_1 = z;
        FloatVector c3_0 = z, c3_1 = z;
        int aEnd = aOff + kc * 4;
        for (int ai = aOff, bi = bOff; ai < aEnd; ai += 4, bi += nr) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai + 0]);
            c0_0 = b0.fma(a, c0_0);
            c0_1 = b1.fma(a, c0_1);
            a = FloatVector.broadcast(S, ap[ai + 1]);
            c1_0 = b0.fma(a, c1_0);
            c1_1 = b1.fma(a, c1_1);
            a = FloatVector.broadcast(S, ap[ai + 2]);
            c2_0 = b0.fma(a, c2_0);
            c2_1 = b1.fma(a, c2_1);
            a = FloatVector.broadcast(S, ap[ai + 3]);
            c3_0 = b0.fma(a, c3_0);
            c3_1 = b1.fma(a, c3_1);
        }
        c0_0.mul(scale).intoArray(out, off + 0 * ld + 0 * L);
        c0_1.mul(scale).intoArray(out, off + 0 * ld + 1 * L);
        c1_0.mul(scale).intoArray(out, off + 1 * ld + 0 * L);
        c1_1.mul(scale).intoArray(out, off + 1 * ld + 1 * L);
        c2_0.mul(scale).intoArray(out, off + 2 * ld + 0 * L);
        c2_1.mul(scale).intoArray(out, off + 2 * ld + 1 * L);
        c3_0.mul(scale).intoArray(out, off + 3 * ld + 0 * L);
        c3_1.mul(scale).intoArray(out, off + 3 * ld + 1 * L);
    }

    /** {@link #micro4x2} adding its tile into C, as {@link #micro12x2Add} does. */
    static void micro4x2Add(int kc, float[] ap, int aOff, float[] bp, int bOff,
                            float[] c, int off, int ld, float alpha, float beta) {
        final int nr = 2 * L;
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z;
        FloatVector c1_0 = z, c1_1 = z;
        FloatVector c2_0 = z, c2_1 = z;
        FloatVector c3_0 = z, c3_1 = z;
        int aEnd = aOff + kc * 4;
        for (int ai = aOff, bi = bOff; ai < aEnd; ai += 4, bi += nr) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai + 0]);
            c0_0 = b0.fma(a, c0_0);
            c0_1 = b1.fma(a, c0_1);
            a = FloatVector.broadcast(S, ap[ai + 1]);
            c1_0 = b0.fma(a, c1_0);
            c1_1 = b1.fma(a, c1_1);
            a = FloatVector.broadcast(S, ap[ai + 2]);
            c2_0 = b0.fma(a, c2_0);
            c2_1 = b1.fma(a, c2_1);
            a = FloatVector.broadcast(S, ap[ai + 3]);
            c3_0 = b0.fma(a, c3_0);
            c3_1 = b1.fma(a, c3_1);
        }
        FloatVector av = FloatVector.broadcast(S, alpha);
        c0_0.fma(av, FloatVector.fromArray(S, c, off + 0 * ld + 0 * L).mul(beta)).intoArray(c, off + 0 * ld + 0 * L);
        c0_1.fma(av, FloatVector.fromArray(S, c, off + 0 * ld + 1 * L).mul(beta)).intoArray(c, off + 0 * ld + 1 * L);
        c1_0.fma(av, FloatVector.fromArray(S, c, off + 1 * ld + 0 * L).mul(beta)).intoArray(c, off + 1 * ld + 0 * L);
        c1_1.fma(av, FloatVector.fromArray(S, c, off + 1 * ld + 1 * L).mul(beta)).intoArray(c, off + 1 * ld + 1 * L);
        c2_0.fma(av, FloatVector.fromArray(S, c, off + 2 * ld + 0 * L).mul(beta)).intoArray(c, off + 2 * ld + 0 * L);
        c2_1.fma(av, FloatVector.fromArray(S, c, off + 2 * ld + 1 * L).mul(beta)).intoArray(c, off + 2 * ld + 1 * L);
        c3_0.fma(av, FloatVector.fromArray(S, c, off + 3 * ld + 0 * L).mul(beta)).intoArray(c, off + 3 * ld + 0 * L);
        c3_1.fma(av, FloatVector.fromArray(S, c, off + 3 * ld + 1 * L).mul(beta)).intoArray(c, off + 3 * ld + 1 * L);
    }

    /**
     * {@link #micro12x2} reading A's 12 rows where they are (row-major, {@code lda} apart, each
     * contiguous along k) instead of from a packed panel: the same FMAs in the same order.
     */
    static void micro12x2Rows(int kc, float[] rowsA, int aOff, int lda, float[] bp, int bOff,
                              float[] out, int off, int ld, float scale) {
        final int nr = 2 * L;
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z;
        FloatVector c1_0 = z, c1_1 = z;
        FloatVector c2_0 = z, c2_1 = z;
        FloatVector c3_0 = z, c3_1 = z;
        FloatVector c4_0 = z, c4_1 = z;
        FloatVector c5_0 = z, c5_1 = z;
        FloatVector c6_0 = z, c6_1 = z;
        FloatVector c7_0 = z, c7_1 = z;
        FloatVector c8_0 = z, c8_1 = z;
        FloatVector c9_0 = z, c9_1 = z;
        FloatVector c10_0 = z, c10_1 = z;
        FloatVector c11_0 = z, c11_1 = z;
        for (int p = 0, bi = bOff; p < kc; p++, bi += nr) {
            int ai = aOff + p;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector a;
            a = FloatVector.broadcast(S, rowsA[ai]);
            c0_0 = b0.fma(a, c0_0);
            c0_1 = b1.fma(a, c0_1);
            a = FloatVector.broadcast(S, rowsA[ai + 1 * lda]);
            c1_0 = b0.fma(a, c1_0);
            c1_1 = b1.fma(a, c1_1);
            a = FloatVector.broadcast(S, rowsA[ai + 2 * lda]);
            c2_0 = b0.fma(a, c2_0);
            c2_1 = b1.fma(a, c2_1);
            a = FloatVector.broadcast(S, rowsA[ai + 3 * lda]);
            c3_0 = b0.fma(a, c3_0);
            c3_1 = b1.fma(a, c3_1);
            a = FloatVector.broadcast(S, rowsA[ai + 4 * lda]);
            c4_0 = b0.fma(a, c4_0);
            c4_1 = b1.fma(a, c4_1);
            a = FloatVector.broadcast(S, rowsA[ai + 5 * lda]);
            c5_0 = b0.fma(a, c5_0);
            c5_1 = b1.fma(a, c5_1);
            a = FloatVector.broadcast(S, rowsA[ai + 6 * lda]);
            c6_0 = b0.fma(a, c6_0);
            c6_1 = b1.fma(a, c6_1);
            a = FloatVector.broadcast(S, rowsA[ai + 7 * lda]);
            c7_0 = b0.fma(a, c7_0);
            c7_1 = b1.fma(a, c7_1);
            a = FloatVector.broadcast(S, rowsA[ai + 8 * lda]);
            c8_0 = b0.fma(a, c8_0);
            c8_1 = b1.fma(a, c8_1);
            a = FloatVector.broadcast(S, rowsA[ai + 9 * lda]);
            c9_0 = b0.fma(a, c9_0);
            c9_1 = b1.fma(a, c9_1);
            a = FloatVector.broadcast(S, rowsA[ai + 10 * lda]);
            c10_0 = b0.fma(a, c10_0);
            c10_1 = b1.fma(a, c10_1);
            a = FloatVector.broadcast(S, rowsA[ai + 11 * lda]);
            c11_0 = b0.fma(a, c11_0);
            c11_1 = b1.fma(a, c11_1);
        }
        c0_0.mul(scale).intoArray(out, off + 0 * ld + 0 * L);
        c0_1.mul(scale).intoArray(out, off + 0 * ld + 1 * L);
        c1_0.mul(scale).intoArray(out, off + 1 * ld + 0 * L);
        c1_1.mul(scale).intoArray(out, off + 1 * ld + 1 * L);
        c2_0.mul(scale).intoArray(out, off + 2 * ld + 0 * L);
        c2_1.mul(scale).intoArray(out, off + 2 * ld + 1 * L);
        c3_0.mul(scale).intoArray(out, off + 3 * ld + 0 * L);
        c3_1.mul(scale).intoArray(out, off + 3 * ld + 1 * L);
        c4_0.mul(scale).intoArray(out, off + 4 * ld + 0 * L);
        c4_1.mul(scale).intoArray(out, off + 4 * ld + 1 * L);
        c5_0.mul(scale).intoArray(out, off + 5 * ld + 0 * L);
        c5_1.mul(scale).intoArray(out, off + 5 * ld + 1 * L);
        c6_0.mul(scale).intoArray(out, off + 6 * ld + 0 * L);
        c6_1.mul(scale).intoArray(out, off + 6 * ld + 1 * L);
        c7_0.mul(scale).intoArray(out, off + 7 * ld + 0 * L);
        c7_1.mul(scale).intoArray(out, off + 7 * ld + 1 * L);
        c8_0.mul(scale).intoArray(out, off + 8 * ld + 0 * L);
        c8_1.mul(scale).intoArray(out, off + 8 * ld + 1 * L);
        c9_0.mul(scale).intoArray(out, off + 9 * ld + 0 * L);
        c9_1.mul(scale).intoArray(out, off + 9 * ld + 1 * L);
        c10_0.mul(scale).intoArray(out, off + 10 * ld + 0 * L);
        c10_1.mul(scale).intoArray(out, off + 10 * ld + 1 * L);
        c11_0.mul(scale).intoArray(out, off + 11 * ld + 0 * L);
        c11_1.mul(scale).intoArray(out, off + 11 * ld + 1 * L);
    }

    /** {@link #micro4x2} reading A's 4 rows where they are, as {@link #micro12x2Rows}. */
    static void micro4x2Rows(int kc, float[] rowsA, int aOff, int lda, float[] bp, int bOff,
                             float[] out, int off, int ld, float scale) {
        final int nr = 2 * L;
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z;
        FloatVector c1_0 = z, c1_1 = z;
        FloatVector c2_0 = z, c2_1 = z;
        FloatVector c3_0 = z, c3_1 = z;
        for (int p = 0, bi = bOff; p < kc; p++, bi += nr) {
            int ai = aOff + p;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector a;
            a = FloatVector.broadcast(S, rowsA[ai]);
            c0_0 = b0.fma(a, c0_0);
            c0_1 = b1.fma(a, c0_1);
            a = FloatVector.broadcast(S, rowsA[ai + 1 * lda]);
            c1_0 = b0.fma(a, c1_0);
            c1_1 = b1.fma(a, c1_1);
            a = FloatVector.broadcast(S, rowsA[ai + 2 * lda]);
            c2_0 = b0.fma(a, c2_0);
            c2_1 = b1.fma(a, c2_1);
            a = FloatVector.broadcast(S, rowsA[ai + 3 * lda]);
            c3_0 = b0.fma(a, c3_0);
            c3_1 = b1.fma(a, c3_1);
        }
        c0_0.mul(scale).intoArray(out, off + 0 * ld + 0 * L);
        c0_1.mul(scale).intoArray(out, off + 0 * ld + 1 * L);
        c1_0.mul(scale).intoArray(out, off + 1 * ld + 0 * L);
        c1_1.mul(scale).intoArray(out, off + 1 * ld + 1 * L);
        c2_0.mul(scale).intoArray(out, off + 2 * ld + 0 * L);
        c2_1.mul(scale).intoArray(out, off + 2 * ld + 1 * L);
        c3_0.mul(scale).intoArray(out, off + 3 * ld + 0 * L);
        c3_1.mul(scale).intoArray(out, off + 3 * ld + 1 * L);
    }

    /**
     * Row-by-row {@code C = alpha A B + beta C (+ bias, act)} for a few rows, columns
     * {@code [j0, n)}: streams B once per row, four rows of B at a time in storage order, into an
     * accumulator row (in the thread's packing buffer) that stays in L1. The arithmetic is the
     * blocked path's, element by element: one FMA chain from zero per KC-deep slice of K, each
     * slice then folded into C as {@link #store} does. So a row's result is bit for bit the same
     * whether it comes alone (batch-1 inference) or inside a batch.
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
            for (int pc = 0; pc < k; pc += KC) {
                int pEnd = Math.min(k, pc + KC);
                java.util.Arrays.fill(acc, 0, w, 0f);
                int p = pc;
                for (; p + 4 <= pEnd; p += 4) {
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
                for (; p < pEnd; p++) {
                    float x0 = a[ai + p];
                    FloatVector v0 = FloatVector.broadcast(S, x0);
                    int r0 = bOff + p * ldb + j0;
                    for (int j = 0; j < full; j += L) {
                        FloatVector.fromArray(S, b, r0 + j).fma(v0, FloatVector.fromArray(S, acc, j)).intoArray(acc, j);
                    }
                    for (int j = full; j < w; j++) acc[j] = Math.fma(b[r0 + j], x0, acc[j]);
                }
                foldSlice(acc, w, alpha, pc == 0 ? beta : 1f, c, ci);
            }
            if (bias != null || act != Activation.NONE) {
                VectorOps.biasActivation(c, ci, w, bias, biasOff + j0, act);
            }
        }
    }

    /** {@code C = slice * alpha + betaEff * C} (C not read when betaEff == 0), as {@link #store}. */
    private static void foldSlice(float[] acc, int w, float alpha, float betaEff, float[] c, int ci) {
        if (alpha == 1f && betaEff == 0f) {
            System.arraycopy(acc, 0, c, ci, w);
        } else if (betaEff == 0f) {
            for (int j = 0; j < w; j++) c[ci + j] = acc[j] * alpha;
        } else {
            for (int j = 0; j < w; j++) c[ci + j] = Math.fma(acc[j], alpha, c[ci + j] * betaEff);
        }
    }
}
