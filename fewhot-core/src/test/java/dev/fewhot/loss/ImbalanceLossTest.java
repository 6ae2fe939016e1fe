package dev.fewhot.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fewhot.testing.Gen;
import dev.fewhot.testing.Properties;
import org.junit.jupiter.api.Test;

/** Data-driven weights (pos-weight auto, class-balanced) and the distribution-balanced loss. */
class ImbalanceLossTest {

    @Test
    void posWeightFromCountsHandComputed() {
        int[] counts = {1, 4, 0, 10};
        LabelWeights w = ClassWeights.posWeightFromCounts(counts, 10, PosWeightSettings.defaults());
        // (10-1)/1, (10-4)/4, no positives and no cap -> N^1, n_j = N -> 0
        assertEquals(9.0, w.get(0), 0);
        assertEquals(1.5, w.get(1), 0);
        assertEquals(10.0, w.get(2), 0);
        assertEquals(0.0, w.get(3), 0);
        LabelWeights s = ClassWeights.posWeightFromCounts(counts, 10, 0.5, 2.0);
        assertEquals(2.0, s.get(0), 0);              // sqrt(9) = 3, capped
        assertEquals(Math.sqrt(1.5), s.get(1), 1e-15);
        assertEquals(2.0, s.get(2), 0);              // no positives: the cap
        assertEquals(0.0, s.get(3), 0);
    }

