package dev.fewhot.train;

import dev.fewhot.data.LabelSets;
import dev.fewhot.decide.DecisionRule;

/**
 * How a trained model's decision rule is chosen: a strategy tuned on the validation scores of
 * the networks that did not train on the validation rows, or none (the model keeps threshold
 * 0.5); with {@code atLeastOne}, every row also gets its best label.
 *
 * @param strategy   the tuning strategy, or null for no tuning
 * @param atLeastOne whether every row gets at least its best label
 */
public record Thresholds(ThresholdStrategy strategy, boolean atLeastOne) {
    /** No tuning, threshold 0.5. */
    public static Thresholds none() { return new Thresholds(null, false); }

    /** Per-label thresholds and at least one label per row: the auto recipe's choice. */
    public static Thresholds perLabel() { return new Thresholds(ThresholdStrategy.PER_LABEL, true); }

    /** One global threshold maximising validation micro-F1. */
    public static Thresholds global() { return new Thresholds(ThresholdStrategy.GLOBAL, false); }

    /** PCut: the global threshold matching the training label cardinality. */
    public static Thresholds pcut() { return new Thresholds(ThresholdStrategy.PCUT, false); }

    /** Top-k with the k in 1..10 maximising validation micro-F1. */
    public static Thresholds topK() { return new Thresholds(ThresholdStrategy.TOP_K, false); }

    /** The same strategy with or without at least one label per row. */
    public Thresholds withAtLeastOne(boolean b) { return new Thresholds(strategy, b); }

    /** Whether the rule is tuned on validation data (which the job then needs). */
    public boolean tuned() { return strategy != null; }

    /**
     * The decision rule.
     *
     * @param untuned     the rule without tuning (threshold 0.5)
     * @param validScores validation scores of the held-out networks (unused without a strategy)
     * @param valid       validation label sets
     * @param trainCounts training positives per label
     * @param trainRows   training rows
     */
    public DecisionRule rule(DecisionRule untuned, float[] validScores, LabelSets valid, int[] trainCounts, int trainRows) {
        if (strategy != null) return strategy.tune(validScores, valid, trainCounts, trainRows, atLeastOne);
        return atLeastOne ? new DecisionRule.AtLeastOne(untuned) : untuned;
    }
}
