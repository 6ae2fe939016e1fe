package dev.fewhot.metrics;

import dev.fewhot.data.LabelSets;
import dev.fewhot.decide.Ranking;

/**
 * Measures that weigh rare labels, for {@code fewhot compare}: propensity-scored precision@k
 * (Jain et al., KDD 2016, as pyxclib computes it) and recall on the tail labels. A small helper,
 * meant to be replaced by a full evaluation report.
 */
public final class ImbalanceMetrics {
    /** Jain et al.'s A for general data sets. */
    public static final double JAIN_A = 0.55;
    /** Jain et al.'s B for general data sets. */
    public static final double JAIN_B = 1.5;

    private ImbalanceMetrics() { }

    /**
     * Inverse propensities {@code w_j = 1 / p_j = 1 + C (n_j + B)^-A}, {@code C = (ln N - 1)(B + 1)^A}
     * (Jain et al. 2016; pyxclib's {@code compute_inv_propesity}).
     *
     * @param counts training positives per label
     * @param n      training rows
     */
    public static double[] inversePropensities(int[] counts, int n, double a, double b) {
        double c = (Math.log(n) - 1) * Math.pow(b + 1, a);
        double[] w = new double[counts.length];
        for (int j = 0; j < w.length; j++) w[j] = 1 + c * Math.pow(counts[j] + b, -a);
        return w;
    }

    /** {@link #inversePropensities(int[], int, double, double)} with A 0.55, B 1.5. */
    public static double[] inversePropensities(int[] counts, int n) {
        return inversePropensities(counts, n, JAIN_A, JAIN_B);
    }

    /**
     * PSP@k normalised as pyxclib does: the propensity-weighted hits of every row's top k, summed
     * over rows, divided by the same sum for the best achievable ranking (each row's true labels
     * by inverse propensity, descending). 0 when the data has no positive. Ties in scores rank
     * the lower label id first.
     *
     * @param scores row-major rows x labels
     * @param invPropensity w_j per label
     */
    public static double pspAtK(float[] scores, LabelSets truth, double[] invPropensity, int k) {
        int L = truth.numLabels(), n = truth.rows();
        if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
        if (scores.length != (long) n * L) throw new IllegalArgumentException("scores: length must be " + ((long) n * L) + ", got " + scores.length);
        if (invPropensity.length != L) {
            throw new IllegalArgumentException("invPropensity: " + invPropensity.length + " entries for " + L + " labels");
        }
        int kk = Math.min(k, L);
        int[] top = new int[kk];
        int[] ptr = truth.indptr(), ids = truth.labels();
        double num = 0, den = 0;
        double[] best = new double[L];
        for (int r = 0; r < n; r++) {
            Ranking.topK(scores, r * L, L, kk, top);
            for (int i = 0; i < kk; i++) {
                if (java.util.Arrays.binarySearch(ids, ptr[r], ptr[r + 1], top[i]) >= 0) num += invPropensity[top[i]];
            }
            int m = ptr[r + 1] - ptr[r];
            for (int q = 0; q < m; q++) best[q] = invPropensity[ids[ptr[r] + q]];
            java.util.Arrays.sort(best, 0, m);
            for (int q = 0; q < Math.min(kk, m); q++) den += best[m - 1 - q];
        }
        return den > 0 ? num / den : 0.0;
    }

    /**
     * Micro recall over the labels of {@code mask}: true positives among their predictions divided
     * by their positives in {@code truth}; 0 when they have no positive.
     */
    public static double recallOn(LabelSets truth, Predictions pred, boolean[] mask) {
        long[][] c = Metrics.labelCounts(truth, pred);
        if (mask.length != c[0].length) throw new IllegalArgumentException("mask: " + mask.length + " entries for " + c[0].length + " labels");
        long tp = 0, pos = 0;
        for (int j = 0; j < mask.length; j++) {
            if (mask[j]) {
                tp += c[0][j];
                pos += c[2][j];
            }
        }
        return pos == 0 ? 0.0 : (double) tp / pos;
    }
}
