package dev.fewhot.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every vector kernel against the double-precision scalar code ({@link LossScalar}) over random
 * inputs with extremes, soft targets, tails, offsets, sub-ranges that start and end mid-row, and
 * null or per-label weights. Element tolerance {@code 1e-6 + 2e-5 |ref|} (the golden-vector test
 * allows {@code 1e-6 + 1e-5 |ref|} on top of the float rounding of its inputs).
 */
class LossKernelsTest {
    @org.junit.jupiter.api.BeforeAll
    static void forceTheVectorPath() {
        LossKernels.exactBelow = 0;
    }

    static final double ATOL = 1e-6;
    static final double RTOL = 2e-5;
    static final float SENTINEL = -12345f;
    static final int[] COLS = {1, 5, 16, 17, 33, 512};

    /** One kernel call: (x, y, off, cols, from, to, weight, posWeight, scale, grad, loss) -> sum. */
    interface Kernel {
        double run(float[] x, float[] y, int off, int cols, int from, int to, float[] w, float[] pw, double scale,
                   float[] grad, float[] loss);
    }

    /** The reference for one element range of one row segment (same signature, computed per row). */
    interface Reference {
        double run(float[] x, float[] y, int base, float[] w, float[] pw, int wBase, int n, double scale,
                   float[] grad, float[] loss);
    }

    static float logit(SplittableRandom rnd, boolean extreme) {
        int k = rnd.nextInt(20);
        if (!extreme || k < 12) return (float) (rnd.nextGaussian() * 4);
        if (k < 15) return (float) (rnd.nextDouble() * 60 - 30);
        float[] special = {0f, -0f, 1e4f, -1e4f, 100f, -100f, 88.7f, -88.7f, 103.9f, -103.9f, 1e30f, -1e30f,
            Float.MAX_VALUE, -Float.MAX_VALUE, -18.420681f, -18.42068f, 18.420681f, -2.944439f, -2.9444389f,
            -2.9443619f, 30f, -30f, 745.2f, -745.2f, 1e-30f, -1e-30f};
        return special[rnd.nextInt(special.length)];
    }

    static float target(SplittableRandom rnd) {
        int k = rnd.nextInt(10);
        if (k < 5) return 0f;
        if (k < 8) return 1f;
        if (k < 9) return (float) rnd.nextDouble();
        float[] special = {0.5f, Float.MIN_VALUE, Math.nextDown(1f), 0.01f, 0.99f};
        return special[rnd.nextInt(special.length)];
    }

