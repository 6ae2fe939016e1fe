package dev.fewhot.metrics;

import dev.fewhot.data.LabelSets;

/**
 * Set-based measures of predicted label sets against the truth, exactly as scikit-learn 1.2.1 with
 * {@code zero_division=0}: a ratio whose denominator is 0 counts 0. Listed labels of the truth are
 * positive (soft values are ignored). Higher is better except for {@link #hammingLoss}.
 *
 * <p>Edge cases: with no rows (or no labels) every measure is 0. {@link Average#SAMPLES} gives a
 * row with an empty prediction precision 0, a row with empty truth recall 0, and a row with both
 * empty F1 0 (scikit-learn's convention, though such a row is "right"). {@link Average#MACRO}
 * averages over all labels, a label never positive nor predicted counting 0.
 * {@link Average#WEIGHTED} weighs by support, so labels without positives do not count; no
 * positives at all gives 0.
 */
public final class SetMetrics {
    private SetMetrics() { }

    /** Precision (higher is better). */
    public static double precision(LabelSets truth, Predictions pred, Average average) {
        return SetCounts.of(truth, pred).value(SetCounts.Kind.PRECISION, average);
    }

    /** Recall (higher is better). */
    public static double recall(LabelSets truth, Predictions pred, Average average) {
        return SetCounts.of(truth, pred).value(SetCounts.Kind.RECALL, average);
    }

    /**
     * F1 (higher is better): 2PR/(P+R) of the precision and recall of each scope (all cells for
     * MICRO, a label for MACRO and WEIGHTED, a row for SAMPLES), then averaged as {@link Average} says.
     */
    public static double f1(LabelSets truth, Predictions pred, Average average) {
        return SetCounts.of(truth, pred).value(SetCounts.Kind.F1, average);
    }

    /** Share of rows x labels cells predicted wrongly (lower is better); 0 with no cells. */
    public static double hammingLoss(LabelSets truth, Predictions pred) {
        return SetCounts.of(truth, pred).hammingLoss();
    }

    /** Share of rows whose predicted set equals the true set exactly (higher is better); 0 with no rows. */
    public static double subsetAccuracy(LabelSets truth, Predictions pred) {
        return SetCounts.of(truth, pred).subsetAccuracy();
    }

    /** Every set-based measure in one pass. */
    public static Scores all(LabelSets truth, Predictions pred) {
        return of(SetCounts.of(truth, pred));
    }

    /**
     * Per-label counts of one prediction: true positives, predicted and true (listed) rows of each
     * label, from which {@link LabelCounts} gives each label's precision, recall and F1 (the terms
     * of the MACRO average).
     */
    public static LabelCounts perLabel(LabelSets truth, Predictions pred) {
        SetCounts c = SetCounts.of(truth, pred);
        return new LabelCounts(c.tp, c.predicted, c.actual);
    }

    static Scores of(SetCounts c) {
        SetCounts.Kind P = SetCounts.Kind.PRECISION, R = SetCounts.Kind.RECALL, F = SetCounts.Kind.F1;
        return new Scores(
                c.value(P, Average.MICRO), c.value(R, Average.MICRO), c.value(F, Average.MICRO),
                c.value(P, Average.MACRO), c.value(R, Average.MACRO), c.value(F, Average.MACRO),
                c.value(P, Average.SAMPLES), c.value(R, Average.SAMPLES), c.value(F, Average.SAMPLES),
                c.value(P, Average.WEIGHTED), c.value(R, Average.WEIGHTED), c.value(F, Average.WEIGHTED),
                c.hammingLoss(), c.subsetAccuracy());
    }

    /**
     * Per-label counts (arrays indexed by label id, not copied). The value methods follow the
     * class's convention (an undefined ratio is 0, so their mean over labels is the MACRO
     * average); {@link #hasPositives} and {@link #hasPredictions} say when a ratio is undefined.
     *
     * @param tp        rows where the label is both true and predicted
     * @param predicted rows where the label is predicted
     * @param actual    rows where the label is true
     */
    public record LabelCounts(long[] tp, long[] predicted, long[] actual) {
        /** Number of labels. */
        public int labels() { return tp.length; }

        /** Whether label j is true in at least one row (else its recall is undefined). */
        public boolean hasPositives(int j) { return actual[j] > 0; }

        /** Whether label j is predicted for at least one row (else its precision is undefined). */
        public boolean hasPredictions(int j) { return predicted[j] > 0; }

        /** Precision of label j; 0 when it is never predicted. */
        public double precision(int j) { return SetCounts.ratio(tp[j], predicted[j]); }

        /** Recall of label j; 0 when it is never true. */
        public double recall(int j) { return SetCounts.ratio(tp[j], actual[j]); }

        /**
         * F1 of label j, 2PR/(P+R); 0 when P + R = 0. Undefined (reported as 0) only when the
         * label is neither true nor predicted anywhere.
         */
        public double f1(int j) { return SetCounts.f1(precision(j), recall(j)); }
    }

    /** Every set-based measure of one prediction (names: measure, then average). */
    public record Scores(double microPrecision, double microRecall, double microF1,
                         double macroPrecision, double macroRecall, double macroF1,
                         double samplesPrecision, double samplesRecall, double samplesF1,
                         double weightedPrecision, double weightedRecall, double weightedF1,
                         double hammingLoss, double subsetAccuracy) {
        /** The precision of an average. */
        public double precision(Average a) {
            return switch (a) { case MICRO -> microPrecision; case MACRO -> macroPrecision; case SAMPLES -> samplesPrecision; case WEIGHTED -> weightedPrecision; };
        }

        /** The recall of an average. */
        public double recall(Average a) {
            return switch (a) { case MICRO -> microRecall; case MACRO -> macroRecall; case SAMPLES -> samplesRecall; case WEIGHTED -> weightedRecall; };
        }

        /** The F1 of an average. */
        public double f1(Average a) {
            return switch (a) { case MICRO -> microF1; case MACRO -> macroF1; case SAMPLES -> samplesF1; case WEIGHTED -> weightedF1; };
        }
    }
}
