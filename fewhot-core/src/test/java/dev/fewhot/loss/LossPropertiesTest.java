package dev.fewhot.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fewhot.loss.LossGenerators.Batch;
import dev.fewhot.loss.LossGenerators.LossSpec;
import dev.fewhot.loss.LossGenerators.Scenario;
import dev.fewhot.testing.Properties;
import java.util.Arrays;
import dev.fewhot.testing.Gen;
import org.junit.jupiter.api.Test;

/** Properties of every loss: gradients, finiteness, special cases, reductions, input safety. */
class LossPropertiesTest {

    Gen<Scenario> smooth() {
        return LossGenerators.scenarios(LossGenerators.moderateLogits(), true);
    }

    Gen<Scenario> moderate() {
        return LossGenerators.scenarios(LossGenerators.moderateLogits(), false);
    }

    Gen<Scenario> extreme() {
        return LossGenerators.scenarios(LossGenerators.extremeLogits(), false);
    }

    Gen<Scenario> floatRange() {
        return LossGenerators.scenarios(Gen.oneOf(LossGenerators.extremeLogits(),
                Gen.of(Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, -Float.MIN_VALUE),
                Gen.anyFloat()), false);
    }

    private static boolean nearKink(LossSpec loss, double x, double window) {
        return !Double.isNaN(loss.kink()) && Math.abs(x - loss.kink()) <= window;
    }

    /**
     * Central differences of the double SUM value, one logit at a time (h about 1e-3 on float
     * logits; the actual float step is used), against the SUM gradient.
     */
    @Test
    void gradientMatchesCentralDifferencesOfTheSum() {
        Properties.forAll(150, smooth(), s -> {
            Batch b = s.batch();
            Loss loss = s.loss().with(Reduction.SUM);
            float[] grad = new float[b.n()];
            loss.compute(b.logits(), b.targets(), b.rows(), b.cols(), grad, null);
            float[] x = b.logits().clone();
            for (int i = 0; i < b.n(); i++) {
                float x0 = b.logits()[i];
                if (nearKink(s.loss(), x0, 0.01)) continue;
                float xp = (float) (x0 + 1e-3);
                float xm = (float) (x0 - 1e-3);
                x[i] = xp;
                double vp = loss.compute(x, b.targets(), b.rows(), b.cols(), null, null);
                x[i] = xm;
                double vm = loss.compute(x, b.targets(), b.rows(), b.cols(), null, null);
                x[i] = x0;
                double fd = (vp - vm) / ((double) xp - xm);
                double tol = 1e-4 * (1 + Math.abs(fd));
                assertTrue(Math.abs(grad[i] - fd) <= tol, "element " + i + " (x=" + x0 + ", y=" + b.targets()[i]
                        + "): gradient " + grad[i] + " vs central difference " + fd);
            }
        });
    }

    /**
     * Central differences of the float per-element losses (all logits moved by h = 1/64 at once;
     * the loss is element-wise), against the SUM gradient; the tolerance allows for float rounding.
     */
    @Test
    void gradientMatchesCentralDifferencesOfPerElementLosses() {
        Properties.forAll(150, smooth(), s -> {
            Batch b = s.batch();
            int n = b.n();
            float h = 1f / 64;
            float[] xp = new float[n];
            float[] xm = new float[n];
            for (int i = 0; i < n; i++) {
                xp[i] = b.logits()[i] + h;
                xm[i] = b.logits()[i] - h;
            }
            Loss loss = s.loss().with(Reduction.SUM);
            float[] grad = new float[n];
            float[] lp = new float[n];
            float[] lm = new float[n];
            loss.compute(b.logits(), b.targets(), b.rows(), b.cols(), grad, null);
            loss.compute(xp, b.targets(), b.rows(), b.cols(), null, lp);
            loss.compute(xm, b.targets(), b.rows(), b.cols(), null, lm);
            for (int i = 0; i < n; i++) {
                if (nearKink(s.loss(), b.logits()[i], 0.05)) continue;
                double step = (double) xp[i] - xm[i];
                double fd = ((double) lp[i] - lm[i]) / step;
                double rounding = 2 * Math.ulp(Math.max(Math.abs(lp[i]), Math.abs(lm[i]))) / step;
                double tol = 2e-3 * (1 + Math.abs(fd)) + rounding;
                assertTrue(Math.abs(grad[i] - fd) <= tol, "element " + i + " (x=" + b.logits()[i] + ", y="
                        + b.targets()[i] + "): gradient " + grad[i] + " vs central difference " + fd + " (tol " + tol + ")");
            }
        });
    }

