package dev.fewhot.metrics;

import dev.fewhot.data.LabelSets;
import dev.fewhot.decide.Ranking;

/**
 * Set-based and ranking measures of multi-label predictions. Truth is a {@link LabelSets}
 * (listed labels are positive); predictions are {@link Predictions}; scores are row-major
 * rows x labels. Edge cases: a ratio whose denominator is 0 counts as 0 (scikit-learn's
 * zero_division=0); a label without positives and without predictions has F1 0 in the macro
 * average, as in scikit-learn.
 */
public final class Metrics {
    private Metrics() { }

    private static void check(LabelSets truth, Predictions pred) {
        if (truth.rows() != pred.rows() || truth.numLabels() != pred.labels()) {
            throw new IllegalArgumentException("predictions: shape " + pred.rows() + "x" + pred.labels()
                    + " does not match the truth's " + truth.rows() + "x" + truth.numLabels());
        }
    }

    /** Per-label true positives, predicted counts and true counts: {tp, pred, true}. */
    static long[][] labelCounts(LabelSets truth, Predictions pred) {
        check(truth, pred);
        int L = truth.numLabels();
        long[] tp = new long[L], pc = new long[L], tc = new long[L];
        int[] tptr = truth.indptr(), tids = truth.labels(), pptr = pred.indptr(), pids = pred.ids();
        boolean[] mark = new boolean[L];
        for (int r = 0; r < truth.rows(); r++) {
            for (int k = tptr[r]; k < tptr[r + 1]; k++) { mark[tids[k]] = true; tc[tids[k]]++; }
            for (int k = pptr[r]; k < pptr[r + 1]; k++) { pc[pids[k]]++; if (mark[pids[k]]) tp[pids[k]]++; }
            for (int k = tptr[r]; k < tptr[r + 1]; k++) mark[tids[k]] = false;
        }
        return new long[][] {tp, pc, tc};
    }

    /** Micro-averaged F1: 2 TP / (predicted + true). */
    public static double microF1(LabelSets truth, Predictions pred) {
        long[][] c = labelCounts(truth, pred);
        long tp = 0, p = 0, t = 0;
        for (int j = 0; j < c[0].length; j++) { tp += c[0][j]; p += c[1][j]; t += c[2][j]; }
        return p + t == 0 ? 0 : 2.0 * tp / (p + t);
    }

    /** Macro-averaged F1 over all labels (labels with no positive and no prediction count 0). */
    public static double macroF1(LabelSets truth, Predictions pred) {
        long[][] c = labelCounts(truth, pred);
        int L = c[0].length;
        double s = 0;
        for (int j = 0; j < L; j++) {
            long d = c[1][j] + c[2][j];
            s += d == 0 ? 0 : 2.0 * c[0][j] / d;
        }
        return L == 0 ? 0 : s / L;
    }

    /** Share of rows with no predicted label. */
    public static double emptyPredictionRate(Predictions pred) {
        if (pred.rows() == 0) return 0;
        int e = 0;
        for (int r = 0; r < pred.rows(); r++) if (pred.count(r) == 0) e++;
        return (double) e / pred.rows();
    }

    /** Number of labels predicted for at least one row. */
    public static int labelsEverPredicted(Predictions pred) {
        boolean[] seen = new boolean[pred.labels()];
        int n = 0;
        for (int id : pred.ids()) if (!seen[id]) { seen[id] = true; n++; }
        return n;
    }

    /** Mean number of predicted labels per row. */
    public static double meanPredictedPerRow(Predictions pred) {
        return pred.rows() == 0 ? 0 : (double) pred.ids().length / pred.rows();
    }

    /**
     * Precision at k: mean over rows of |top-k scored labels ∩ truth| / k (ties: lower id first).
     */
    public static double precisionAtK(float[] scores, LabelSets truth, int k) {
        int L = truth.numLabels(), n = truth.rows();
        if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
        if (scores.length != (long) n * L) throw new IllegalArgumentException("scores: length must be " + ((long) n * L) + ", got " + scores.length);
        int kk = Math.min(k, L);
        int[] top = new int[kk];
        int[] ptr = truth.indptr(), ids = truth.labels();
        double sum = 0;
        for (int r = 0; r < n; r++) {
            Ranking.topK(scores, r * L, L, kk, top);
            int hits = 0;
            for (int i = 0; i < kk; i++) {
                if (java.util.Arrays.binarySearch(ids, ptr[r], ptr[r + 1], top[i]) >= 0) hits++;
            }
            sum += (double) hits / k;
        }
        return n == 0 ? 0 : sum / n;
    }
}
