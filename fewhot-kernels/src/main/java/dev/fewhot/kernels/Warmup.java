package dev.fewhot.kernels;

import java.util.EnumSet;
import java.util.Set;

/**
 * Compiles the kernels ahead of the real work: the Vector API code is slow until the JIT's top
 * tier has compiled it, which otherwise happens during the first thousands of training steps. A
 * daemon thread runs each kernel on small private arrays while the caller does something else
 * (typically reading the data), so the compilation overlaps I/O. It touches no shared state: the
 * caller's results are the same with or without it.
 *
 * <p>Order matters: the loss kernels are compiled first, each on its own, before any other
 * Vector API code runs here. Compiled after the GEMM and the reductions have run, the same loss
 * kernels came out about twice as slow on OpenJDK 17 (ASL on 256 x 512: 1.19 ms against
 * 0.61 ms per call, one thread, best of 900 calls after the warm-up, in a one-off harness
 * that was not kept), and stayed so. {@code TrainStepBench.loss} times the loss after
 * this warm-up, as training runs it.
 */
public final class Warmup {
    private Warmup() { }

    /** The loss kernels a warm-up can compile, each before any GEMM code (see the class comment). */
    public enum Loss {
        /** {@link LossKernels#asymmetric}. */
        ASYMMETRIC,
        /** {@link LossKernels#bce}. */
        BCE,
        /** {@link LossKernels#focal}. */
        FOCAL
    }

    /** Starts the warm-up of every loss kernel and the rest on a daemon thread and returns it (already started). */
    public static Thread start() {
        return start(EnumSet.allOf(Loss.class));
    }

