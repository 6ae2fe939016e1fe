package dev.fewhot.metrics;

import dev.fewhot.decide.DecisionRule;
import java.util.Arrays;
import java.util.Objects;

/**
 * Predicted label sets of a batch of rows in CSR form (ids sorted by decreasing score, ties lower
 * id first), made from a score matrix by a {@link DecisionRule}.
 *
 * @param rows     number of rows
 * @param labels   size of the label space
 * @param indptr   row pointers
 * @param ids      predicted ids
 */
public record Predictions(int rows, int labels, int[] indptr, int[] ids) {
    /**
     * Applies the rule to every row of scores (rows x labels, row-major). Rows are split over the
     * kernel pool in fixed chunks; the result does not depend on the threads.
     */
    public static Predictions of(float[] scores, int rows, int labels, DecisionRule rule) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(rule, "rule");
        if (rows < 0 || labels < 0 || scores.length != (long) rows * labels) {
            throw new IllegalArgumentException("scores: length must be rows x labels = " + rows + " x " + labels
                    + ", got " + scores.length);
        }
        int chunks = Parallel.chunks(rows, Parallel.ROW_CHUNK);
        int[][] parts = new int[chunks][];
        int[] ptr = new int[rows + 1];
        Parallel.run(chunks, c -> {
            int from = c * Parallel.ROW_CHUNK, to = Math.min(rows, from + Parallel.ROW_CHUNK);
            int[] buf = new int[labels];
            int[] ids = new int[Math.max(16, (to - from) * 4)];
            int at = 0;
            for (int r = from; r < to; r++) {
                int n = rule.decide(scores, r * labels, labels, buf);
                if (at + n > ids.length) ids = Arrays.copyOf(ids, Math.max(ids.length * 2, at + n));
                System.arraycopy(buf, 0, ids, at, n);
                at += n;
                ptr[r + 1] = at; // chunk-local for now
            }
            parts[c] = Arrays.copyOf(ids, at);
        });
        int total = 0;
        for (int[] p : parts) total += p.length;
        int[] ids = new int[total];
        int at = 0;
        for (int c = 0; c < chunks; c++) {
            int from = c * Parallel.ROW_CHUNK, to = Math.min(rows, from + Parallel.ROW_CHUNK);
            for (int r = from; r < to; r++) ptr[r + 1] += at;
            System.arraycopy(parts[c], 0, ids, at, parts[c].length);
            at += parts[c].length;
        }
        return new Predictions(rows, labels, ptr, ids);
    }

    /** Number of labels predicted for row r. */
    public int count(int r) { return indptr[r + 1] - indptr[r]; }
}
