package dev.fewhot.metrics;

import dev.fewhot.data.LabelSets;
import dev.fewhot.decide.DecisionRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every evaluation measure of one score matrix, from one call to {@link #compute}: set-based
 * measures of the predictions of a decision rule ({@link SetMetrics}), ranking measures
 * ({@link RankingMetrics}), top-k measures at k = 1, 3, 5 ({@link TopKMetrics}, propensities from
 * {@link Propensity#jain}) and collapse indicators ({@link Collapse}, bands from
 * {@link FrequencyBands} of the TRAINING counts).
 *
 * <p>{@code map_macro} in {@link #toJson()} is the mean AP over labels that have at least one
 * positive row ({@link RankingMetrics.ApMacro#DEFINED}): AP is undefined without positives, and
 * counting such labels as 0 (scikit-learn 1.2.1) makes the value depend on how many unseen labels
 * the test split happens to have. scikit-learn's value is {@code map_macro_sklearn}.
 * {@code auc_macro} skips single-class labels ({@code auc_macro_labels_used} says how many were
 * averaged; 0 means the value 0 is a convention).
 *
 * @param rows      rows evaluated
 * @param labels    size of the label space
 * @param rule      the decision rule of the set-based measures
 * @param sets      set-based measures of the rule's predictions
 * @param ranking   ranking measures
 * @param topK      top-k measures for k = 1, 3, 5
 * @param emptyRows share of rows with no predicted label
 * @param labelsNeverPredicted labels predicted for no row
 * @param meanPredicted mean predicted labels per row
 * @param trueCardinality mean true labels per row
 * @param bandRecall recall on head / torso / tail labels
 */
public record Report(int rows, int labels, DecisionRule rule, SetMetrics.Scores sets, RankingMetrics.Scores ranking,
                     List<TopKMetrics.AtK> topK, double emptyRows, int labelsNeverPredicted, double meanPredicted,
                     double trueCardinality, Collapse.BandRecall bandRecall) {

    /** The k of the top-k measures. */
    public static final int[] KS = {1, 3, 5};

    /** {@link #compute(float[], LabelSets, DecisionRule, int[], int, double, double)} with A = 0.55, B = 1.5. */
    public static Report compute(float[] scores, LabelSets truth, DecisionRule rule, int[] trainCounts, int trainN) {
        return compute(scores, truth, rule, trainCounts, trainN, Propensity.DEFAULT_A, Propensity.DEFAULT_B);
    }

    /**
     * Computes every measure: one parallel pass to apply the rule, one over the rows (top-k, LRAP,
     * coverage, ranking loss), one over the labels (AP, AUC, micro and macro).
     *
     * @param scores      row-major rows x labels scores, no NaN
     * @param truth       the true label sets
     * @param rule        decision rule for the set-based measures
     * @param trainCounts per-label training positives (propensities and frequency bands)
     * @param trainN      number of training rows
     */
    public static Report compute(float[] scores, LabelSets truth, DecisionRule rule, int[] trainCounts, int trainN,
                                 double a, double b) {
        Inputs.scores(scores, truth);
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(trainCounts, "trainCounts");
        if (trainCounts.length != truth.numLabels()) {
            throw new IllegalArgumentException("trainCounts: length must be the number of labels " + truth.numLabels()
                    + ", got " + trainCounts.length);
        }
        double[] w = Propensity.jain(trainCounts, trainN, a, b);
        RowPass.Result rp = RowPass.run(scores, truth, w, KS, true);
        LabelPass.Result lp = LabelPass.run(scores, truth, true);
        Predictions pred = Predictions.of(scores, truth.rows(), truth.numLabels(), rule);
        SetCounts c = SetCounts.of(truth, pred);
        List<TopKMetrics.AtK> topK = List.of(TopKMetrics.of(rp, 1), TopKMetrics.of(rp, 3), TopKMetrics.of(rp, 5));
        return new Report(truth.rows(), truth.numLabels(), rule, SetMetrics.of(c), RankingMetrics.of(lp, rp), topK,
                Collapse.emptyRowRate(pred), Collapse.labelsNeverPredicted(pred), Collapse.meanPredictedPerRow(pred),
                Collapse.trueCardinality(truth), Collapse.bandRecall(c, FrequencyBands.of(trainCounts)));
    }

    /** The top-k measures at k (1, 3 or 5). */
    public TopKMetrics.AtK at(int k) {
        for (TopKMetrics.AtK t : topK) if (t.k() == k) return t;
        throw new IllegalArgumentException("k must be one of 1, 3, 5, got " + k);
    }

    /**
     * The measures under their JSON keys, in this order: {@code micro_f1 macro_f1 samples_f1
     * weighted_f1 micro_precision micro_recall macro_precision macro_recall hamming_loss
     * subset_accuracy map_macro map_micro auc_macro auc_micro lrap coverage ranking_loss p@1 p@3 p@5
     * ndcg@1 ndcg@3 ndcg@5 psp@1 psp@3 psp@5 empty_rows labels_never_predicted mean_predicted
     * head_recall torso_recall tail_recall}, then {@code samples_precision samples_recall
     * weighted_precision weighted_recall map_macro_sklearn auc_macro_labels_used psndcg@1 psndcg@3
     * psndcg@5 true_cardinality rows labels}. Values are Double, or Integer for counts.
     */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("micro_f1", sets.microF1());
        m.put("macro_f1", sets.macroF1());
        m.put("samples_f1", sets.samplesF1());
        m.put("weighted_f1", sets.weightedF1());
        m.put("micro_precision", sets.microPrecision());
        m.put("micro_recall", sets.microRecall());
        m.put("macro_precision", sets.macroPrecision());
        m.put("macro_recall", sets.macroRecall());
        m.put("hamming_loss", sets.hammingLoss());
        m.put("subset_accuracy", sets.subsetAccuracy());
        m.put("map_macro", ranking.apMacroDefined());
        m.put("map_micro", ranking.apMicro());
        m.put("auc_macro", ranking.aucMacro().value());
        m.put("auc_micro", ranking.aucMicro());
        m.put("lrap", ranking.lrap());
        m.put("coverage", ranking.coverage());
        m.put("ranking_loss", ranking.rankingLoss());
        for (int k : KS) m.put("p@" + k, at(k).p());
        for (int k : KS) m.put("ndcg@" + k, at(k).ndcg());
        for (int k : KS) m.put("psp@" + k, at(k).psp());
        m.put("empty_rows", emptyRows);
        m.put("labels_never_predicted", labelsNeverPredicted);
        m.put("mean_predicted", meanPredicted);
        m.put("head_recall", bandRecall.head());
        m.put("torso_recall", bandRecall.torso());
        m.put("tail_recall", bandRecall.tail());
        m.put("samples_precision", sets.samplesPrecision());
        m.put("samples_recall", sets.samplesRecall());
        m.put("weighted_precision", sets.weightedPrecision());
        m.put("weighted_recall", sets.weightedRecall());
        m.put("map_macro_sklearn", ranking.apMacroSklearn());
        m.put("auc_macro_labels_used", ranking.aucMacro().labelsUsed());
        for (int k : KS) m.put("psndcg@" + k, at(k).psndcg());
        m.put("true_cardinality", trueCardinality);
        m.put("rows", rows);
        m.put("labels", labels);
        return m;
    }
}
