package dev.fewhot.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fewhot.data.LabelSets;
import dev.fewhot.decide.DecisionRule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-computed fixtures for the edge cases documented on the measures. */
class MetricEdgeCasesTest {
    static final double EPS = 1e-15;

    static LabelSets truth(int L, int[]... rows) {
        int[][] y = new int[rows.length][L];
        for (int r = 0; r < rows.length; r++) for (int j : rows[r]) y[r][j] = 1;
        return MetricCase.truth(y, L);
    }

    @Test
    void noRowsGiveZeroEverywhereAndNoNaN() {
        LabelSets t = truth(4);
        Report rep = Report.compute(new float[0], t, new DecisionRule.Threshold(0.5), new int[4], 10);
        for (Map.Entry<String, Object> e : rep.toJson().entrySet()) {
            double v = ((Number) e.getValue()).doubleValue();
            assertFalse(Double.isNaN(v), e.getKey());
            if (!e.getKey().equals("labels") && !e.getKey().equals("labels_never_predicted")) assertEquals(0.0, v, e.getKey());
        }
        assertEquals(4, rep.toJson().get("labels_never_predicted"));
        assertTrue(rep.ranking().aucMacro().undefined());
    }

    @Test
    void noLabelsAtAll() {
        LabelSets t = truth(0, new int[0], new int[0]);
        Report rep = Report.compute(new float[0], t, new DecisionRule.TopK(3), new int[0], 10);
        for (Map.Entry<String, Object> e : rep.toJson().entrySet()) assertFalse(Double.isNaN(((Number) e.getValue()).doubleValue()), e.getKey());
        assertEquals(1.0, rep.ranking().lrap(), EPS); // rows without positives count 1 (scikit-learn)
        assertEquals(0.0, rep.at(1).p(), EPS);
    }

    /** All scores equal: every ranking is one big tie. */
    @Test
    void allEqualScores() {
        LabelSets t = truth(3, new int[] {0}, new int[] {1, 2});
        float[] s = {0.3f, 0.3f, 0.3f, 0.3f, 0.3f, 0.3f};
        RankingMetrics.Scores r = RankingMetrics.all(s, t);
        assertEquals(0.5, r.lrap(), EPS);            // row 0: 1/3, row 1: 2/3 (pessimistic rank 3)
        assertEquals(3.0, r.coverage(), EPS);        // every label is needed
        assertEquals(1.0, r.rankingLoss(), EPS);     // tied pairs count as mis-ordered (scikit-learn 1.2.1)
        assertEquals(0.5, r.aucMacro().value(), EPS); // ties count 1/2
        assertEquals(3, r.aucMacro().labelsUsed());
        assertEquals(0.5, r.aucMicro(), EPS);
        assertEquals(0.5, r.apMacroDefined(), EPS);  // one threshold: precision 1/2, recall 1
        assertEquals(0.5, r.apMicro(), EPS);         // 3 of 6 cells
        // top-1 is label 0 in both rows (ties: lower id first): a hit in row 0 only
        assertEquals(0.5, TopKMetrics.precisionAtK(s, t, 1), EPS);
        // nothing reaches 0.5: the collapsed model
        Report rep = Report.compute(s, t, new DecisionRule.Threshold(0.5), new int[] {5, 3, 1}, 100);
        assertEquals(1.0, rep.emptyRows(), EPS);
        assertEquals(3, rep.labelsNeverPredicted());
        assertEquals(0.0, rep.meanPredicted(), EPS);
        assertEquals(1.5, rep.trueCardinality(), EPS);
        assertEquals(0.0, rep.sets().microF1(), EPS);
        assertEquals(0.0, rep.bandRecall().head(), EPS);
    }

