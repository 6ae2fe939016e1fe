package dev.fewhot.blas;

import dev.fewhot.kernels.Gemm;
import dev.fewhot.kernels.Op;
import dev.fewhot.kernels.Sgemm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Builds the GEMM back-end for a {@link BlasChoice}. */
public final class Backends {
    private Backends() { }

    /** Native is taken by {@code auto} only when at least this much faster (Java is deterministic). */
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
     */
    public record Selection(Gemm gemm, String kernel, double javaGflops, double nativeGflops) {
        /** @return facts to record with a model or a run: back-end, kernel and measured GFLOPS */
        public Map<String, String> facts() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("blas", gemm.name());
            m.put("gemm_kernel", kernel);
            if (!Double.isNaN(javaGflops)) m.put("gemm_java_gflops", String.format(java.util.Locale.ROOT, "%.1f", javaGflops));
            if (!Double.isNaN(nativeGflops)) {
                m.put("gemm_native_gflops", String.format(java.util.Locale.ROOT, "%.1f", nativeGflops));
            }
            return m;
        }
    }

    /**
     * The back-end for a choice, {@code auto} timing both back-ends on the products of one
     * training step of the network (forward, weight gradient and input gradient of every layer,
     * as the trainer calls them) after a warm-up, and taking OpenBLAS only when it is at least 10%
     * faster. The measurement is made once per JVM for a thread count, batch and widths: the
     * networks of an ensemble, and their refits, reuse it (and so run on the same back-end).
     *
     * @param choice  java, native or auto
     * @param threads threads of the Java kernel (OpenBLAS's are its own: OPENBLAS_NUM_THREADS)
     * @param batch   rows per step
     * @param widths  the network's layer widths, input first, output last
     * @return the back-end and what was measured
     */
    public static Selection choose(BlasChoice choice, int threads, int batch, int[] widths) {
        dev.fewhot.kernels.VectorSupport.check(); // no Vector API: one line naming the JVM flag, not NoClassDefFoundError
        switch (choice) {
            case JAVA: {
                Sgemm java = new Sgemm(threads);
                return new Selection(java, java.describe(), Double.NaN, Double.NaN);
            }
            case NATIVE:
                return new Selection(NativeGemm.load(), "openblas", Double.NaN, Double.NaN);
            default:
                break;
        }
        List<Integer> key = new ArrayList<>(widths.length + 2);
        key.add(threads);
        key.add(batch);
        for (int w : widths) key.add(w);
        Selection s = AUTO.get(key);
        if (s == null) {
            s = measure(threads, batch, widths);
            AUTO.put(key, s);
        }
        return s;
    }

    /** The {@code auto} selections made in this JVM, by (threads, batch, widths...). */
    private static final Map<List<Integer>, Selection> AUTO = new ConcurrentHashMap<>();

    private static Selection measure(int threads, int batch, int[] widths) {
        Sgemm java = new Sgemm(threads);
        NativeGemm nat = NativeGemm.available() ? NativeGemm.load() : null;
        double flops = stepFlops(batch, widths);
        double[] sec = time(batch, widths, nat == null ? new Gemm[] {java} : new Gemm[] {java, nat});
        double javaSec = sec[0];
        if (nat == null) return new Selection(java, java.describe(), flops / javaSec / 1e9, Double.NaN);
        double natSec = sec[1];
        Gemm g = natSec * NATIVE_MARGIN < javaSec ? nat : java;
        return new Selection(g, g == nat ? "openblas" : java.describe(), flops / javaSec / 1e9, flops / natSec / 1e9);
    }

    /** Floating-point operations of one step's products. */
    static double stepFlops(int batch, int[] widths) {
        double f = 0;
        for (int l = 0; l + 1 < widths.length; l++) {
            double mnk = 2.0 * batch * widths[l] * widths[l + 1];
            f += l == 0 ? 2 * mnk : 3 * mnk; // forward, weight gradient, and input gradient after layer 0
        }
        return f;
    }

    /**
     * Best seconds of one step's products for each back-end over 5 rounds, after 3 rounds of
     * warm-up; the back-ends take turns within each round, so that a JIT burst or a load change
     * hits them alike.
     */
    static double[] time(int batch, int[] widths, Gemm... gemms) {
        int maxW = 1;
        for (int w : widths) maxW = Math.max(maxW, w);
        // inputs and outputs apart, so that the values stay the same from round to round
        float[] x = new float[batch * maxW], w = new float[maxW * maxW], y = new float[batch * maxW];
        float[] dw = new float[maxW * maxW], dx = new float[batch * maxW];
        for (int i = 0; i < x.length; i++) x[i] = (i % 7) * 0.1f;
        for (int i = 0; i < w.length; i++) w[i] = (i % 5) * 0.1f;
        double[] best = new double[gemms.length];
        java.util.Arrays.fill(best, Double.MAX_VALUE);
        for (int rep = 0; rep < 8; rep++) {
            for (int i = 0; i < gemms.length; i++) {
                Gemm g = gemms[i];
                long t0 = System.nanoTime();
                for (int l = 0; l + 1 < widths.length; l++) {
                    int k = widths[l], n = widths[l + 1];
                    g.gemm(Op.N, Op.N, batch, n, k, 1f, x, 0, k, w, 0, n, 0f, y, 0, n);    // forward
                    g.gemm(Op.T, Op.N, k, n, batch, 1f, x, 0, k, y, 0, n, 0f, dw, 0, n);  // weight gradient
                    if (l > 0) g.gemm(Op.N, Op.T, batch, k, n, 1f, y, 0, n, w, 0, n, 0f, dx, 0, k); // input gradient
                }
                long dt = System.nanoTime() - t0;
                if (rep >= 3) best[i] = Math.min(best[i], dt / 1e9);
            }
        }
        return best;
    }
}
