package dev.fewhot.kernels;

import java.util.SplittableRandom;

/**
 * Hand-rolled side-by-side timing (not a test): the scalar double code (the old loss path) vs the
 * vector kernels, one thread, 256 x 512 batch, few-hot hard targets. Run:
 * {@code java --add-modules jdk.incubator.vector -cp fewhot-kernels/target/classes:fewhot-kernels/target/test-classes dev.fewhot.kernels.LossTimingMain}
 */
public final class LossTimingMain {
    public static void main(String[] args) {
        int rows = 256, cols = 512, n = rows * cols;
        SplittableRandom rnd = new SplittableRandom(1);
        float[] x = new float[n], y = new float[n], g = new float[n], l = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rnd.nextGaussian() * 3 - 2);
            y[i] = rnd.nextInt(100) < 2 ? 1f : 0f;
        }
        double s = 1.0 / n;
        LossKernels.exactBelow = 0;
        Runnable[][] cases = {
            {() -> LossScalar.bce(x, y, 0, null, null, 0, n, s, g, l), () -> LossKernels.bce(x, y, 0, cols, 0, n, null, null, s, g, l)},
            {() -> LossScalar.focal(x, y, 0, null, null, 0, n, 2, true, 0.25, s, g, l),
             () -> LossKernels.focal(x, y, 0, cols, 0, n, 2, true, 0.25, null, null, s, g, l)},
            {() -> LossScalar.asymmetric(x, y, 0, n, 4, 1, 0.05, 1e-8, false, s, g, l),
             () -> LossKernels.asymmetric(x, y, 0, cols, 0, n, 4, 1, 0.05, 1e-8, false, s, g, l)},
            {() -> LossScalar.focal(x, y, 0, null, null, 0, n, 1.5, true, 0.25, s, g, l),
             () -> LossKernels.focal(x, y, 0, cols, 0, n, 1.5, true, 0.25, null, null, s, g, l)},
        };
        String[] names = {"BCE", "focal g=2 a=.25", "ASL 4/1/0.05", "focal g=1.5"};
        for (int round = 0; round < 3; round++) {
            for (int c = 0; c < cases.length; c++) {
                double old = time(cases[c][0], n), neu = time(cases[c][1], n);
                System.out.printf("round %d %-16s scalar %6.2f ns/elem (%6.3f ms)  vector %6.2f ns/elem (%6.3f ms)  x%.1f%n",
                        round, names[c], old, old * n / 1e6, neu, neu * n / 1e6, old / neu);
            }
        }
    }

    static double time(Runnable r, int n) {
        for (int i = 0; i < 30; i++) r.run();
        double best = Double.MAX_VALUE;
        for (int k = 0; k < 7; k++) {
            int reps = 20;
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) r.run();
            best = Math.min(best, (System.nanoTime() - t0) / (double) reps / n);
        }
        return best;
    }
}