    /** Finite values and gradients for logits up to +-1e4 and huge ones (1e30), for every reduction. */
    @Test
    void finiteForExtremeLogits() {
        Properties.forAll(300, extreme(), s -> {
            Batch b = s.batch();
            for (Reducer r : new Reducer[] {Reduction.SUM, Reduction.MEAN, Reduction.NONE, LossPropertiesTest::rowWeightedMean}) {
                float[] grad = new float[b.n()];
                float[] per = new float[b.n()];
                double v = s.loss().with(r).compute(b.logits(), b.targets(), b.rows(), b.cols(), grad, per);
                assertTrue(Double.isFinite(v), r + ": value " + v);
                for (int i = 0; i < b.n(); i++) {
                    assertTrue(Float.isFinite(grad[i]), r + ": grad[" + i + "] = " + grad[i] + " at x=" + b.logits()[i]);
                    assertTrue(Float.isFinite(per[i]), r + ": loss[" + i + "] = " + per[i] + " at x=" + b.logits()[i]);
                    assertTrue(per[i] >= 0, r + ": loss[" + i + "] = " + per[i] + " < 0 at x=" + b.logits()[i]);
                }
            }
        });
    }

    /**
     * Over the whole float range (including +-Float.MAX_VALUE) the returned value and gradient
     * stay finite (a per-element loss beyond the float range may be stored as infinity).
     */
    @Test
    void finiteValueAndGradientOverTheFloatRange() {
        Properties.forAll(200, floatRange(), s -> {
            Batch b = s.batch();
            float[] grad = new float[b.n()];
            double v = s.loss().with(Reduction.SUM).compute(b.logits(), b.targets(), b.rows(), b.cols(), grad, null);
            assertTrue(Double.isFinite(v), "value " + v);
            for (int i = 0; i < b.n(); i++) {
                assertTrue(Float.isFinite(grad[i]), "grad[" + i + "] = " + grad[i] + " at x=" + b.logits()[i]);
            }
        });
    }

    Gen<Tuple2Batch> focalVsBce() {
        return LossGenerators.batches(LossGenerators.extremeLogits())
                .flatMap(b -> LossGenerators.bceWeights(b.cols()).map(w -> new Tuple2Batch(b, w)));
    }

    /** A batch with BCE weights. */
    record Tuple2Batch(Batch batch, BceWeights weights) {
    }

    @Test
    void focalWithGammaZeroAndNoAlphaIsBce() {
        Properties.forAll(200, focalVsBce(), t -> {
            Batch b = t.batch();
            Loss focal = new FocalLoss(FocalSettings.withoutAlpha(0), t.weights(), Reduction.SUM);
            Loss bce = new BceWithLogits(t.weights(), Reduction.SUM);
            assertSameLoss(b, focal, bce, 0);
        });
    }

    /** A batch and a focusing-gradient mode. */
    record BatchAndFocusing(Batch b, FocusingGradient focusing) { }

    @Test
    void aslWithZeroGammasAndNoClipIsBce() {
        Properties.forAll(200, r -> new BatchAndFocusing(aslVsBce().next(r), Gen.of(FocusingGradient.class).next(r)), t -> {
            Batch b = t.b();
            FocusingGradient focusing = t.focusing();
            Loss asl = new AsymmetricLoss(AslSettings.defaults().withGammas(0, 0).withClip(0).withFocusing(focusing),
                    Reduction.SUM);
            assertSameLoss(b, asl, BceWithLogits.unweighted(Reduction.SUM), 1e-6);
        });
    }

    Gen<Batch> aslVsBce() {
        // |x| <= 15 keeps p and 1 - p above eps = 1e-8, away from the clamp
        return LossGenerators.batches(Gen.floats(-15f, 15f));
    }

    @Test
    void oneSidedFocalWithGammaZeroIsBce() {
        Properties.forAll(200, focalVsBce(), t -> {
            assertSameLoss(t.batch(), new OneSidedFocalLoss(0, t.weights(), Reduction.SUM),
                    new BceWithLogits(t.weights(), Reduction.SUM), 0);
        });
    }

