package dev.fewhot.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fewhot.data.LabelSets;
import dev.fewhot.decide.DecisionRule;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The threshold sweep, the top-k curve and the per-label counts against brute force: the full
 * set-based measures of the threshold rule at every threshold, hits counted row by row.
 */
class ThresholdCurveTest {
    /** Few-hot truth, scores with ties (quantised) and scores exactly on the thresholds, empty rows. */
    static float[] scores(SplittableRandom r, int[][] y, int n, int L) {
        float[] s = new float[n * L];
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(8); // 0: no positive
            for (int j = 0; j < L; j++) {
                y[i][j] = kind != 0 && r.nextDouble() < 0.12 ? 1 : 0;
                double v = Math.min(1, Math.max(0, 0.7 * r.nextDouble() * r.nextDouble() + 0.35 * y[i][j]));
                if (r.nextInt(4) == 0) v = Math.round(v * 20) / 20.0; // on the grid: ties at the thresholds
                s[i * L + j] = (float) v;
            }
        }
        return s;
    }

    @Test
    void sweepEqualsTheSetMetricsOfTheThresholdRuleAtEveryThreshold() {
        SplittableRandom r = new SplittableRandom(5);
        for (int[] sh : new int[][] {{300, 23}, {2500, 7}, {1, 4}, {0, 5}}) {
            int n = sh[0], L = sh[1];
            int[][] y = new int[n][L];
            float[] s = scores(r, y, n, L);
            LabelSets truth = MetricCase.truth(y, L);
            double[] t = ThresholdCurve.grid(0.0, 1.0, 41);
            ThresholdCurve.Curve c = ThresholdCurve.of(s, truth, t);
            assertEquals(41, c.size());
            for (int i = 0; i < t.length; i++) {
                Predictions p = Predictions.of(s, n, L, new DecisionRule.Threshold(t[i]));
                String at = n + "x" + L + " t=" + t[i];
                assertEquals(SetMetrics.f1(truth, p, Average.MICRO), c.microF1()[i], 0.0, at);
                assertEquals(SetMetrics.f1(truth, p, Average.MACRO), c.macroF1()[i], 0.0, at);
                assertEquals(SetMetrics.precision(truth, p, Average.MICRO), c.microPrecision()[i], 0.0, at);
                assertEquals(SetMetrics.recall(truth, p, Average.MICRO), c.microRecall()[i], 0.0, at);
                assertEquals(Collapse.meanPredictedPerRow(p), c.meanPredicted()[i], 0.0, at);
                assertEquals(Collapse.emptyRowRate(p), c.emptyRows()[i], 0.0, at);
            }
            if (n > 100) {
                // not a flat curve: the test would pass on constants otherwise
                assertTrue(c.microF1()[c.bestMicroF1()] > c.microF1()[t.length - 1] + 0.05, "curve has a peak");
                assertTrue(c.microF1()[c.bestMicroF1()] > 0.3, "curve peak " + c.microF1()[c.bestMicroF1()]);
            }
        }
    }

    @Test
    void gridHoldsTheDecimalsAndBadThresholdsAreRejected() {
        double[] g = ThresholdCurve.grid(0.01, 0.99, 99);
        for (int i = 0; i < 99; i++) assertEquals(Double.parseDouble(String.format(java.util.Locale.ROOT, "0.%02d", i + 1)), g[i]);
        LabelSets truth = MetricCase.truth(new int[][] {{1, 0}}, 2);
        float[] s = {0.5f, 0.2f};
        assertThrows(IllegalArgumentException.class, () -> ThresholdCurve.of(s, truth, new double[] {0.5, 0.5}));
        assertThrows(IllegalArgumentException.class, () -> ThresholdCurve.of(s, truth, new double[] {Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> ThresholdCurve.of(new float[] {Float.NaN, 0}, truth, g));
        ThresholdCurve.Curve c = ThresholdCurve.of(s, truth, new double[] {0.3, 0.5, 0.6});
        assertArrayEquals(new double[] {1, 1, 0}, c.microF1(), 0.0); // 0.5 >= 0.5 is predicted
        assertArrayEquals(new double[] {0, 0, 1}, c.emptyRows(), 0.0);
    }

    @Test
    void binsCountTheThresholdsAtOrBelowAScoreExactly() {
        SplittableRandom r = new SplittableRandom(11);
        for (double[] t : new double[][] {ThresholdCurve.grid(0.01, 0.99, 99), {0.3}, {}, {-1, 0, 1e-7, 0.5, 0.5000001, 2},
                ThresholdCurve.grid(0, 1, 7)}) {
            ThresholdCurve.Binner b = new ThresholdCurve.Binner(t);
            for (int i = 0; i < 20_000; i++) {
                float s = switch (i % 4) {
                    case 0 -> (float) (r.nextDouble() * 1.2 - 0.1);
                    case 1 -> t.length == 0 ? 0f : (float) t[r.nextInt(t.length)];
                    case 2 -> t.length == 0 ? 0f : Math.nextUp((float) t[r.nextInt(t.length)]);
                    default -> t.length == 0 ? 0f : Math.nextDown((float) t[r.nextInt(t.length)]);
                };
                int want = 0;
                for (double x : t) if (x <= s) want++;
                assertEquals(want, b.bin(s), "score " + s + " over " + java.util.Arrays.toString(t));
            }
        }
    }

    @Test
    void topKCurveMatchesTopKMetricsAndRowByRowRecall() {
        SplittableRandom r = new SplittableRandom(9);
        for (int[] sh : new int[][] {{2100, 13}, {50, 4}, {0, 3}}) {
            int n = sh[0], L = sh[1];
            int[][] y = new int[n][L];
            float[] s = scores(r, y, n, L);
            LabelSets truth = MetricCase.truth(y, L);
            TopKCurve.Curve c = TopKCurve.of(s, truth, 10);
            int withPos = 0;
            for (int[] row : y) if (java.util.Arrays.stream(row).sum() > 0) withPos++;
            assertEquals(withPos, c.rowsWithPositives());
            for (int k = 1; k <= 10; k++) {
                assertEquals(TopKMetrics.precisionAtK(s, truth, k), c.precision()[k - 1], 1e-15, "P@" + k);
                double sum = 0;
                int[] top = new int[L];
                for (int i = 0; i < n; i++) {
                    int npos = java.util.Arrays.stream(y[i]).sum();
                    if (npos == 0) continue;
                    int got = dev.fewhot.decide.Ranking.topK(s, i * L, L, Math.min(k, L), top), hits = 0;
                    for (int q = 0; q < got; q++) hits += y[i][top[q]];
                    sum += (double) hits / npos;
                }
                assertEquals(withPos == 0 ? 0 : sum / withPos, c.recall()[k - 1], 1e-12, "R@" + k);
            }
            if (n > 1000) assertTrue(c.recall()[9] > c.recall()[0] + 0.1, "recall grows with k");
        }
    }

    @Test
    void perLabelCountsAverageToTheMacroMeasures() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 400, L = 17;
        int[][] y = new int[n][L];
        float[] s = scores(r, y, n, L);
        for (int i = 0; i < n; i++) y[i][L - 1] = 0; // a label without positives
        LabelSets truth = MetricCase.truth(y, L);
        Predictions p = Predictions.of(s, n, L, new DecisionRule.Threshold(0.4));
        SetMetrics.LabelCounts c = SetMetrics.perLabel(truth, p);
        double f = 0, pr = 0, rc = 0;
        for (int j = 0; j < L; j++) {
            f += c.f1(j);
            pr += c.precision(j);
            rc += c.recall(j);
        }
        assertEquals(SetMetrics.f1(truth, p, Average.MACRO), f / L, 1e-15);
        assertEquals(SetMetrics.precision(truth, p, Average.MACRO), pr / L, 1e-15);
        assertEquals(SetMetrics.recall(truth, p, Average.MACRO), rc / L, 1e-15);
        assertTrue(!c.hasPositives(L - 1) && c.hasPositives(0));
        assertEquals(truth.labelCounts()[0], c.actual()[0]);
    }
}
