package dev.fewhot.train;

import dev.fewhot.decide.DecisionRule;
import dev.fewhot.decide.Objective;
import dev.fewhot.decide.ThresholdTuning;

import dev.fewhot.data.LabelSets;
import dev.fewhot.metrics.Average;
import dev.fewhot.metrics.SetMetrics;
import dev.fewhot.metrics.Predictions;
import java.util.Locale;

/**
 * How {@code train --tune-thresholds} chooses the model's decision rule on validation data:
 * a global threshold maximising micro-F1, per-label thresholds ({@link ThresholdTuning#perLabel}),
 * PCut (the global threshold that matches the training label cardinality), or top-k with the k
 * in 1..10 that maximises validation micro-F1.
 */
public enum ThresholdStrategy {
    GLOBAL("global"), PER_LABEL("per-label"), PCUT("pcut"), TOP_K("top-k");

    private final String id;

    ThresholdStrategy(String id) { this.id = id; }

    public String id() { return id; }

    /**
     * The strategy tuned for an objective: one global threshold for micro-F1, per-label thresholds
     * for macro-F1, PCut for Hamming loss, the best top-k for precision at k.
     */
    public static ThresholdStrategy of(Objective o) {
        return switch (o) {
            case MICRO_F1 -> GLOBAL;
            case MACRO_F1 -> PER_LABEL;
            case HAMMING -> PCUT;
            case P_AT_K -> TOP_K;
        };
    }

    public static ThresholdStrategy fromId(String s) {
        String v = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        for (ThresholdStrategy t : values()) if (t.id.equals(v)) return t;
        throw new IllegalArgumentException("--tune-thresholds must be global, per-label, pcut or top-k, got '" + s + "'");
    }

    /**
     * Tunes the rule.
     *
     * @param scores            validation scores (rows x labels)
     * @param truth             validation label sets
     * @param trainCounts       training positives per label (PER_LABEL's frequency prior; PCUT's
     *                          cardinality with trainRows)
     * @param trainRows         training rows
     * @param atLeastOne        wrap the rule so that every row gets a label
     */
    public DecisionRule tune(float[] scores, LabelSets truth, int[] trainCounts, int trainRows, boolean atLeastOne) {
        long positives = 0;
        for (int c : trainCounts) positives += c;
        double trainCardinality = trainRows == 0 ? 1 : (double) positives / trainRows;
        DecisionRule r = switch (this) {
            case GLOBAL -> new DecisionRule.Threshold(ThresholdTuning.global(scores, truth));
            case PER_LABEL -> ThresholdTuning.perLabel(scores, truth, trainCounts);
            case PCUT -> new DecisionRule.Threshold(ThresholdTuning.pcut(scores, truth.rows(), trainCardinality));
            case TOP_K -> bestTopK(scores, truth);
        };
        return atLeastOne && !(r instanceof DecisionRule.TopK) ? new DecisionRule.AtLeastOne(r) : r;
    }

    private static DecisionRule bestTopK(float[] scores, LabelSets truth) {
        DecisionRule best = new DecisionRule.TopK(1);
        double bestF1 = -1;
        for (int k = 1; k <= Math.min(10, truth.numLabels()); k++) {
            DecisionRule r = new DecisionRule.TopK(k);
            double f = SetMetrics.f1(truth, Predictions.of(scores, truth.rows(), truth.numLabels(), r), Average.MICRO);
            if (f > bestF1) {
                bestF1 = f;
                best = r;
            }
        }
        return best;
    }
}