    private static void assertSameLoss(Batch b, Loss a, Loss ref, double rtol) {
        float[] ga = new float[b.n()];
        float[] pa = new float[b.n()];
        float[] gr = new float[b.n()];
        float[] pr = new float[b.n()];
        double va = a.compute(b.logits(), b.targets(), b.rows(), b.cols(), ga, pa);
        double vr = ref.compute(b.logits(), b.targets(), b.rows(), b.cols(), gr, pr);
        assertEquals(vr, va, 1e-9 + rtol * Math.abs(vr), "value");
        for (int i = 0; i < b.n(); i++) {
            assertEquals(pr[i], pa[i], 1e-6 + rtol * Math.abs(pr[i]), "loss[" + i + "] at x=" + b.logits()[i]);
            assertEquals(gr[i], ga[i], 1e-6 + rtol * Math.abs(gr[i]), "grad[" + i + "] at x=" + b.logits()[i]);
        }
    }

    Gen<AslSettings> aslSettings() {
        Gen<Double> clips = Gen.oneOf(Gen.of(0.0, 0.05), Gen.doubles(0, 0.3));
        return r -> AslSettings.defaults().withGammas(LossGenerators.gammas().next(r), LossGenerators.gammas().next(r))
                .withClip(clips.next(r));
    }

    /**
     * DETACHED: the same value as INSIDE, and the gradient is the focusing weight (value / log
     * term) times the gradient of the log term alone (ASL with both gammas 0).
     */
    /** ASL settings and a batch. */
    record SettingsAndBatch(AslSettings settings, Batch b) { }

    @Test
    void aslDetachedTreatsTheFocusingWeightAsAConstant() {
        Properties.forAll(200, r -> new SettingsAndBatch(aslSettings().next(r), aslVsBce().next(r)), t -> {
            AslSettings settings = t.settings();
            Batch b = t.b();
            int n = b.n();
            float[] gi = new float[n];
            float[] pi = new float[n];
            float[] gd = new float[n];
            float[] pd = new float[n];
            float[] g0 = new float[n];
            float[] p0 = new float[n];
            double vi = new AsymmetricLoss(settings.withFocusing(FocusingGradient.INSIDE), Reduction.SUM)
                    .compute(b.logits(), b.targets(), b.rows(), b.cols(), gi, pi);
            double vd = new AsymmetricLoss(settings.withFocusing(FocusingGradient.DETACHED), Reduction.SUM)
                    .compute(b.logits(), b.targets(), b.rows(), b.cols(), gd, pd);
            new AsymmetricLoss(settings.withGammas(0, 0), Reduction.SUM)
                    .compute(b.logits(), b.targets(), b.rows(), b.cols(), g0, p0);
            assertEquals(vi, vd);
            assertArrayEquals(pi, pd);
            for (int i = 0; i < n; i++) {
                if (p0[i] < 1e-3f) continue;              // weight = value / log term is ill-conditioned
                double weight = (double) pd[i] / p0[i];
                double expected = weight * g0[i];
                assertEquals(expected, gd[i], 1e-5 * (1 + Math.abs(expected)), "grad[" + i + "] at x=" + b.logits()[i]);
            }
        });
    }

    @Test
    void meanIsSumOverNumel() {
        Properties.forAll(200, moderate(), s -> {
            Batch b = s.batch();
            int n = b.n();
            float[] gs = new float[n];
            float[] gm = new float[n];
            float[] ps = new float[n];
            float[] pm = new float[n];
            double sum = s.loss().with(Reduction.SUM).compute(b.logits(), b.targets(), b.rows(), b.cols(), gs, ps);
            double mean = s.loss().with(Reduction.MEAN).compute(b.logits(), b.targets(), b.rows(), b.cols(), gm, pm);
            assertEquals(sum / n, mean, 1e-12 * Math.abs(sum / n) + 1e-300);
            assertArrayEquals(ps, pm);
            for (int i = 0; i < n; i++) {
                assertEquals(gs[i] / n, gm[i], 2e-7 * Math.abs(gs[i] / n) + 1e-30, "grad[" + i + "]");
            }
        });
    }

    @Test
    void noneReturnsTheSumAndTheElementwiseGradient() {
        Properties.forAll(200, moderate(), s -> {
            Batch b = s.batch();
            float[] gs = new float[b.n()];
            float[] gn = new float[b.n()];
            float[] pn = new float[b.n()];
            float[] ps = new float[b.n()];
            double sum = s.loss().with(Reduction.SUM).compute(b.logits(), b.targets(), b.rows(), b.cols(), gs, ps);
            double none = s.loss().with(Reduction.NONE).compute(b.logits(), b.targets(), b.rows(), b.cols(), gn, pn);
            assertEquals(sum, none);
            assertArrayEquals(gs, gn);
            assertArrayEquals(ps, pn);
            // the outputs are optional and do not change the value
            assertEquals(sum, s.loss().with(Reduction.SUM).compute(b.logits(), b.targets(), b.rows(), b.cols(), null, null));
            double sumOfElements = 0;
            for (float v : pn) sumOfElements += v;
            assertEquals(sum, sumOfElements, 1e-6 * Math.abs(sum) + 1e-6);
        });
    }

