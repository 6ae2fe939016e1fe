package dev.fewhot.blas;

import dev.fewhot.kernels.Gemm;
import dev.fewhot.kernels.KernelCache;
import dev.fewhot.kernels.Op;
import dev.fewhot.kernels.Sgemm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Builds the GEMM back-end for a {@link BlasChoice}. */
public final class Backends {
    private Backends() { }

    /** Native is taken by {@code auto} only when at least this much faster (Java is bit-identical across threads). */
    static final double NATIVE_MARGIN = 1.10;

    /**
     * The back-end chosen, with what was measured to choose it.
     *
     * @param gemm          the back-end
     * @param kernel        what it runs, e.g. {@code java 12x2 block, AVX-512, 16 x float (512-bit), ...}
     *                      or {@code openblas}
     * @param javaGflops    GFLOPS of the Java kernel on the products of one training step (NaN when
     *                      not measured: only {@code auto} measures)
     * @param nativeGflops  the same for OpenBLAS (NaN when not measured or not available)
     * @param choice        how {@code auto} chose: {@code measured} (timed in this run) or
     *                      {@code kept} (a choice timed earlier on this machine, see
     *                      {@link #CACHE_PROPERTY}); null for {@code java} and {@code native}
     */
    public record Selection(Gemm gemm, String kernel, double javaGflops, double nativeGflops, String choice) {
        /** @return facts to record with a model or a run: back-end, kernel and measured GFLOPS */
        public Map<String, String> facts() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("blas", gemm.name());
            m.put("gemm_kernel", kernel);
            if (!Double.isNaN(javaGflops)) m.put("gemm_java_gflops", String.format(Locale.ROOT, "%.1f", javaGflops));
            if (!Double.isNaN(nativeGflops)) {
                m.put("gemm_native_gflops", String.format(Locale.ROOT, "%.1f", nativeGflops));
            }
            if (choice != null) m.put("gemm_choice", choice);
            return m;
        }
    }

    /**
     * The back-end for a choice, {@code auto} timing both back-ends on the products of one
     * training step of the network (forward, weight gradient and input gradient of every layer,
     * as the trainer calls them) after a warm-up, and taking OpenBLAS only when it is at least 10%
     * faster. The measurement is made once per JVM for a thread count, batch and widths: the
     * networks of an ensemble, and their refits, reuse it (and so run on the same back-end). It
     * is also kept on disk for the machine (see {@link #CACHE_PROPERTY}): later runs of the same
     * shape on the same machine and JVM take the kept choice without timing, so that a command
     * run twice trains on the same back-end, whatever the machine's load the second time.
     *
     * @param choice  java, native or auto
     * @param threads threads of the Java kernel (OpenBLAS's are its own: OPENBLAS_NUM_THREADS)
     * @param batch   rows per step
     * @param widths  the network's layer widths, input first, output last
     * @return the back-end and what was measured
     */
    public static Selection choose(BlasChoice choice, int threads, int batch, int[] widths) {
        return choose(choice, threads, batch, widths, false);
    }

    /**
     * As {@link #choose(BlasChoice, int, int, int[])}, for a network whose first layer may read
     * sparse rows: its products then run in the sparse kernel whatever the back-end, so
     * {@code auto} times only the products that reach the GEMM, and takes the Java kernel without
     * timing when there are none (a linear model over sparse features). {@code auto} also takes
     * the Java kernel without timing when OpenBLAS would run another number of threads than
     * {@code threads} ({@link NativeGemm#threads()}): the user's thread count is kept.
     *
     * @param sparseInput true when the first layer's input is sparse
     */
    public static Selection choose(BlasChoice choice, int threads, int batch, int[] widths, boolean sparseInput) {
        dev.fewhot.kernels.VectorSupport.check(); // no Vector API: one line naming the JVM flag, not NoClassDefFoundError
        switch (choice) {
            case JAVA: {
                Sgemm java = new Sgemm(threads);
                return new Selection(java, java.describe(), Double.NaN, Double.NaN, null);
            }
            case NATIVE:
                return new Selection(NativeGemm.load(), "openblas", Double.NaN, Double.NaN, null);
            default:
                break;
        }
        if (sparseInput && widths.length <= 2) {
            Sgemm java = new Sgemm(threads);
            return new Selection(java, java.describe(), Double.NaN, Double.NaN, "java: no dense product");
        }
        if (NativeGemm.available() && NativeGemm.threads() != threads) {
            Sgemm java = new Sgemm(threads);
            return new Selection(java, java.describe(), Double.NaN, Double.NaN,
                    "java: OpenBLAS would run " + NativeGemm.threads() + " threads, not " + threads);
        }
        List<Integer> key = new ArrayList<>(widths.length + 3);
        key.add(threads);
        key.add(batch);
        key.add(sparseInput ? 1 : 0);
        for (int w : widths) key.add(w);
        Selection s = AUTO.get(key);
        if (s == null) {
            s = measure(threads, batch, widths, sparseInput);
            AUTO.put(key, s);
        }
        return s;
    }

    /** The {@code auto} selections made in this JVM, by (threads, batch, widths...). */
    private static final Map<List<Integer>, Selection> AUTO = new ConcurrentHashMap<>();

    private static Selection measure(int threads, int batch, int[] widths, boolean sparseInput) {
        Sgemm java = new Sgemm(threads);
        NativeGemm nat = NativeGemm.available() ? NativeGemm.load() : null;
        String key = machineKey(threads, batch, widths, nat != null) + (sparseInput ? "|input:sparse" : "");
        Path file = cacheFile();
        String kept = file == null ? null : readKept(file).get(key);
        if (kept != null) {
            Selection s = fromKept(kept, java, nat);
            if (s != null) return s;
        }
        // the Java kernel compiled first: timed cold it runs several times slower, and a choice is kept
        dev.fewhot.kernels.Warmup.ensure();
        int first = sparseInput ? 1 : 0;
        double flops = stepFlops(batch, widths, first);
        double[] sec = time(batch, widths, first, nat == null ? new Gemm[] {java} : new Gemm[] {java, nat});
        double javaSec = sec[0];
        Selection s;
        if (nat == null) {
            s = new Selection(java, java.describe(), flops / javaSec / 1e9, Double.NaN, "measured");
        } else {
            double natSec = sec[1];
            Gemm g = natSec * NATIVE_MARGIN < javaSec ? nat : java;
            s = new Selection(g, g == nat ? "openblas" : java.describe(), flops / javaSec / 1e9, flops / natSec / 1e9,
                    "measured");
        }
        if (file != null) keep(file, key, s);
        return s;
    }

    /**
     * System property naming the folder where {@code auto} keeps its choices, one line per
     * machine, JVM and training shape, so that later runs on the same machine take the same
     * back-end (and so train the same model for a seed) without timing again. {@code off} keeps
     * nothing. Default: {@code $XDG_CACHE_HOME/fewhot}, else {@code ~/.cache/fewhot}. The file,
     * {@value #CACHE_FILE}, is plain text: delete it (or a line) to time again. The register
     * block's choice is kept in the same folder ({@link KernelCache}).
     */
    public static final String CACHE_PROPERTY = KernelCache.PROPERTY;
    /**
     * The way choices are timed and the Java kernel they were timed against, in their key: choices
     * timed an older way (version 1: 3 untimed rounds instead of {@link #WARM_NANOS}) or against
     * a slower Java kernel (version 2: micro-kernels before their induction-variable loops,
     * 6-9% slower; version 3: B packed row by row with a copy call a piece, NN products 4-6%
     * slower; version 4: the later slices of K added into C through the tile buffer, NN 256x512x1024
     * 3-10% slower; version 5: A^T's 4-row panels packed with a copy call a piece, TN held to
     * AVX2 3-7% slower) are timed again.
     */
    static final int TIMING_VERSION = 6;
    /** The file of kept choices in the {@link #CACHE_PROPERTY} folder. */
    public static final String CACHE_FILE = "gemm-auto.txt";

    /** @return the file of kept {@code auto} choices, or null when keeping is off */
    static Path cacheFile() {
        return KernelCache.file(CACHE_FILE);
    }

    /**
     * What a choice depends on: the machine and JVM ({@link KernelCache#machineKey}), the register
     * block, whether OpenBLAS loads, and the step's shape.
     */
    static String machineKey(int threads, int batch, int[] widths, boolean nativeAvailable) {
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < widths.length; i++) w.append(i == 0 ? "" : "-").append(widths[i]);
        return KernelCache.machineKey() + "|block:" + Sgemm.defaultBlock().label()
                + "|openblas:" + nativeAvailable + "|threads:" + threads + "|batch:" + batch + "|widths:" + w
                + "|timing:" + TIMING_VERSION;
    }

    /** The kept choices (key to "java|native javaGflops nativeGflops"); empty when unreadable. */
    static Map<String, String> readKept(Path file) {
        return KernelCache.read(file);
    }

    /** A kept choice as a selection, or null when the line is malformed or names what is not there. */
    static Selection fromKept(String value, Sgemm java, NativeGemm nat) {
        String[] f = value.split(" ");
        if (f.length != 3) return null;
        double jg, ng;
        try {
            jg = Double.parseDouble(f[1]);
            ng = Double.parseDouble(f[2]);
        } catch (NumberFormatException e) {
            return null;
        }
        if (f[0].equals("java")) return new Selection(java, java.describe(), jg, nat == null ? Double.NaN : ng, "kept");
        if (f[0].equals("native") && nat != null) return new Selection(nat, "openblas", jg, ng, "kept");
        return null;
    }

    /** Adds a choice to the file; a failure keeps nothing. */
    private static void keep(Path file, String key, Selection s) {
        KernelCache.keep(file, "fewhot --blas auto: the back-end timed faster on this machine, "
                + "per training shape (delete a line to time it again)", key,
                (s.gemm() instanceof NativeGemm ? "native" : "java") + " "
                + String.format(Locale.ROOT, "%.1f %.1f", s.javaGflops(), s.nativeGflops()));
    }

    /** Forgets this JVM's choices (tests). */
    static void forgetForTests() {
        AUTO.clear();
    }

    /** Floating-point operations of one step's products from layer {@code first} on. */
    static double stepFlops(int batch, int[] widths, int first) {
        double f = 0;
        for (int l = first; l + 1 < widths.length; l++) {
            double mnk = 2.0 * batch * widths[l] * widths[l + 1];
            f += l == 0 ? 2 * mnk : 3 * mnk; // forward, weight gradient, and input gradient after layer 0
        }
        return f;
    }

    /** Least time each back-end runs the step's products untimed before the timed rounds. */
    static final long WARM_NANOS = 150_000_000L;
    /** Least time each back-end runs in the timed rounds (and at least 5 rounds). */
    static final long TIMED_NANOS = 50_000_000L;

    /**
     * Best seconds of one step's products for each back-end: rounds untimed until each back-end
     * has run at least {@value #WARM_NANOS} ns (and 3 rounds), then timed rounds until each has
     * run {@value #TIMED_NANOS} ns (and 5 rounds); the back-ends take turns within each round, so
     * that a JIT burst or a load change hits them alike. By time, not by a count of rounds: on a
     * small network a round takes microseconds, and a fixed 3 untimed rounds left the code paths
     * of its shapes (which the kernel warm-up does not run) in the interpreter while they were
     * timed, so the Java kernel measured 0.2 GFLOPS and one choice was kept on that.
     */
    static double[] time(int batch, int[] widths, int first, Gemm... gemms) {
        int maxW = 1, maxWeights = 1;
        for (int l = first; l < widths.length; l++) maxW = Math.max(maxW, widths[l]);
        for (int l = first; l + 1 < widths.length; l++) {
            maxWeights = Math.toIntExact(Math.max(maxWeights, (long) widths[l] * widths[l + 1]));
        }
        // inputs and outputs apart, so that the values stay the same from round to round
        float[] x = new float[Math.multiplyExact(batch, maxW)], w = new float[maxWeights], y = new float[batch * maxW];
        float[] dw = new float[maxWeights], dx = new float[batch * maxW];
        for (int i = 0; i < x.length; i++) x[i] = (i % 7) * 0.1f;
        for (int i = 0; i < w.length; i++) w[i] = (i % 5) * 0.1f;
        double[] best = new double[gemms.length];
        java.util.Arrays.fill(best, Double.MAX_VALUE);
        long[] warm = new long[gemms.length], timed = new long[gemms.length];
        for (int round = 0, timedRounds = 0; ; round++) {
            boolean warming = round < 3 || least(warm) < WARM_NANOS;
            for (int i = 0; i < gemms.length; i++) {
                long t0 = System.nanoTime();
                stepProducts(gemms[i], batch, widths, first, x, w, y, dw, dx);
                long dt = System.nanoTime() - t0;
                if (warming) {
                    warm[i] += dt;
                } else {
                    timed[i] += dt;
                    best[i] = Math.min(best[i], dt / 1e9);
                }
            }
            if (!warming && ++timedRounds >= 5 && least(timed) >= TIMED_NANOS) return best;
        }
    }

    /** One training step's products from layer {@code first} on, as the trainer calls them. */
    private static void stepProducts(Gemm g, int batch, int[] widths, int first, float[] x, float[] w, float[] y,
                                     float[] dw, float[] dx) {
        for (int l = first; l + 1 < widths.length; l++) {
            int k = widths[l], n = widths[l + 1];
            g.gemm(Op.N, Op.N, batch, n, k, 1f, x, 0, k, w, 0, n, 0f, y, 0, n);    // forward
            g.gemm(Op.T, Op.N, k, n, batch, 1f, x, 0, k, y, 0, n, 0f, dw, 0, n);  // weight gradient
            if (l > 0) g.gemm(Op.N, Op.T, batch, k, n, 1f, y, 0, n, w, 0, n, 0f, dx, 0, k); // input gradient
        }
    }

    private static long least(long[] v) {
        long m = Long.MAX_VALUE;
        for (long x : v) m = Math.min(m, x);
        return m;
    }
}
