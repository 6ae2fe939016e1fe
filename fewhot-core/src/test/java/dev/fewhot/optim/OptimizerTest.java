package dev.fewhot.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Optimisers against PyTorch's update rules written out in double precision. */
class OptimizerTest {

    @ParameterizedTest
    @ValueSource(strings = {"adam", "adam-l2", "adamw", "adamw-threads", "sgd"})
    void stepAndCheckFiniteStepsAsStepDoesAndSaysWhetherTheParametersStayedFinite(String variant) {
        int n = 70_000 + 3; // above the parallel threshold, not a multiple of the vector length
        OptimizerSettings s = switch (variant) {
            case "adam" -> OptimizerSettings.adam();
            case "adam-l2" -> OptimizerSettings.adam().withWeightDecay(0.1);
            case "sgd" -> OptimizerSettings.sgd();
            default -> OptimizerSettings.adamW();
        };
        int threads = variant.endsWith("threads") ? 2 : 1;
        for (int badAt : new int[] {-1, 0, n / 2 + 1, n - 1}) {
            Optimizer checked = Optimizer.create(s, n, threads), plain = Optimizer.create(s, n, threads);
            SplittableRandom r = new SplittableRandom(7);
            float[] p = new float[n];
            for (int i = 0; i < n; i++) p[i] = (float) r.nextGaussian();
            float[] q = p.clone();
            for (int t = 1; t <= 3; t++) {
                float[] g = new float[n];
                for (int i = 0; i < n; i++) g[i] = (float) r.nextGaussian();
                if (t == 3 && badAt >= 0) g[badAt] = Float.NaN;
                boolean finite = checked.stepAndCheckFinite(p, g, 0.01);
                plain.step(q, g, 0.01);
                assertEquals(t < 3 || badAt < 0, finite, variant + ", NaN gradient at " + badAt + ", step " + t);
                for (int i = 0; i < n; i++) {
                    assertEquals(Float.floatToIntBits(q[i]), Float.floatToIntBits(p[i]), variant + ": parameter " + i);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"adam", "adam-l2", "adamw", "adamw-threads"})
    void adamFollowsPyTorch(String variant) {
        int n = 70_000 + 3; // above the parallel threshold, not a multiple of the vector length
        OptimizerSettings s = switch (variant) {
            case "adam" -> OptimizerSettings.adam();
            case "adam-l2" -> OptimizerSettings.adam().withWeightDecay(0.1);
            default -> OptimizerSettings.adamW();
        };
        Optimizer opt = Optimizer.create(s, n, variant.endsWith("threads") ? 2 : 1);
        SplittableRandom r = new SplittableRandom(4);
        float[] p = new float[n];
        double[] pd = new double[n], m = new double[n], v = new double[n];
        for (int i = 0; i < n; i++) pd[i] = p[i] = (float) r.nextGaussian();
        double lr = 0.01;
        for (int t = 1; t <= 5; t++) {
            float[] g = new float[n];
            for (int i = 0; i < n; i++) g[i] = (float) r.nextGaussian();
            opt.step(p, g, lr);
            for (int i = 0; i < n; i++) {
                double gi = g[i];
                if (s.kind() == OptimizerSettings.Kind.ADAMW) pd[i] *= 1 - lr * s.weightDecay();
                else gi += s.weightDecay() * pd[i];
                m[i] = s.beta1() * m[i] + (1 - s.beta1()) * gi;
                v[i] = s.beta2() * v[i] + (1 - s.beta2()) * gi * gi;
                double bc1 = 1 - Math.pow(s.beta1(), t), bc2 = 1 - Math.pow(s.beta2(), t);
                pd[i] -= lr / bc1 * m[i] / (Math.sqrt(v[i]) / Math.sqrt(bc2) + s.eps());
            }
        }
        for (int i = 0; i < n; i++) assertEquals(pd[i], p[i], 1e-5 * Math.max(1, Math.abs(pd[i])), "param " + i);
        assertEquals(5, opt.steps());
    }

    @Test
    void sgdMomentumFollowsPyTorch() {
        Optimizer opt = Optimizer.create(OptimizerSettings.sgd(), 3);
        float[] p = {1f, -2f, 0.5f};
        double[] pd = {1, -2, 0.5}, b = new double[3];
        float[][] grads = {{0.1f, 0.2f, -0.3f}, {0.4f, -0.1f, 0.0f}, {-0.2f, 0.3f, 0.1f}};
        for (int t = 0; t < 3; t++) {
            opt.step(p, grads[t], 0.1);
            for (int i = 0; i < 3; i++) {
                b[i] = t == 0 ? grads[t][i] : 0.9 * b[i] + grads[t][i];
                pd[i] -= 0.1 * b[i];
                assertEquals(pd[i], p[i], 1e-6);
            }
        }
    }

    @Test
    void scheduleWarmsUpThenDecaysByCosine() {
        LrSchedule s = new LrSchedule(1.0, 4, 14, LrSchedule.Decay.COSINE, 0.0);
        assertEquals(0.2, s.at(0), 1e-12);
        assertEquals(0.8, s.at(3), 1e-12);
        assertEquals(1.0, s.at(4), 1e-12);
        assertEquals(0.5, s.at(9), 1e-12);
        assertEquals(0.0, s.at(14), 1e-12);
        assertEquals(1.0, LrSchedule.constant(1.0).at(1000), 0);
        assertThrows(IllegalArgumentException.class, () -> new LrSchedule(-1, 0, 1, LrSchedule.Decay.CONSTANT, 1));
    }

    @Test
    void settingsNameTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OptimizerSettings(OptimizerSettings.Kind.ADAM, 1.0, 0.999, 1e-8, 0, 0));
        assertEquals("beta1 must be in [0, 1), got 1.0", e.getMessage());
    }
}