    static void check(String what, Kernel kernel, Reference ref, boolean perLabel, boolean extreme, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int cols : COLS) {
            for (int trial = 0; trial < 6; trial++) {
                int rows = 1 + rnd.nextInt(cols >= 100 ? 3 : 9);
                int n = rows * cols;
                int off = trial % 3 == 0 ? 0 : 1 + rnd.nextInt(20);
                int from = trial < 2 ? 0 : rnd.nextInt(n + 1);
                int to = trial < 2 ? n : from + rnd.nextInt(n - from + 1);
                float[] x = new float[off + n + 3];
                float[] y = new float[off + n + 3];
                for (int i = 0; i < x.length; i++) {
                    x[i] = logit(rnd, extreme);
                    y[i] = target(rnd);
                }
                float[] w = null;
                float[] pw = null;
                if (perLabel) {
                    int which = rnd.nextInt(3);
                    if (which != 1) w = randomWeights(rnd, cols);
                    if (which != 0) pw = randomWeights(rnd, cols);
                }
                double scale = trial % 2 == 0 ? 1.0 : 1.0 / Math.max(1, n);
                float[] grad = filled(x.length);
                float[] loss = filled(x.length);
                float[] rg = filled(x.length);
                float[] rl = filled(x.length);
                double sum = kernel.run(x, y, off, cols, from, to, w, pw, scale, grad, loss);
                double rsum = 0;
                for (int i = from; i < to; ) {
                    int j = i % cols;
                    int end = Math.min(to, i - j + cols);
                    rsum += ref.run(x, y, off + i, w, pw, j, end - i, scale, rg, rl);
                    i = end;
                }
                String where = what + " cols=" + cols + " rows=" + rows + " off=" + off + " [" + from + "," + to
                        + ") seed=" + seed + " trial=" + trial;
                double abs = 0;
                for (int i = off + from; i < off + to; i++) abs += Math.abs(rl[i]);
                if (Double.isFinite(rsum)) {
                    assertTrue(Math.abs(sum - rsum) <= 1e-6 + 2e-6 * abs, where + ": sum " + sum + " vs " + rsum);
                } else {
                    assertEquals(rsum, sum, where + ": sum");
                }
                compare(where + " loss", rl, loss, x, y, off + from, off + to, 1.0);
                compare(where + " grad", rg, grad, x, y, off + from, off + to, scale);
                // outside the range: untouched
                for (int i = 0; i < x.length; i++) {
                    if (i < off + from || i >= off + to) {
                        if (grad[i] != SENTINEL || loss[i] != SENTINEL) fail(where + ": wrote outside the range at " + i);
                    }
                }
                // optional outputs do not change the value
                double sumNoOut = kernel.run(x, y, off, cols, from, to, w, pw, scale, null, null);
                // (equal unless a block's gradient overflowed and was recomputed in double)
                assertEquals(sum, sumNoOut, 1e-6 * Math.abs(sum), where + ": sum without outputs");
                float[] grad2 = filled(x.length);
                kernel.run(x, y, off, cols, from, to, w, pw, scale, grad2, null);
                assertTrue(Arrays.equals(grad, grad2), where + ": grad without loss output");
            }
        }
    }

    static float[] randomWeights(SplittableRandom rnd, int cols) {
        float[] w = new float[cols + rnd.nextInt(3)];
        for (int j = 0; j < w.length; j++) w[j] = (float) (rnd.nextDouble() * 5);
        return w;
    }

    static float[] filled(int n) {
        float[] a = new float[n];
        Arrays.fill(a, SENTINEL);
        return a;
    }

    static void compare(String what, float[] ref, float[] got, float[] x, float[] y, int from, int to, double scale) {
        int bad = 0;
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            double b = ref[i];
            double a = got[i];
            boolean ok = Double.isInfinite(b) ? a == b : Math.abs(a - b) <= ATOL * scale + RTOL * Math.abs(b);
            if (!ok) {
                if (bad < 6) {
                    sb.append("\n  [").append(i).append("] x=").append(x[i]).append(" y=").append(y[i])
                            .append(": expected ").append(b).append(", got ").append(a);
                }
                bad++;
            }
        }
        if (bad > 0) fail(what + ": " + bad + " of " + (to - from) + " differ" + sb);
    }

    static final double[] GAMMAS = {0, 1, 2, 4, 0.5, 2.5, 3};

    @Test
    void bce() {
        for (boolean perLabel : new boolean[] {false, true}) {
            for (boolean extreme : new boolean[] {false, true}) {
                check("bce", LossKernels::bce, LossScalar::bce, perLabel, extreme, 11 + (perLabel ? 1 : 0));
            }
        }
    }

    @Test
    void positiveWeightedBce() {
        for (float w : new float[] {0f, 1f, 8.987f}) {
            for (boolean extreme : new boolean[] {false, true}) {
                check("pwbce " + w,
                        (x, y, off, cols, from, to, a, b, s, g, l) ->
                                LossKernels.positiveWeightedBce(x, y, off, cols, from, to, w, s, g, l),
                        (x, y, base, a, b, wb, n, s, g, l) -> LossScalar.positiveWeightedBce(x, y, base, n, w, s, g, l),
                        false, extreme, 21);
            }
        }
    }

    @Test
    void focal() {
        for (double gamma : GAMMAS) {
            for (int alphaCase = 0; alphaCase < 2; alphaCase++) {
                boolean useAlpha = alphaCase == 1;
                for (boolean perLabel : new boolean[] {false, true}) {
                    for (boolean extreme : new boolean[] {false, true}) {
                        check("focal g=" + gamma + " alpha=" + useAlpha,
                                (x, y, off, cols, from, to, w, pw, s, g, l) ->
                                        LossKernels.focal(x, y, off, cols, from, to, gamma, useAlpha, 0.25, w, pw, s, g, l),
                                (x, y, base, w, pw, wb, n, s, g, l) ->
                                        LossScalar.focal(x, y, base, w, pw, wb, n, gamma, useAlpha, 0.25, s, g, l),
                                perLabel, extreme, 31);
                    }
                }
            }
        }
    }

    @Test
    void oneSidedFocal() {
        for (double gamma : GAMMAS) {
            for (boolean perLabel : new boolean[] {false, true}) {
                for (boolean extreme : new boolean[] {false, true}) {
                    check("oneSided g=" + gamma,
                            (x, y, off, cols, from, to, w, pw, s, g, l) ->
                                    LossKernels.oneSidedFocal(x, y, off, cols, from, to, gamma, w, pw, s, g, l),
                            (x, y, base, w, pw, wb, n, s, g, l) ->
                                    LossScalar.oneSidedFocal(x, y, base, w, pw, wb, n, gamma, s, g, l),
                            perLabel, extreme, 41);
                }
            }
        }
    }

    @Test
    void asymmetric() {
        double[][] gammaPairs = {{4, 1}, {0, 0}, {2, 2}, {1, 0}, {0, 3}, {2.5, 1}, {4, 0.5}, {3.5, 3.5}};
        for (double[] gp : gammaPairs) {
            for (double clip : new double[] {0, 0.05, 0.2}) {
                for (double eps : new double[] {1e-8, 1e-3, 0.1}) {
                    for (boolean detached : new boolean[] {false, true}) {
                        for (boolean extreme : new boolean[] {false, true}) {
                            check("asl " + Arrays.toString(gp) + " clip=" + clip + " eps=" + eps + " detached=" + detached,
                                    (x, y, off, cols, from, to, w, pw, s, g, l) -> LossKernels.asymmetric(x, y, off, cols,
                                            from, to, gp[0], gp[1], clip, eps, detached, s, g, l),
                                    (x, y, base, w, pw, wb, n, s, g, l) -> LossScalar.asymmetric(x, y, base, n, gp[0],
                                            gp[1], clip, eps, detached, s, g, l),
                                    false, extreme, 51);
                        }
                    }
                }
            }
        }
    }

    /**
     * Few-hot targets (about 3% positive), where most vectors hold no positive and the clipped
     * loss skips their log p: against the double reference (also without a clip, where nothing is
     * skipped), and a hard negative's value and gradient have the same bits whether or not its
     * vector also holds a positive.
     */
    @Test
    void asymmetricFewHot() {
        SplittableRandom rnd = new SplittableRandom(31);
        int n = 64 * 512;
        float[] x = new float[n], y = new float[n], dense = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = logit(rnd, true);
            y[i] = rnd.nextInt(100) < 3 ? 1f : 0f;
            dense[i] = i % VMath.L == 0 ? 1f : y[i]; // a positive in every vector: none skips
        }
        for (double clip : new double[] {0, 0.05, 0.2}) {
            for (double[] gp : new double[][] {{4, 1}, {2.5, 1}}) {
                float[] g = new float[n], l = new float[n], rg = new float[n], rl = new float[n];
                double sum = LossKernels.asymmetric(x, y, 0, 512, 0, n, gp[0], gp[1], clip, 1e-8, false, 1.0, g, l);
                double rsum = LossScalar.asymmetric(x, y, 0, n, gp[0], gp[1], clip, 1e-8, false, 1.0, rg, rl);
                String where = "clip " + clip + " gammas " + Arrays.toString(gp);
                assertTrue(Math.abs(sum - rsum) <= 1e-6 + 2e-6 * Math.abs(rsum), where + ": sum " + sum + " vs " + rsum);
                for (int i = 0; i < n; i++) {
                    assertTrue(Math.abs(g[i] - rg[i]) <= ATOL + RTOL * Math.abs(rg[i]), where + ": grad[" + i + "] " + g[i] + " vs " + rg[i]);
                    assertTrue(Math.abs(l[i] - rl[i]) <= ATOL + RTOL * Math.abs(rl[i]), where + ": loss[" + i + "] " + l[i] + " vs " + rl[i]);
                }
                float[] dg = new float[n], dl = new float[n];
                LossKernels.asymmetric(x, dense, 0, 512, 0, n, gp[0], gp[1], clip, 1e-8, false, 1.0, dg, dl);
                for (int i = 0; i < n; i++) {
                    if (dense[i] != 0f) continue;
                    if (Float.floatToIntBits(g[i]) != Float.floatToIntBits(dg[i])
                            || Float.floatToIntBits(l[i]) != Float.floatToIntBits(dl[i])) {
                        fail(where + ": element " + i + " (x " + x[i] + ", y 0): " + g[i] + " / " + l[i]
                                + " in a vector without a positive, " + dg[i] + " / " + dl[i] + " with one");
                    }
                }
            }
        }
    }

    @Test
    void thresholdsMatchTheDoubleDecision() {
        for (double eps : new double[] {1e-8, 1e-3, 1e-40, 1e-300, 0.5, 1.0, 2.0}) {
            float t = LossKernels.firstTrue(v -> LossScalar.sigmoid(v) >= eps);
            if (!Float.isNaN(t) && t != Float.NEGATIVE_INFINITY) {
                assertTrue(LossScalar.sigmoid(t) >= eps && !(LossScalar.sigmoid(Math.nextDown(t)) >= eps), "eps " + eps);
            }
            float u = LossKernels.lastTrue(v -> LossScalar.sigmoidComplement(v) >= eps);
            if (!Float.isNaN(u) && u != Float.POSITIVE_INFINITY) {
                assertTrue(LossScalar.sigmoidComplement(u) >= eps && !(LossScalar.sigmoidComplement(Math.nextUp(u)) >= eps),
                        "eps " + eps);
            }
        }
    }

    @Test
    void vmathAccuracy() {
        SplittableRandom rnd = new SplittableRandom(7);
        int n = 4096;
        float[] a = new float[n];
        float[] out = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (rnd.nextDouble() * 174 - 87);
        for (int i = 0; i < n; i += VMath.L) {
            VMath.exp(jdk.incubator.vector.FloatVector.fromArray(VMath.S, a, i)).intoArray(out, i);
        }
        for (int i = 0; i < n; i++) {
            double ref = Math.exp(a[i]);
            assertTrue(Math.abs(out[i] - ref) <= 2 * Math.ulp((float) ref), "exp(" + a[i] + ") = " + out[i] + " vs " + ref);
        }
        for (int i = 0; i < n; i++) {
            a[i] = (float) Math.exp(rnd.nextDouble() * 200 - 100);
            if (i % 50 == 0) a[i] = Float.MIN_VALUE * (1 + rnd.nextInt(1000));
        }
        for (int i = 0; i < n; i += VMath.L) {
            VMath.log(jdk.incubator.vector.FloatVector.fromArray(VMath.S, a, i)).intoArray(out, i);
        }
        for (int i = 0; i < n; i++) {
            double ref = Math.log(a[i]);
            assertTrue(Math.abs(out[i] - ref) <= 2 * Math.ulp((float) ref), "log(" + a[i] + ") = " + out[i] + " vs " + ref);
        }
        float[] e = new float[n];
        float[] r = new float[n];
        for (int i = 0; i < n; i++) {
            e[i] = i % 7 == 0 ? (float) Math.exp(-rnd.nextDouble() * 100) : (float) rnd.nextDouble();
            r[i] = 1f / (1f + e[i]);
        }
        for (int i = 0; i < n; i += VMath.L) {
            VMath.log1p01(jdk.incubator.vector.FloatVector.fromArray(VMath.S, e, i),
                    jdk.incubator.vector.FloatVector.fromArray(VMath.S, r, i)).intoArray(out, i);
        }
        for (int i = 0; i < n; i++) {
            double ref = Math.log1p(e[i]);
            assertTrue(Math.abs(out[i] - ref) <= 2 * Math.ulp((float) ref), "log1p(" + e[i] + ") = " + out[i] + " vs " + ref);
        }
    }

    /**
     * The array passes that the loss kernels call repeat the vector helpers' arithmetic (see
     * VMath): the same bits, so {@link #vmathAccuracy}'s bounds hold for them too.
     */
    @Test
    void vmathPassesGiveTheHelpersBits() {
        SplittableRandom rnd = new SplittableRandom(11);
        int n = 4096;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = switch (i % 5) {
                case 0 -> (float) (rnd.nextDouble() * 200 - 100);
                case 1 -> (float) (rnd.nextGaussian() * 3);
                case 2 -> (float) Math.exp(rnd.nextDouble() * 170 - 85);
                case 3 -> (float) rnd.nextDouble();
                default -> Float.MIN_VALUE * (1 + rnd.nextInt(1 << 20));
            };
        }
        float[] e = new float[n], r = new float[n], out = new float[n], want = new float[n];
        VMath.sigmoidPass(x, 0, n, e, r);
        for (int i = 0; i < n; i += VMath.L) {
            var ev = VMath.exp(jdk.incubator.vector.FloatVector.fromArray(VMath.S, x, i).abs().neg());
            ev.intoArray(want, i);
            ev.broadcast(1f).div(ev.add(1f)).intoArray(out, i);
        }
        assertSameBits("sigmoidPass e", want, e);
        assertSameBits("sigmoidPass r", out, r);
        VMath.log1pPass(e, r, n, out);
        for (int i = 0; i < n; i += VMath.L) {
            VMath.log1p01(jdk.incubator.vector.FloatVector.fromArray(VMath.S, e, i),
                    jdk.incubator.vector.FloatVector.fromArray(VMath.S, r, i)).intoArray(want, i);
        }
        assertSameBits("log1pPass", want, out);
        VMath.expPass(x, n, out);
        for (int i = 0; i < n; i += VMath.L) {
            VMath.exp(jdk.incubator.vector.FloatVector.fromArray(VMath.S, x, i)).intoArray(want, i);
        }
        assertSameBits("expPass", want, out);
        float[] pos = new float[n];
        for (int i = 0; i < n; i++) pos[i] = i % 9 == 0 ? 0f : Math.abs(x[i]);
        VMath.logPass(pos, n, out);
        for (int i = 0; i < n; i += VMath.L) {
            VMath.log(jdk.incubator.vector.FloatVector.fromArray(VMath.S, pos, i)).intoArray(want, i);
        }
        assertSameBits("logPass", want, out);
        for (int i = 0; i < n; i++) pos[i] = Math.max(Float.MIN_NORMAL, pos[i]);
        VMath.logNormalPass(pos, n, out);
        for (int i = 0; i < n; i += VMath.L) {
            VMath.log(jdk.incubator.vector.FloatVector.fromArray(VMath.S, pos, i)).intoArray(want, i);
        }
        assertSameBits("logNormalPass", want, out);
    }

    private static void assertSameBits(String what, float[] want, float[] got) {
        for (int i = 0; i < want.length; i++) {
            if (Float.floatToIntBits(want[i]) != Float.floatToIntBits(got[i])) {
                fail(what + "[" + i + "] = " + got[i] + ", the helper gives " + want[i]);
            }
        }
    }

    @Test
    void rejectsBadArguments() {
        float[] a = new float[10];
        assertThrows(IllegalArgumentException.class, () -> LossKernels.bce(a, a, 0, 5, 0, 11, null, null, 1, null, null));
        assertThrows(IllegalArgumentException.class, () -> LossKernels.bce(a, a, 0, 5, 5, 4, null, null, 1, null, null));
        assertThrows(IllegalArgumentException.class, () -> LossKernels.bce(a, a, 0, 5, 0, 10, new float[4], null, 1, null, null));
        assertThrows(IllegalArgumentException.class, () -> LossKernels.bce(a, a, 0, 0, 0, 10, null, null, 1, null, null));
        assertEquals(0.0, LossKernels.asymmetric(a, a, 0, 5, 3, 3, 4, 1, 0.05, 1e-8, false, 1, null, null));
    }
}