    @Test
    void emptyTruthRowAndNeverPositiveLabel() {
        // label 2 is never positive; row 1 has no positive
        LabelSets t = truth(3, new int[] {0, 1}, new int[0]);
        float[] s = {0.9f, 0.2f, 0.6f, 0.7f, 0.1f, 0.8f};
        RankingMetrics.Scores r = RankingMetrics.all(s, t);
        // row 0: label 0 rank 1 (1/1), label 1 rank 3 with 2 positives at or above (2/3) -> 5/6; row 1 -> 1
        assertEquals((5.0 / 6 + 1) / 2, r.lrap(), EPS);
        assertEquals((3 + 0) / 2.0, r.coverage(), EPS);       // a row without positives covers 0
        assertEquals((1.0 / 2 + 0) / 2, r.rankingLoss(), EPS); // row 0: (1, 2) mis-ordered of 2 pairs
        // label 0: rows {0: pos 0.9, 1: neg 0.7} -> AP 1, AUC 1; label 1: {0: pos 0.2, 1: neg 0.1} -> 1, 1
        assertEquals(1.0, r.apMacroDefined(), EPS);
        assertEquals(2.0 / 3, r.apMacroSklearn(), EPS);       // label 2 counts 0
        assertArrayEquals(new int[] {2}, r.aucMacro().skippedLabels());
        assertEquals(1.0, r.aucMacro().value(), EPS);
        // nDCG/P@k: the empty row counts 0 in the mean over all rows
        assertEquals(0.5, TopKMetrics.precisionAtK(s, t, 1), EPS);
        assertEquals(0.5, TopKMetrics.ndcgAtK(s, t, 1), EPS);
        // samples F1: the empty row with an empty prediction scores 0 (scikit-learn, zero_division 0)
        Predictions p = Predictions.of(s, 2, 3, new DecisionRule.Threshold(0.95));
        assertEquals(0.0, SetMetrics.f1(t, p, Average.SAMPLES), EPS);
        Predictions exact = new Predictions(2, 3, new int[] {0, 2, 2}, new int[] {0, 1});
        assertEquals(0.5, SetMetrics.f1(t, exact, Average.SAMPLES), EPS);
        assertEquals(1.0, SetMetrics.subsetAccuracy(t, exact), EPS);
        assertEquals(2.0 / 3, SetMetrics.f1(t, exact, Average.MACRO), EPS); // label 2: nothing to count -> 0
        assertEquals(1.0, SetMetrics.f1(t, exact, Average.WEIGHTED), EPS);
        assertEquals(0.0, SetMetrics.hammingLoss(t, exact), EPS);
    }

    @Test
    void setMeasuresByHand() {
        // truth {0,1}, {1}, {}; prediction {0,2}, {}, {2}
        LabelSets t = truth(3, new int[] {0, 1}, new int[] {1}, new int[0]);
        Predictions p = new Predictions(3, 3, new int[] {0, 2, 2, 3}, new int[] {2, 0, 2});
        SetMetrics.Scores s = SetMetrics.all(t, p);
        assertEquals(1.0 / 3, s.microPrecision(), EPS);      // tp 1 of 3 predicted
        assertEquals(1.0 / 3, s.microRecall(), EPS);         // tp 1 of 3 true
        assertEquals(1.0 / 3, s.microF1(), 1e-15);
        assertEquals((1.0 + 0 + 0) / 3, s.macroPrecision(), EPS);
        assertEquals((1.0 + 0 + 0) / 3, s.macroRecall(), EPS);
        assertEquals((0.5 + 0 + 0) / 3, s.samplesPrecision(), EPS);
        assertEquals((0.5 + 0 + 0) / 3, s.samplesRecall(), EPS);
        assertEquals((1.0 * 1 + 0 * 2) / 3, s.weightedRecall(), EPS);
        assertEquals(4.0 / 9, s.hammingLoss(), EPS);         // cells wrong: (0,1) (0,2) (1,1) (2,2)
        assertEquals(0.0, s.subsetAccuracy(), EPS);
    }

    @Test
    void propensitiesByHand() {
        double[] w = Propensity.jain(new int[] {0, 10}, 1000);
        double c = (Math.log(1000) - 1) * Math.pow(2.5, 0.55);
        assertEquals(1 + c * Math.pow(1.5, -0.55), w[0], 1e-14);
        assertEquals(1 + c * Math.pow(11.5, -0.55), w[1], 1e-14);
        assertThrows(IllegalArgumentException.class, () -> Propensity.jain(new int[] {-1}, 10));
        assertThrows(IllegalArgumentException.class, () -> Propensity.jain(new int[] {1}, 0));
    }

    @Test
    void pspNormalisesByTheBestAchievableList() {
        // one row, positives {1, 2}; w = {1, 2, 4}; top-1 is label 1 (w 2) but the best is label 2 (w 4)
        LabelSets t = truth(3, new int[] {1, 2});
        float[] s = {0.1f, 0.9f, 0.5f};
        double[] w = {1, 2, 4};
        assertEquals(0.5, TopKMetrics.pspAtK(s, t, w, 1), EPS);
        assertEquals(1.0, TopKMetrics.pspAtK(s, t, w, 2), EPS);
        double d2 = 1 / (Math.log(3) / Math.log(2));
        assertEquals((2 + 4 * d2) / (4 + 2 * d2), TopKMetrics.psndcgAtK(s, t, w, 2), 1e-15);
        // no positives anywhere: 0, not NaN
        assertEquals(0.0, TopKMetrics.pspAtK(s, truth(3, new int[0]), w, 1), EPS);
    }