    @Test
    void posWeightSettingsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new PosWeightSettings(-1, 10));
        assertThrows(IllegalArgumentException.class, () -> new PosWeightSettings(Double.NaN, 10));
        assertThrows(IllegalArgumentException.class, () -> new PosWeightSettings(1, 0));
        assertThrows(IllegalArgumentException.class, () -> ClassWeights.posWeightFromCounts(new int[] {11}, 10, 1, 5));
    }

    @Test
    void classBalancedHandComputed() {
        // beta 0.9: raw (1-b)/(1-b^n) = 1, 0.1/(1-0.9^10) = 0.15353..., 0.1/(1-0.9^100) = 0.100002656...
        double r0 = 1.0, r1 = 0.1 / (1 - Math.pow(0.9, 10)), r2 = 0.1 / (1 - Math.pow(0.9, 100));
        double s = r0 + r1 + r2;
        LabelWeights w = ClassWeights.classBalanced(new int[] {1, 10, 100}, 0.9);
        assertEquals(3 * r0 / s, w.get(0), 1e-12);
        assertEquals(3 * r1 / s, w.get(1), 1e-12);
        assertEquals(3 * r2 / s, w.get(2), 1e-12);
        assertEquals(3.0, w.get(0) + w.get(1) + w.get(2), 1e-12);
        LabelWeights eq = ClassWeights.classBalanced(new int[] {0, 5, 500}, 0);
        for (int j = 0; j < 3; j++) assertEquals(1.0, eq.get(j), 0);
        assertThrows(IllegalArgumentException.class, () -> new ClassBalancedSettings(1.0));
        assertEquals(0.999, ClassBalancedSettings.defaults().beta());
    }

    /** Label counts and a beta. */
    record CountsAndBeta(int[] counts, double beta) {
        @Override
        public String toString() {
            return java.util.Arrays.toString(counts) + ", beta " + beta;
        }
    }

    @Test
    void classBalancedSumsToLabelsAndFavoursRareLabels() {
        Properties.forAll(200, r -> new CountsAndBeta(counts().next(r), betas().next(r)), t -> {
            int[] counts = t.counts();
            double beta = t.beta();
            LabelWeights w = ClassWeights.classBalanced(counts, beta);
            double sum = 0;
            for (int j = 0; j < counts.length; j++) sum += w.get(j);
            assertEquals(counts.length, sum, 1e-9 * counts.length);
            for (int a = 0; a < counts.length; a++) {
                for (int b = 0; b < counts.length; b++) {
                    if (Math.max(counts[a], 1) < Math.max(counts[b], 1)) assertTrue(w.get(a) >= w.get(b) - 1e-12);
                }
            }
        });
    }

    Gen<int[]> counts() {
        return Gen.intArrays(Gen.ints(0, 5000), 1, 12);
    }

    Gen<Double> betas() {
        return Gen.of(0.0, 0.5, 0.9, 0.99, 0.999, 0.9999);
    }

    /** N = 10, counts {5, 1, 2}; row 0 has labels {0, 2}, row 1 none. Values worked out in double by hand. */
    @Test
    void distributionBalancedHandComputed() {
        DistributionBalancedLoss loss = new DistributionBalancedLoss(DbSettings.defaults(),
                new LabelCounts(10, new int[] {5, 1, 2}), Reduction.NONE);
        float[] z = {0.5f, -1f, 2f, -0.25f, 3f, 0f};
        float[] y = {1, 0, 1, 0, 0, 0};
        float[] g = new float[6], l = new float[6];
        double sum = loss.compute(z, y, 2, 3, g, l);
        // nu_j = 0.05 * log(n_j / (N - n_j)) = 0, 0.05 log(1/9), 0.05 log(2/8)
        assertEquals(0.0, loss.bias(0), 1e-15);
        assertEquals(0.05 * Math.log(1.0 / 9), loss.bias(1), 1e-15);
        // row 0: P^I = 1/5 + 1/2 = 0.7; r = 0.2/0.7, 1/0.7, 0.5/0.7; w = 0.1 + sigmoid(10 (r - 0.3))
        double[] w = new double[3];
        loss.rowWeights(y, 0, 3, w);
        assertEquals(0.1 + 1 / (1 + Math.exp(-10 * (0.2 / 0.7 - 0.3))), w[0], 1e-15);
        assertEquals(0.5643463291660286, w[0], 1e-15);
        assertEquals(1.0999874492086248, w[1], 1e-15);
        assertEquals(1.0843707299525929, w[2], 1e-15);
        // row 1 has no positives: r = +inf, w = alpha + 1
        loss.rowWeights(y, 3, 3, w);
        assertEquals(1.1, w[0], 1e-15);
        double[] wantL = {0.2675436057641446, 0.08568849908749404, 0.12894611918406837,
            0.2607423412990587, 3.421940652956349, 0.4206742333863769};
        double[] wantG = {-0.21306369054712074, 0.15869394260111955, -0.12157448149185682,
            0.41529473567796, 1.097815569441367, 0.58806215751884};
        for (int i = 0; i < 6; i++) {
            assertEquals(wantL[i], l[i], 1e-6 * Math.max(1, Math.abs(wantL[i])), "loss " + i);
            assertEquals(wantG[i], g[i], 1e-6, "grad " + i);
        }
        assertEquals(4.585535451677492, sum, 1e-9);
        DistributionBalancedLoss mean = new DistributionBalancedLoss(DbSettings.defaults(),
                new LabelCounts(10, new int[] {5, 1, 2}), Reduction.MEAN);
        assertEquals(4.585535451677492 / 6, mean.compute(z, y, 2, 3, null, null), 1e-9);
    }

    @Test
    void distributionBalancedLabelCountMismatchAndSettings() {
        DistributionBalancedLoss loss = new DistributionBalancedLoss(DbSettings.defaults(),
                new LabelCounts(10, new int[] {5, 1}), Reduction.MEAN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> loss.compute(new float[3], new float[3], 1, 3, null, null));
        assertTrue(e.getMessage().contains("2 labels"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DbSettings(0.1, 10, 0.3, 0.05, 0, DbSettings.NtrBias.PAPER));
        assertThrows(IllegalArgumentException.class, () -> new DbSettings(-0.1, 10, 0.3, 0.05, 2, DbSettings.NtrBias.PAPER));
        assertThrows(IllegalArgumentException.class, () -> new LabelCounts(3, new int[] {4}));
        assertThrows(IllegalArgumentException.class, () -> LossSpec.of(LossKind.DB).build());
        Loss built = LossSpec.of(LossKind.DB).withCounts(new LabelCounts(10, new int[] {5, 1})).build();
        assertTrue(built instanceof DistributionBalancedLoss);
        assertEquals(Reduction.MEAN, built.reducer());
    }

    @Test
    void authorsCodeBiasConvention() {
        DbSettings s = DbSettings.defaults().withNtr(0.05, 2, DbSettings.NtrBias.AUTHORS_CODE);
        DistributionBalancedLoss loss = new DistributionBalancedLoss(s, new LabelCounts(10, new int[] {1}), Reduction.SUM);
        assertEquals(-0.05 * Math.log(1.0 / 9) / 2, loss.bias(0), 1e-15);
    }

    @Test
    void withoutBiasAndLambdaOneTheNtrIsWeightedBce() {
        DbSettings s = DbSettings.defaults().withNtr(0, 1, DbSettings.NtrBias.PAPER);
        LabelCounts c = new LabelCounts(20, new int[] {3, 7, 1, 12});
        DistributionBalancedLoss db = new DistributionBalancedLoss(s, c, Reduction.NONE);
        float[] z = {0.3f, -2f, 1.5f, 4f, -0.7f, 0.1f, -3f, 2f};
        float[] y = {1, 0, 0, 1, 0, 1, 1, 0};
        float[] ld = new float[8], gd = new float[8], lb = new float[8], gb = new float[8];
        db.compute(z, y, 2, 4, gd, ld);
        BceWithLogits.unweighted(Reduction.NONE).compute(z, y, 2, 4, gb, lb);
        double[] w = new double[4];
        for (int r = 0; r < 2; r++) {
            db.rowWeights(y, r * 4, 4, w);
            for (int j = 0; j < 4; j++) {
                assertEquals(w[j] * lb[r * 4 + j], ld[r * 4 + j], 1e-5);
                assertEquals(w[j] * gb[r * 4 + j], gd[r * 4 + j], 1e-5);
            }
        }
    }

    record Case(int rows, int cols, int[] counts, float[] logits, float[] targets, DbSettings settings) { }

    Gen<Case> dbCases() {
        Gen<Integer> rows = Gen.ints(1, 4), cols = Gen.ints(1, 5);
        Gen<Long> seeds = Gen.longs();
        return g -> {
            int r = rows.next(g), c = cols.next(g);
            long seed = seeds.next(g);
            java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
            int n = 50;
            int[] counts = new int[c];
            for (int j = 0; j < c; j++) counts[j] = rnd.nextInt(n + 1);
            float[] z = new float[r * c], y = new float[r * c];
            for (int i = 0; i < z.length; i++) {
                z[i] = (float) (rnd.nextDouble() * 12 - 6);
                int kind = rnd.nextInt(3);
                y[i] = kind == 0 ? 0f : kind == 1 ? 1f : (float) rnd.nextDouble();
            }
            DbSettings s = new DbSettings(rnd.nextDouble() * 0.5, rnd.nextDouble() * 20, rnd.nextDouble(),
                    rnd.nextDouble() * 0.2, 0.5 + rnd.nextDouble() * 5,
                    rnd.nextBoolean() ? DbSettings.NtrBias.PAPER : DbSettings.NtrBias.AUTHORS_CODE);
            return new Case(r, c, counts, z, y, s);
        };
    }

    /** The analytic gradient matches central finite differences of the summed loss, in double. */
    @Test
    void distributionBalancedGradientMatchesFiniteDifferences() {
        Properties.forAll(300, dbCases(), k -> {
            DistributionBalancedLoss loss = new DistributionBalancedLoss(k.settings(), new LabelCounts(50, k.counts()), Reduction.SUM);
            int n = k.rows() * k.cols();
            float[] g = new float[n];
            loss.compute(k.logits(), k.targets(), k.rows(), k.cols(), g, null);
            float[] l = new float[n];
            for (int i = 0; i < n; i++) {
                double h = 1e-2;
                float[] zp = k.logits().clone(), zm = k.logits().clone();
                zp[i] = (float) (zp[i] + h);
                zm[i] = (float) (zm[i] - h);
                double hp = (double) zp[i] - k.logits()[i], hm = k.logits()[i] - (double) zm[i];
                // only element i changes; use per-element losses in double via NONE on the changed element
                double fp = elementLoss(loss, zp, k, i, l), fm = elementLoss(loss, zm, k, i, l);
                double fd = (fp - fm) / (hp + hm);
                assertEquals(fd, g[i], 2e-3 * Math.max(1, Math.abs(fd)), "element " + i);
            }
        });
    }

    private static double elementLoss(DistributionBalancedLoss loss, float[] z, Case k, int i, float[] l) {
        loss.compute(z, k.targets(), k.rows(), k.cols(), null, l);
        return l[i];
    }

    @Test
    void distributionBalancedIsFiniteAndNonNegative() {
        Properties.forAll(100, dbCases(), k -> {
            DistributionBalancedLoss loss = new DistributionBalancedLoss(k.settings(), new LabelCounts(50, k.counts()), Reduction.MEAN);
            float[] z = k.logits().clone();
            for (int i = 0; i < z.length; i++) z[i] *= 1e3f;
            float[] g = new float[z.length];
            double v = loss.compute(z, k.targets(), k.rows(), k.cols(), g, null);
            assertTrue(Double.isFinite(v) && v >= 0, "loss " + v);
            for (float x : g) assertTrue(Float.isFinite(x));
        });
    }
}
