package dev.fewhot.metrics;

import dev.fewhot.decide.DecisionRule;

/**
 * Predicted label sets of a batch of rows in CSR form (ids sorted by decreasing score), made
 * from a score matrix by a {@link DecisionRule}.
 *
 * @param rows     number of rows
 * @param labels   size of the label space
 * @param indptr   row pointers
 * @param ids      predicted ids
 */
public record Predictions(int rows, int labels, int[] indptr, int[] ids) {
    /** Applies the rule to every row of scores (rows x labels). */
    public static Predictions of(float[] scores, int rows, int labels, DecisionRule rule) {
        int[] ptr = new int[rows + 1];
        int[] buf = new int[labels];
        int[] ids = new int[Math.max(16, rows * 4)];
        int at = 0;
        for (int r = 0; r < rows; r++) {
            int n = rule.decide(scores, r * labels, labels, buf);
            if (at + n > ids.length) ids = java.util.Arrays.copyOf(ids, Math.max(ids.length * 2, at + n));
            System.arraycopy(buf, 0, ids, at, n);
            at += n;
            ptr[r + 1] = at;
        }
        return new Predictions(rows, labels, ptr, java.util.Arrays.copyOf(ids, at));
    }

    /** Number of labels predicted for row r. */
    public int count(int r) { return indptr[r + 1] - indptr[r]; }
}
