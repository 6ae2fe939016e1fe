package dev.fewhot.model;

/**
 * What a model remembers of its training labels: the number of rows and the positives per
 * label. Evaluation needs them for propensity-scored measures (PSP@k) and the head / torso /
 * tail split of labels by training frequency.
 *
 * @param rows        training rows
 * @param labelCounts positives per label (copied)
 */
public record TrainingPrior(int rows, int[] labelCounts) {
    public TrainingPrior {
        if (rows < 0) throw new IllegalArgumentException("rows must be >= 0, got " + rows);
        labelCounts = labelCounts.clone();
        for (int j = 0; j < labelCounts.length; j++) {
            if (labelCounts[j] < 0 || labelCounts[j] > rows) {
                throw new IllegalArgumentException("labelCounts[" + j + "] must be in [0, rows = " + rows + "], got " + labelCounts[j]);
            }
        }
    }

    /** No information (a model built without training data). */
    public static TrainingPrior none(int labels) {
        return new TrainingPrior(0, new int[labels]);
    }

    @Override
    public int[] labelCounts() { return labelCounts.clone(); }

    /** True when training counts are known. */
    public boolean known() { return rows > 0; }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingPrior p && p.rows == rows && java.util.Arrays.equals(p.labelCounts, labelCounts);
    }

    @Override
    public int hashCode() { return 31 * rows + java.util.Arrays.hashCode(labelCounts); }

    @Override
    public String toString() { return "TrainingPrior[rows=" + rows + ", labels=" + labelCounts.length + "]"; }
}
