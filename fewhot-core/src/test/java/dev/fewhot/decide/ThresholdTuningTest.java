package dev.fewhot.decide;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fewhot.data.LabelSets;
import dev.fewhot.metrics.Average;
import dev.fewhot.metrics.Collapse;
import dev.fewhot.metrics.SetMetrics;
import dev.fewhot.metrics.Predictions;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ThresholdTuningTest {
    // 4 rows, 2 labels. label 0 positives in rows 0,1; label 1 positive in row 2.
    static final LabelSets Y = new LabelSets(4, 2, new int[] {0, 1, 2, 3, 3}, new int[] {0, 0, 1}, null);
    static final float[] S = {
        0.9f, 0.1f,
        0.6f, 0.2f,
        0.3f, 0.35f,
        0.5f, 0.05f};

    @Test
    void globalThresholdMaximisesMicroF1ByHand() {
        // descending: .9(+) .6(+) .5(-) .35(+) .3(-) .2 .1 .05
        // cut after .6: tp 2, pred 2 -> F1 = 4/5 = .8 ; after .35: tp 3, pred 4 -> 6/7 = .857 (best)
        double t = ThresholdTuning.global(S, Y);
        assertEquals((0.35 + 0.3) / 2, t, 1e-6);
        Predictions p = Predictions.of(S, 4, 2, new DecisionRule.Threshold(t));
        assertEquals(6.0 / 7, SetMetrics.f1(Y, p, Average.MICRO), 1e-12);
    }

    @Test
    void perLabelWithoutShrinkageFindsEachLabelsBestCut() {
        DecisionRule.PerLabel r = ThresholdTuning.perLabel(S, Y, null, 0, 1);
        // label 0: .9(+) .6(+) .5(-) .3(-): best after .6 -> (.6+.5)/2 ; label 1: .35(+) first -> (.35+.2)/2
        assertArrayEquals(new float[] {0.55f, 0.275f}, r.thresholds(), 1e-6f);
    }

    @Test
    void shrinkageAndMinimumSupportPullTowardsTheGlobalThreshold() {
        double g = ThresholdTuning.global(S, Y);
        DecisionRule.PerLabel r = ThresholdTuning.perLabel(S, Y, null, 10, 2);
        assertEquals((float) ((2 * 0.55 + 10 * g) / 12), r.thresholds()[0], 1e-6f);
        assertEquals((float) g, r.thresholds()[1], 1e-6f, "one positive < minSupport 2: global threshold");
    }

    @Test
    void frequencyPriorFitsScaleAndExponentOnValidationMacroF1() {
        // 3 labels; scores of positives sit above a per-label level that rises with frequency
        SplittableRandom rnd = new SplittableRandom(9);
        int rows = 3000, L = 3;
        int[] trainCounts = {3000, 300, 30};
        int[] ptr = new int[rows + 1];
        java.util.List<Integer> ids = new java.util.ArrayList<>();
        float[] s = new float[rows * L];
        double[] level = {0.6, 0.3, 0.1};
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < L; j++) {
                boolean pos = rnd.nextDouble() < trainCounts[j] / 6000.0;
                if (pos) ids.add(j);
                s[r * L + j] = (float) (pos ? level[j] + 0.2 * rnd.nextDouble() : level[j] * rnd.nextDouble());
            }
            ptr[r + 1] = ids.size();
        }
        LabelSets y = new LabelSets(rows, L, ptr, ids.stream().mapToInt(Integer::intValue).toArray(), null);
        float[] t = ThresholdTuning.perLabel(s, y, trainCounts, 1e9, 1).thresholds(); // pure prior
        assertTrue(t[0] > t[1] && t[1] > t[2], java.util.Arrays.toString(t));
        Predictions byPrior = Predictions.of(s, rows, L, new DecisionRule.PerLabel(t));
        Predictions byGlobal = Predictions.of(s, rows, L, new DecisionRule.Threshold(ThresholdTuning.global(s, y)));
        assertTrue(SetMetrics.f1(y, byPrior, Average.MACRO) > SetMetrics.f1(y, byGlobal, Average.MACRO));
    }

    @Test
    void pcutMatchesTheTargetCardinality() {
        SplittableRandom rnd = new SplittableRandom(1);
        int rows = 1000, L = 50;
        float[] s = new float[rows * L];
        for (int i = 0; i < s.length; i++) s[i] = (float) rnd.nextDouble();
        double t = ThresholdTuning.pcut(s, rows, 3.0);
        int predicted = 0;
        for (float v : s) if (v >= t) predicted++;
        assertEquals(3000, predicted);
    }

    @Test
    void atLeastOneFillsEmptyRowsWithTheBestLabel() {
        DecisionRule r = new DecisionRule.AtLeastOne(new DecisionRule.Threshold(0.95));
        Predictions p = Predictions.of(S, 4, 2, r);
        for (int i = 0; i < 4; i++) assertEquals(1, p.count(i));
        assertEquals(1, p.ids()[2], "row 2's best label is 1");
        assertTrue(Collapse.emptyRowRate(p) == 0);
    }
}
