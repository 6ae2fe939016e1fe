package dev.fewhot.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Closed-form values at chosen points, including logits of +-1e4 where naive forms fail. */
class LossValuesTest {
    private static double[] one(Loss loss, float x, float y) {
        float[] g = new float[1];
        float[] l = new float[1];
        double v = loss.compute(new float[] {x}, new float[] {y}, 1, 1, g, l);
        assertEquals(v, l[0], Math.ulp(l[0]));
        return new double[] {v, g[0]};
    }

    private static void check(Loss loss, float x, float y, double value, double grad) {
        double[] r = one(loss, x, y);
        assertEquals(value, r[0], 1e-12 + 1e-7 * Math.abs(value), loss + " value at x=" + x + ", y=" + y);
        assertEquals(grad, r[1], 1e-12 + 1e-6 * Math.abs(grad), loss + " grad at x=" + x + ", y=" + y);
    }

    @Test
    void bce() {
        Loss bce = BceWithLogits.unweighted(Reduction.SUM);
        check(bce, 1e4f, 0, 1e4, 1);
        check(bce, -1e4f, 1, 1e4, -1);
        check(bce, 1e4f, 1, 0, 0);
        check(bce, -1e4f, 0, 0, 0);
        check(bce, 0, 0.5f, Math.log(2), 0);
        check(bce, -30, 0, Math.log1p(Math.exp(-30)), 1 / (1 + Math.exp(30)));  // no cancellation
        check(bce, 1e4f, 0.25f, 0.75e4, 0.75);
        Loss w = new BceWithLogits(BceWeights.none().withWeight(LabelWeights.scalar(2))
                .withPosWeight(LabelWeights.scalar(10)), Reduction.SUM);
        check(w, -1e4f, 1, 2 * 10 * 1e4, -20);
        check(w, 0, 1, 20 * Math.log(2), -10);
        check(w, 0, 0, 2 * Math.log(2), 1);
    }

    @Test
    void positiveWeightedBce() {
        Loss l = new PositiveWeightedBce(10, Reduction.SUM);
        check(l, 0, 0, Math.log(2), 0.5);
        check(l, 0, 1, 10 * Math.log(2), -5);
        check(l, 0, 0.5f, 5 * Math.log(2), 0);
        check(l, -1e4f, 1, 1e5, -10);
    }

    @Test
    void focal() {
        Loss f = FocalLoss.defaults(Reduction.SUM);
        check(f, 1e4f, 0, 0.75 * 1e4, 0.75);             // p_t = 0: the full BCE, times 1 - alpha
        check(f, -1e4f, 1, 0.25 * 1e4, -0.25);
        check(f, 1e4f, 1, 0, 0);
        check(f, -1e4f, 0, 0, 0);
        // x = 0, y = 1: ce = ln 2, (1 - p_t)^2 = 1/4; d/dx = alpha * [-(1/2)(1/4) + ln2 * 2 * (1/2) * (-(1/4))]
        check(f, 0, 1, 0.25 * Math.log(2) / 4, 0.25 * (-0.125 - Math.log(2) * 0.25));
        Loss noAlpha = new FocalLoss(FocalSettings.withoutAlpha(2), BceWeights.none(), Reduction.SUM);
        check(noAlpha, 0, 0, Math.log(2) / 4, 0.125 + Math.log(2) * 0.25);
        // gamma between 0 and 1: finite at a saturated logit
        Loss half = new FocalLoss(new FocalSettings(0.5, OptionalDouble.empty()), BceWeights.none(), Reduction.SUM);
        check(half, -1e4f, 0, 0, 0);
        check(half, 1e4f, 1, 0, 0);
    }

    @Test
    void oneSidedFocal() {
        Loss f = new OneSidedFocalLoss(2, BceWeights.none(), Reduction.SUM);
        // a confident false positive costs nothing: the defect this class documents
        check(f, 1e4f, 0, 0, 0);
        check(f, -1e4f, 1, 1e4, -1);
        // x = 0, y = 0: (1/4) ln 2; d/dx = (1/4)(1/2) - 2 (1/2)(1/4) ln 2
        check(f, 0, 0, Math.log(2) / 4, 0.125 - 0.25 * Math.log(2));
    }

    @Test
    void asymmetric() {
        Loss a = AsymmetricLoss.defaults(Reduction.SUM);
        double pm = 0.95;
        check(a, 1e4f, 0, -Math.pow(pm, 4) * Math.log(1 - pm), 0);   // gradient vanishes with q = 0
        check(a, -1e4f, 1, -Math.log(1e-8), 0);                       // the eps clamp: constant, zero gradient
        check(a, 1e4f, 1, 0, 0);
        check(a, -1e4f, 0, 0, 0);                                     // p <= clip: shifted to 0
        check(a, -3, 0, 0, 0);                                        // p = 0.047 < clip
        // x = 0, y = 1: -(1/2) log(1/2); d/dx = -[(1/2)(1/2) + log(1/2) (-(1/2)(1/2))]
        check(a, 0, 1, 0.5 * Math.log(2), -(0.25 + Math.log(2) * 0.25));
        Loss d = new AsymmetricLoss(AslSettings.defaults().withFocusing(FocusingGradient.DETACHED), Reduction.SUM);
        check(d, 0, 1, 0.5 * Math.log(2), -0.25);
    }
}
