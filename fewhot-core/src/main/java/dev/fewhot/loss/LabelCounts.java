package dev.fewhot.loss;

import java.util.Arrays;

/**
 * The training label frequencies that data-driven weightings start from: N training rows and
 * n_j positives per label. Validated: N &gt;= 0, every n_j in [0, N]. Immutable (copied in and out).
 *
 * @param rows   N, training rows
 * @param counts n_j, positives per label
 */
public record LabelCounts(int rows, int[] counts) {
    public LabelCounts {
        if (rows < 0) throw new IllegalArgumentException("rows must be >= 0, got " + rows);
        if (counts == null) throw new IllegalArgumentException("counts must not be null");
        counts = counts.clone();
        for (int j = 0; j < counts.length; j++) {
            if (counts[j] < 0 || counts[j] > rows) {
                throw new IllegalArgumentException("counts[" + j + "] must be in [0, rows = " + rows + "], got " + counts[j]);
            }
        }
    }

    /** The counts of a training label matrix. */
    public static LabelCounts of(dev.fewhot.data.LabelSets y) {
        return new LabelCounts(y.rows(), y.labelCounts());
    }

    @Override
    public int[] counts() { return counts.clone(); }

    /** n_j. */
    public int count(int label) { return counts[label]; }

    /** L, the number of labels. */
    public int labels() { return counts.length; }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelCounts c && c.rows == rows && Arrays.equals(c.counts, counts);
    }

    @Override
    public int hashCode() { return 31 * rows + Arrays.hashCode(counts); }

    @Override
    public String toString() { return "LabelCounts[rows=" + rows + ", labels=" + counts.length + "]"; }
}
