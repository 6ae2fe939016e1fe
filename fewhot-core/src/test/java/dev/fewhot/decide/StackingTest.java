package dev.fewhot.decide;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fewhot.data.LabelSets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StackingTest {
    /** 24 rows x 3 labels of first-level probabilities (float32, two decimals). */
    static final float[] PROBS = {
        0.08f, 0.78f, 0.44f, 0.72f, 0.98f, 0.54f, 0.50f, 0.07f, 0.27f, 0.50f, 0.68f, 0.80f, 0.38f, 0.07f, 0.29f, 0.91f,
        0.21f, 0.45f, 0.93f, 0.02f, 0.60f, 0.95f, 0.23f, 0.55f, 0.91f, 0.13f, 0.52f, 0.75f, 0.67f, 0.47f, 0.20f, 0.49f,
        0.37f, 0.48f, 0.37f, 0.84f, 0.77f, 0.31f, 0.57f, 0.28f, 0.45f, 0.35f, 0.66f, 0.37f, 0.46f, 0.72f, 0.41f, 0.91f,
        0.18f, 0.74f, 0.42f, 0.43f, 0.63f, 0.52f, 0.41f, 0.00f, 0.09f, 0.71f, 0.52f, 0.70f, 0.96f, 0.68f, 0.05f, 0.31f,
        0.59f, 0.24f, 0.96f, 0.95f, 0.85f, 0.47f, 0.84f, 0.13f};
    static final LabelSets TRUTH = LabelSets.of(3, new int[] {2}, new int[] {1}, new int[] {2}, new int[] {0, 1},
            new int[] {1, 2}, new int[] {0, 1, 2}, new int[] {0, 1}, new int[] {0, 1, 2}, new int[] {0, 1}, new int[] {1},
            new int[] {0}, new int[] {2}, new int[] {0, 1}, new int[] {0, 1}, new int[] {0, 2}, new int[] {0}, new int[] {2},
            new int[] {0, 1, 2}, new int[] {2}, new int[0], new int[] {0, 1, 2}, new int[] {0, 2}, new int[] {0, 1},
            new int[] {1, 2});

    @Test
    void fitMatchesTheExactMinimiserAndScikitLearn() {
        // the exact minimiser: numpy float64, 50 full Newton steps on sum log-loss + 0.5 ||w||^2
        // (intercept free) from the same float32 inputs
        double[][] exact = {
            {-0.21770373, 0.82297500, -0.22881054, 0.37999419},
            {-0.44412915, 1.18883900, 0.28003588, -0.09195376},
            {1.17512158, -0.60912050, -0.32040989, -1.03856845}};
        // scikit-learn 1.2.1 LogisticRegression(C=1.0, tol=1e-12, max_iter=10000) per label (lbfgs,
        // the same objective): within 1e-5 of the exact minimiser
        double[][] sklearn = {
            {-0.21770325, 0.82298483, -0.22880758, 0.37998448},
            {-0.44412916, 1.18883906, 0.28003590, -0.09195375},
            {1.17512155, -0.60912026, -0.32040948, -1.03856887}};
        Stacking s = Stacking.fit(PROBS, TRUTH);
        float[] w = s.weights(), b = s.bias();
        for (int j = 0; j < 3; j++) {
            assertEquals(exact[j][0], b[j], 1e-6, "bias " + j);
            assertEquals(sklearn[j][0], b[j], 3e-5, "bias " + j + " (scikit-learn)");
            for (int i = 0; i < 3; i++) {
                assertEquals(exact[j][i + 1], w[j * 3 + i], 1e-6, "w" + j + i);
                assertEquals(sklearn[j][i + 1], w[j * 3 + i], 3e-5, "w" + j + i + " (scikit-learn)");
            }
        }
    }

    @Test
    void theFitIsAStationaryPointOfThePenalisedLoss() {
        // on random data: the gradient sum (p - y) x + lambda w (bias: no penalty) vanishes
        SplittableRandom r = new SplittableRandom(3);
        int n = 300, L = 6;
        float[] p = uniform(r, n, L);
        int[][] rows = new int[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = p[i * L] + p[i * L + 1] > 1 ? new int[] {0, 3} : r.nextInt(3) == 0 ? new int[] {2} : new int[0];
        }
        LabelSets y = LabelSets.of(L, rows);
        Stacking s = Stacking.fit(p, y);
        float[] w = s.weights(), b = s.bias(), out = s.apply(p);
        for (int j : new int[] {0, 2, 3}) {
            double[] g = new double[L + 1];
            for (int i = 0; i < n; i++) {
                double residual = out[i * L + j] - (contains(rows[i], j) ? 1 : 0);
                g[0] += residual;
                for (int l = 0; l < L; l++) g[l + 1] += residual * p[i * L + l];
            }
            for (int l = 0; l < L; l++) g[l + 1] += Stacking.L2 * w[j * L + l];
            for (int l = 0; l <= L; l++) assertEquals(0, g[l], 1e-4, "label " + j + ", gradient " + l);
        }
        assertTrue(Float.isFinite(b[1]));
    }

    @Test
    void aLabelOfOneClassGetsItsSmoothedFrequency() {
        // label 1 never occurs: weights 0, bias log(0.5 / 4.5); label 0 always: log(4.5 / 0.5)
        float[] p = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f};
        LabelSets y = LabelSets.of(2, new int[] {0}, new int[] {0}, new int[] {0}, new int[] {0});
        Stacking s = Stacking.fit(p, y);
        assertEquals((float) Math.log(0.5 / 4.5), s.bias()[1], 1e-7);
        assertEquals((float) Math.log(4.5 / 0.5), s.bias()[0], 1e-7);
        assertArrayEquals(new float[4], s.weights(), 0f);
    }

    @Test
    void applyComputesTheLogisticOfTheWeightedSumByHand() {
        // label 0: 1 + 2 p0 - 1 p1; label 1: -0.5 + 0 p0 + 3 p1
        Stacking s = new Stacking(new float[] {2, -1, 0, 3}, new float[] {1, -0.5f});
        float[] in = {0.5f, 0.25f, 0, 1};
        float[] z = new float[4];
        s.apply(in, 0, 2, z, 0, false);
        assertArrayEquals(new float[] {1.75f, 0.25f, 0f, 2.5f}, z, 1e-6f);
        float[] p = s.apply(in);
        for (int i = 0; i < 4; i++) assertEquals(1 / (1 + Math.exp(-z[i])), p[i], 1e-6);
        // offsets
        float[] out = new float[6];
        s.apply(new float[] {9, 0, 1}, 1, 1, out, 4, false);
        assertEquals(0f, out[4], 0f);
        assertEquals(2.5f, out[5], 0f);
    }

    @Test
    void keptWhenTheOtherLabelsTellWhatTheFirstLevelMissed() {
        // label 1 is always label 0's companion, but the first level knows only label 0: its score
        // of label 1 is noise; the second level reads label 1 off label 0's probability
        SplittableRandom r = new SplittableRandom(5);
        int n = 200, L = 3;
        float[] p = new float[n * L];
        int[][] rows = new int[n][];
        for (int i = 0; i < n; i++) {
            boolean both = r.nextBoolean();
            rows[i] = both ? new int[] {0, 1} : new int[] {2};
            p[i * L] = both ? 0.6f + 0.3f * (float) r.nextDouble() : 0.1f + 0.3f * (float) r.nextDouble();
            p[i * L + 1] = (float) r.nextDouble();
            p[i * L + 2] = both ? 0.3f : 0.5f;
        }
        LabelSets y = LabelSets.of(L, rows);
        Stacking.Choice c = Stacking.choose(p, y, 1);
        assertTrue(c.kept(), c.describe(n));
        double[] crit = c.criteria();
        assertEquals(Stacking.SHARES.length, crit.length);
        assertTrue(Math.max(crit[1], crit[2]) > crit[0] + 0.1, c.describe(n));
        assertTrue(c.share() > 0, c.describe(n));
        assertNotNull(c.stacking());
        assertTrue(c.describe(n).startsWith("kept, share "), c.describe(n));
        // the tuned-on scores are the chosen mix with the out-of-fold second level, not the first level's
        assertFalse(java.util.Arrays.equals(p, c.heldOut()));
        // the first level's criterion is share 0's
        assertEquals(Blend.precisionAt1(p, y) + ThresholdTuning.bestMicroF1(p, y), crit[0], 1e-12);
    }

    @Test
    void notKeptWhenTheFirstLevelIsAlreadyPerfect() {
        SplittableRandom r = new SplittableRandom(6);
        int n = 100, L = 3;
        float[] p = new float[n * L];
        int[][] rows = new int[n][];
        for (int i = 0; i < n; i++) {
            int label = r.nextInt(L);
            rows[i] = new int[] {label};
            for (int l = 0; l < L; l++) p[i * L + l] = l == label ? 0.9f : 0.1f;
        }
        Stacking.Choice c = Stacking.choose(p, LabelSets.of(L, rows), 2);
        assertFalse(c.kept(), c.describe(n));
        assertNull(c.stacking());
        assertEquals(0, c.share(), 0);
        assertEquals(2.0, c.criteria()[0], 1e-12, "P@1 1 and micro-F1 1");
        assertSame(p, c.heldOut(), "the first level's scores stay");
        assertTrue(c.describe(n).startsWith("not kept: "), c.describe(n));
    }

    @Test
    void choiceIsTheSameForTheSameSeed() {
        int n = 120, L = 4;
        float[] p = uniform(new SplittableRandom(8), n, L);
        int[][] rows = new int[n][];
        for (int i = 0; i < n; i++) rows[i] = p[i * L] > 0.5f ? new int[] {1, 2} : new int[] {3};
        LabelSets y = LabelSets.of(L, rows);
        Stacking.Choice a = Stacking.choose(p, y, 11), b = Stacking.choose(p, y, 11);
        assertArrayEquals(a.heldOut(), b.heldOut(), 0f);
        assertArrayEquals(a.criteria(), b.criteria(), 0);
    }

    @Test
    void badSettingsAreRefusedWithTheRule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Stacking(new float[3], new float[2]));
        assertTrue(e.getMessage().contains("2 x 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Stacking(new float[] {Float.NaN}, new float[1]));
        assertTrue(e.getMessage().contains("weights[0] must be finite"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Stacking(new float[0], new float[0]));
        assertThrows(IllegalArgumentException.class, () -> Stacking.fit(new float[5], TRUTH));
        assertTrue(Stacking.affordable(1500, 14, 28));
        assertFalse(Stacking.affordable(1500, 40, Stacking.MAX_INPUTS + 1), "too many inputs");
        assertFalse(Stacking.affordable(100_000, 20, 40), "too much work");
        assertFalse(Stacking.affordable(5, 3, 3), "fewer rows than two a fold");
        assertFalse(Stacking.affordable(100, 1, 1), "one label has nothing to stack");
    }

    /** n x L probabilities drawn uniformly from [0, 1). */
    private static float[] uniform(SplittableRandom r, int n, int L) {
        float[] p = new float[n * L];
        for (int i = 0; i < p.length; i++) p[i] = (float) r.nextDouble();
        return p;
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) if (x == v) return true;
        return false;
    }
}