    /**
     * Starts the warm-up on a daemon thread and returns it (already started), compiling only the
     * given loss kernels: the one a training will call. Each loss kernel is compiled from code
     * that runs slowly until then, on the cores that read the data. On the 50,000 x 256 benchmark
     * file (`fewhot train --loss asl`, 2 threads, Intel Xeon, the builds alternating), the whole
     * command with the ASL kernel alone against all three took 0.94-1.01 of the time for the linear
     * model held to AVX2 (eight pairs, median 0.95), 0.95-1.00 for the MLP (four) and 0.96-1.02 for
     * the linear model with AVX-512 (four).
     *
     * @param losses the loss kernels to compile (may be empty)
     */
    public static Thread start(Set<Loss> losses) {
        VectorSupport.check(); // no Vector API: one line naming the JVM flag, not NoClassDefFoundError
        Set<Loss> chosen = EnumSet.noneOf(Loss.class);
        chosen.addAll(losses);
        Thread t = new Thread(() -> run(chosen), "fewhot-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return t;
    }

    /** Whether a warm-up has run to its end in this JVM. */
    private static volatile boolean done;

    /**
     * Runs the warm-up on the calling thread unless one has already ended in this JVM: for work
     * that times the kernels (the {@code auto} back-end choice), which a cold kernel would
     * mislead.
     */
    public static void ensure() {
        VectorSupport.check();
        if (!done) run(EnumSet.allOf(Loss.class));
    }

    /** Longest wait of {@link #await}. */
    static final long MAX_WAIT_MILLIS = 10_000;

    /**
     * Waits for a warm-up started by {@link #start} to end, at most {@value #MAX_WAIT_MILLIS} ms.
     * Callers start the warm-up, read their data, then wait here before the first training
     * step: a step that runs before the kernels are compiled competes with the compiler and the
     * warm-up for the cores and runs in the interpreter. Measured on the 50,000 x 256 benchmark
     * file (linear model, ASL, 2 threads, 3 epochs): first epoch 98,000-100,000 samples/s with
     * the wait against 33,000-44,000 without, and the whole command no slower (3.3-3.6 s
     * against 3.4-3.8 s).
     *
     * @param warmup the thread {@link #start} returned, or null (no wait)
     */
    public static void await(Thread warmup) {
        if (warmup == null) return;
        try {
            warmup.join(MAX_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs every hot kernel a few thousand times on small arrays (about a second of one core), of
     * the loss kernels only {@code losses}.
     */
    static void run(Set<Loss> losses) {
        // 16 rows: with the 12 x 2 block, a whole block and the 4-row tile of the rows past it (Sgemm.edgeBlock)
        int m = 16, n = 16 * Sgemm.L, k = 64, cols = 512, rows = 8192 / cols;
        float[] a = fill(m * k), b = fill(k * n), c = new float[m * n], bias = fill(n);
        int deep = Sgemm.KC + 16; // two slices of K: whole tiles of the second added into C by the kernels' twins
        float[] aDeep = fill(m * deep), bDeep = fill(deep * n);
        float[] x = fill(rows * cols), y = new float[rows * cols], g = new float[rows * cols];
        for (int i = 0; i < y.length; i += 37) y[i] = 1f;
        float[] p = fill(n), gr = fill(n), mm = new float[n], vv = new float[n];
        double sink = 0;
        // the losses first, one kernel at a time (see the class comment), before any GEMM code:
        // also before the first Sgemm, whose register block may be raced (KernelChoice)
        for (Loss loss : losses) { // an EnumSet: in the enum's order
            for (int it = 0; it < 300; it++) {
                sink += switch (loss) {
                    case ASYMMETRIC ->
                            LossKernels.asymmetric(x, y, 0, cols, 0, x.length, 4, 1, 0.05, 1e-8, false, 1.0, g, null);
                    case BCE -> LossKernels.bce(x, y, 0, cols, 0, x.length, null, null, 1.0, g, null);
                    case FOCAL -> LossKernels.focal(x, y, 0, cols, 0, x.length, 2, true, 0.25, null, null, 1.0, g, null);
                };
            }
        }
        Sgemm gemm = new Sgemm(1);
        for (int it = 0; it < 3000; it++) {
            stepProducts(gemm, m, n, k, a, b, c, bias, Activation.RELU);
            // an output layer's forward product: the bias without an activation. Without it the
            // trainer's first output layer sprang a trap in the compiled GEMM driver, which the
            // JIT then compiled again during the first epoch (docs/benchmarks.md)
            gemm.gemm(Op.N, Op.N, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n, bias, 0, Activation.NONE);
            // a product deeper than one slice of K: the later slice's whole tiles take the ...Add
            // kernels (Sgemm.addsIntoC), which the trainer's deeper products (NN 256x512x1024,
            // NT 256x1024x512) would otherwise compile during the first epoch
            if (it % 4 == 0) gemm.gemm(Op.N, Op.N, m, n, deep, 1f, aDeep, 0, deep, bDeep, 0, n, 0f, c, 0, n);
            // a product of one B panel: A's rows read in place (Sgemm.readsARowsInPlace)
            gemm.gemm(Op.N, Op.N, m, 2 * Sgemm.L, k, 1f, a, 0, k, b, 0, 2 * Sgemm.L, 0f, c, 0, 2 * Sgemm.L);
            VectorOps.reluBackward(m * n, c, 0, c, 0, c, 0);
            VectorOps.columnSums(m, n, c, 0, n, 0f, bias, 0);
            VectorOps.sumOfSquares(m * n, c, 0);
            VectorOps.firstNonFinite(m * n, c, 0);
            VectorOps.adam(n, p, 0, gr, 0, mm, 0, vv, 0, 1e-3f, 0.9f, 0.999f, 1e-8f, 1 + it % 100, 0f);
        }
        if (sink == 42) System.out.print("");
        done = true;
    }

    /**
     * A training step's three products on small arrays: the forward product (with {@code bias}
     * and {@code act}) into C, the input gradient into A, the weight gradient into B; A and B
     * are refilled when their values grow.
     */
    static void stepProducts(Sgemm g, int m, int n, int k, float[] a, float[] b, float[] c, float[] bias,
                             Activation act) {
        g.gemm(Op.N, Op.N, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n, bias, 0, act);
        g.gemm(Op.N, Op.T, m, k, n, 1f, c, 0, n, b, 0, n, 0f, a, 0, k);
        g.gemm(Op.T, Op.N, k, n, m, 1f, a, 0, k, c, 0, n, 0f, b, 0, n);
        if (Math.abs(a[0]) > 1e3f || Math.abs(b[0]) > 1e3f) { // keep the values tame
            fill(a);
            fill(b);
        }
    }

    /** @return {@code len} fixed values in [-0.5, 0.5) */
    static float[] fill(int len) {
        return fill(new float[len]);
    }

    private static float[] fill(float[] v) {
        for (int i = 0; i < v.length; i++) v[i] = ((i * 2654435761L) % 1000) / 1000f - 0.5f;
        return v;
    }
}
