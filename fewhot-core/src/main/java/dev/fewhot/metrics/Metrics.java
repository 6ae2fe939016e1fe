package dev.fewhot.metrics;

import dev.fewhot.data.LabelSets;

/**
 * Shortcuts to the measures most used while training (kept for the trainer and the CLI); the full
 * set is in {@link SetMetrics}, {@link RankingMetrics}, {@link TopKMetrics}, {@link Collapse} and
 * {@link Report}. Edge cases as there: a ratio whose denominator is 0 counts 0 (scikit-learn's
 * zero_division=0).
 */
public final class Metrics {
    private Metrics() { }

    /** Micro-averaged F1 (scikit-learn's 2PR/(P+R) of the pooled precision and recall). */
    public static double microF1(LabelSets truth, Predictions pred) {
        return SetMetrics.f1(truth, pred, Average.MICRO);
    }

    /** Macro-averaged F1 over all labels (labels with no positive and no prediction count 0). */
    public static double macroF1(LabelSets truth, Predictions pred) {
        return SetMetrics.f1(truth, pred, Average.MACRO);
    }

    /** Share of rows with no predicted label. */
    public static double emptyPredictionRate(Predictions pred) {
        return Collapse.emptyRowRate(pred);
    }

    /** Number of labels predicted for at least one row. */
    public static int labelsEverPredicted(Predictions pred) {
        return Collapse.labelsEverPredicted(pred);
    }

    /** Mean number of predicted labels per row. */
    public static double meanPredictedPerRow(Predictions pred) {
        return Collapse.meanPredictedPerRow(pred);
    }

    /** Precision at k: mean over rows of |top-k scored labels ∩ truth| / k (ties: lower id first). */
    public static double precisionAtK(float[] scores, LabelSets truth, int k) {
        return TopKMetrics.precisionAtK(scores, truth, k);
    }
}
