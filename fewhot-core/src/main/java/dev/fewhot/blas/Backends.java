package dev.fewhot.blas;

import dev.fewhot.kernels.Gemm;
import dev.fewhot.kernels.Op;
import dev.fewhot.kernels.Sgemm;

/** Builds the GEMM back-end for a {@link BlasChoice}. */
public final class Backends {
    private Backends() { }

    /**
     * The back-end for a choice.
     *
     * @param choice  java, native or auto
     * @param threads threads of the Java kernel
     * @param m       rows of a typical product (auto calibrates on m x k times k x n)
     * @param n       columns of a typical product
     * @param k       inner dimension of a typical product
     */
    public static Gemm select(BlasChoice choice, int threads, int m, int n, int k) {
        dev.fewhot.kernels.VectorSupport.check(); // no Vector API: one line naming the JVM flag, not NoClassDefFoundError
        Sgemm java = new Sgemm(threads);
        return switch (choice) {
            case JAVA -> java;
            case NATIVE -> NativeGemm.load();
            case AUTO -> {
                if (!NativeGemm.available()) yield java;
                NativeGemm nat = NativeGemm.load();
                yield time(nat, m, n, k) < 0.9 * time(java, m, n, k) ? nat : java;
            }
        };
    }

    /** Best-of-5 seconds of one product (after a warm-up), for the auto choice. */
    static double time(Gemm g, int m, int n, int k) {
        m = Math.max(1, m);
        n = Math.max(1, n);
        k = Math.max(1, k);
        float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
        for (int i = 0; i < a.length; i++) a[i] = (i % 7) * 0.1f;
        for (int i = 0; i < b.length; i++) b[i] = (i % 5) * 0.1f;
        double best = Double.MAX_VALUE;
        for (int rep = 0; rep < 8; rep++) {
            long t0 = System.nanoTime();
            g.gemm(Op.N, Op.N, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
            long dt = System.nanoTime() - t0;
            if (rep >= 3) best = Math.min(best, dt / 1e9);
        }
        return best;
    }
}