    @Test
    void frequencyBandsSplitByRankWithTiesToTheLowerId() {
        int[] counts = new int[512];
        for (int j = 0; j < 512; j++) counts[j] = 1000 - j;
        FrequencyBands b = FrequencyBands.of(counts);
        assertEquals(52, b.size(FrequencyBands.Band.HEAD));
        assertEquals(204, b.size(FrequencyBands.Band.TORSO));
        assertEquals(256, b.size(FrequencyBands.Band.TAIL));
        FrequencyBands ten = FrequencyBands.of(new int[] {5, 5, 5, 5, 5, 5, 5, 5, 5, 5});
        assertEquals(FrequencyBands.Band.HEAD, ten.band(0));                     // tie: lower id first
        for (int j = 1; j < 5; j++) assertEquals(FrequencyBands.Band.TORSO, ten.band(j));
        for (int j = 5; j < 10; j++) assertEquals(FrequencyBands.Band.TAIL, ten.band(j));
        FrequencyBands one = FrequencyBands.of(new int[] {3});
        assertEquals(List.of(1, 0, 0), List.of(one.size(FrequencyBands.Band.HEAD), one.size(FrequencyBands.Band.TORSO),
                one.size(FrequencyBands.Band.TAIL)));
        FrequencyBands eleven = FrequencyBands.of(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        assertEquals(2, eleven.size(FrequencyBands.Band.HEAD));   // ceil(11/10)
        assertEquals(4, eleven.size(FrequencyBands.Band.TORSO));  // ceil(11/2) - 2
        assertEquals(FrequencyBands.Band.HEAD, eleven.band(10));  // most frequent
    }

    @Test
    void bandRecallPoolsTheBand() {
        // 10 labels, label 0 head; truth: row 0 {0, 9}, row 1 {0, 5}; prediction: {0}, {5}
        int[] counts = {100, 50, 40, 30, 20, 10, 5, 4, 3, 2};
        LabelSets t = truth(10, new int[] {0, 9}, new int[] {0, 5});
        Predictions p = new Predictions(2, 10, new int[] {0, 1, 2}, new int[] {0, 5});
        Collapse.BandRecall br = Collapse.bandRecall(t, p, FrequencyBands.of(counts));
        assertEquals(0.5, br.head(), EPS);   // label 0: 1 of 2
        assertEquals(0.0, br.torso(), EPS);  // labels 1..4: no positives -> 0 by convention
        assertEquals(0.5, br.tail(), EPS);   // labels 5..9: 1 of 2
        assertArrayEquals(new long[] {2, 0, 2}, br.positives());
    }

    @Test
    void nanScoresAndBadShapesAreRejected() {
        LabelSets t = truth(2, new int[] {0});
        assertThrows(IllegalArgumentException.class, () -> RankingMetrics.all(new float[] {Float.NaN, 0}, t));
        assertThrows(IllegalArgumentException.class, () -> RankingMetrics.averagePrecisionMicro(new float[] {0, Float.NaN}, t));
        assertThrows(IllegalArgumentException.class, () -> TopKMetrics.precisionAtK(new float[] {0, Float.NaN}, t, 1));
        assertThrows(IllegalArgumentException.class, () -> TopKMetrics.precisionAtK(new float[3], t, 1));
        assertThrows(IllegalArgumentException.class, () -> TopKMetrics.precisionAtK(new float[2], t, 0));
        assertThrows(IllegalArgumentException.class, () -> TopKMetrics.pspAtK(new float[2], t, new double[3], 1));
    }

    @Test
    void negativeZeroEqualsZero() {
        LabelSets t = truth(2, new int[] {0}, new int[] {1});
        float[] s = {-0f, 0f, 0f, -0f};
        assertEquals(0.5, RankingMetrics.rocAucMicro(s, t), EPS);
        assertEquals(0.5, RankingMetrics.rocAucMacro(s, t).value(), EPS);
    }

    @Test
    void reportKeysAreInTheDocumentedOrder() {
        LabelSets t = truth(3, new int[] {0});
        Report rep = Report.compute(new float[] {0.9f, 0.1f, 0.2f}, t, new DecisionRule.Threshold(0.5), new int[] {1, 2, 3}, 10);
        List<String> keys = List.copyOf(rep.toJson().keySet());
        List<String> first = List.of("micro_f1", "macro_f1", "samples_f1", "weighted_f1", "micro_precision", "micro_recall",
                "macro_precision", "macro_recall", "hamming_loss", "subset_accuracy", "map_macro", "map_micro", "auc_macro",
                "auc_micro", "lrap", "coverage", "ranking_loss", "p@1", "p@3", "p@5", "ndcg@1", "ndcg@3", "ndcg@5", "psp@1",
                "psp@3", "psp@5", "empty_rows", "labels_never_predicted", "mean_predicted", "head_recall", "torso_recall",
                "tail_recall");
        assertEquals(first, keys.subList(0, first.size()));
        assertTrue(keys.containsAll(List.of("map_macro_sklearn", "psndcg@5", "true_cardinality", "auc_macro_labels_used")));
    }
}
