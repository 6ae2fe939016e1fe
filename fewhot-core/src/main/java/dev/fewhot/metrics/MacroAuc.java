package dev.fewhot.metrics;

/**
 * Macro ROC AUC with the labels it had to leave out.
 *
 * @param value         mean AUC over the labels that have both positive and negative rows; 0 when
 *                      there is no such label (scikit-learn raises there; never NaN here)
 * @param labelsUsed    number of labels averaged
 * @param skippedLabels ids of the labels left out (no positive row, or no negative row), ascending
 */
public record MacroAuc(double value, int labelsUsed, int[] skippedLabels) {
    /** True when no label could be scored, so {@link #value()} is 0 by convention, not a measurement. */
    public boolean undefined() {
        return labelsUsed == 0;
    }
}