    /** A user reducer: sum over rows of (row + 1) times the row's mean. */
    static double rowWeightedMean(float[] losses, int rows, int cols, float[] dValue) {
        double v = 0;
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int c = 0; c < cols; c++) {
                s += losses[r * cols + c];
                dValue[r * cols + c] = (float) ((r + 1.0) / cols);
            }
            v += (r + 1.0) * s / cols;
        }
        return v;
    }

    /** A non-linear user reducer: half the sum of squares. */
    static double halfSumOfSquares(float[] losses, int rows, int cols, float[] dValue) {
        double v = 0;
        for (int i = 0; i < rows * cols; i++) {
            v += 0.5 * (double) losses[i] * losses[i];
            dValue[i] = losses[i];
        }
        return v;
    }

    /** A scenario and whether the caller passes a per-element buffer. */
    record ScenarioAndFlag(Scenario s, boolean callerBuffer) { }

    @Test
    void customReducerGetsPerElementLossesAndChainsTheGradient() {
        Properties.forAll(200, r -> new ScenarioAndFlag(moderate().next(r), r.nextBoolean()), t -> {
            Scenario s = t.s();
            boolean callerBuffer = t.callerBuffer();
            Batch b = s.batch();
            int n = b.n();
            float[] dl = new float[n];
            float[] l = new float[n];
            s.loss().with(Reduction.NONE).compute(b.logits(), b.targets(), b.rows(), b.cols(), dl, l);
            for (Reducer r : new Reducer[] {LossPropertiesTest::rowWeightedMean, LossPropertiesTest::halfSumOfSquares}) {
                float[] dValue = new float[n];
                double expected = r.reduce(l.clone(), b.rows(), b.cols(), dValue);
                float[] grad = new float[n];
                float[] per = callerBuffer ? new float[n] : null;
                Loss loss = s.loss().with(r);
                assertTrue(loss.reducer() == r);
                double v = loss.compute(b.logits(), b.targets(), b.rows(), b.cols(), grad, per);
                assertEquals(expected, v, 1e-12 * Math.abs(expected) + 1e-300);
                if (per != null) assertArrayEquals(l, per);
                for (int i = 0; i < n; i++) {
                    double chained = (double) dl[i] * dValue[i];
                    assertEquals(chained, grad[i], 1e-6 * Math.abs(chained) + 1e-30, "grad[" + i + "]");
                }
            }
        });
    }

    @Test
    void inputsAreNotModified() {
        Properties.forAll(200, extreme(), s -> {
            Batch b = s.batch();
            float[] x = b.logits().clone();
            float[] y = b.targets().clone();
            for (Reducer r : new Reducer[] {Reduction.SUM, Reduction.MEAN, Reduction.NONE,
                    LossPropertiesTest::rowWeightedMean, LossPropertiesTest::halfSumOfSquares}) {
                s.loss().with(r).compute(b.logits(), b.targets(), b.rows(), b.cols(), new float[b.n()], new float[b.n()]);
                s.loss().with(r).compute(b.logits(), b.targets(), b.rows(), b.cols(), null, null);
                assertArrayEquals(x, b.logits(), "logits modified by " + s.loss() + " with " + r);
                assertArrayEquals(y, b.targets(), "targets modified by " + s.loss() + " with " + r);
            }
        });
    }

    @Test
    void rowsAreIndependent() {
        Properties.forAll(100, moderate(), s -> {
            // computing the batch at once equals computing each row alone (per-label weights line up)
            Batch b = s.batch();
            float[] per = new float[b.n()];
            float[] grad = new float[b.n()];
            s.loss().with(Reduction.SUM).compute(b.logits(), b.targets(), b.rows(), b.cols(), grad, per);
            for (int r = 0; r < b.rows(); r++) {
                int from = r * b.cols();
                int to = from + b.cols();
                float[] pr = new float[b.cols()];
                float[] gr = new float[b.cols()];
                s.loss().with(Reduction.SUM).compute(Arrays.copyOfRange(b.logits(), from, to),
                        Arrays.copyOfRange(b.targets(), from, to), 1, b.cols(), gr, pr);
                assertArrayEquals(Arrays.copyOfRange(per, from, to), pr);
                assertArrayEquals(Arrays.copyOfRange(grad, from, to), gr);
            }
        });
    }
}
