package dev.fewhot.metrics;

/**
 * How per-label or per-row precision, recall and F1 are combined, as scikit-learn's
 * {@code average} argument (with {@code zero_division=0}).
 */
public enum Average {
    /** Counts pooled over all labels and rows, then one ratio. */
    MICRO,
    /** Unweighted mean of the per-label values over ALL labels (a label with nothing to count scores 0). */
    MACRO,
    /** Mean over rows of the per-row values (a row with an empty denominator scores 0, even if truth and prediction are both empty). */
    SAMPLES,
    /** Mean of the per-label values weighted by the label's number of true positives in the truth (support); 0 when there is no support at all. */
    WEIGHTED
}
