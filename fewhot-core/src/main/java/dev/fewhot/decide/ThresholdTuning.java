package dev.fewhot.decide;

import dev.fewhot.data.LabelSets;

/**
 * Chooses decision thresholds on validation data (scores of a trained model and the true
 * label sets).
 *
 * <ul>
 * <li>{@link #global}: the one threshold that maximises micro-F1.</li>
 * <li>{@link #perLabel}: for each label the threshold that maximises that label's F1, shrunk
 *     towards the global threshold for labels with little validation support:
 *     {@code t_j = (n_j t_j* + m t_global) / (n_j + m)} with n_j the label's validation
 *     positives and m the {@code shrinkage} (default 10); a label with fewer than
 *     {@code minSupport} positives (default 3) keeps the global threshold. Naively tuned
 *     per-label thresholds over-fit small validation sets (on bibtex they lowered test micro-F1
 *     from 0.49 to 0.38); the shrinkage keeps the gain where the evidence is.</li>
 * <li>{@link #pcut}: the global threshold at which the mean number of predicted labels per row
 *     matches a target cardinality (the training label cardinality), a proportional cut.</li>
 * </ul>
 * Candidate thresholds are midpoints between consecutive distinct scores, so a tuned threshold
 * never sits exactly on a validation score.
 */
public final class ThresholdTuning {
    /** Default shrinkage strength m of {@link #perLabel}. */
    public static final double DEFAULT_SHRINKAGE = 10;
    /** Default minimum validation positives for a label to get its own threshold. */
    public static final int DEFAULT_MIN_SUPPORT = 3;

    private ThresholdTuning() { }

    private static void check(float[] scores, LabelSets truth) {
        long need = (long) truth.rows() * truth.numLabels();
        if (scores.length != need) throw new IllegalArgumentException("scores: length must be " + need + ", got " + scores.length);
    }

    /** Packs (score, isPositive) pairs sorted by decreasing score. */
    private static long[] sortedPairs(float[] scores, LabelSets truth, int label) {
        int n = truth.rows(), L = truth.numLabels();
        int[] ptr = truth.indptr(), ids = truth.labels();
        long[] keys = new long[label < 0 ? n * L : n];
        int at = 0;
        for (int r = 0; r < n; r++) {
            int from = label < 0 ? 0 : label, to = label < 0 ? L : label + 1;
            int k = ptr[r];
            for (int j = from; j < to; j++) {
                while (k < ptr[r + 1] && ids[k] < j) k++;
                boolean pos = k < ptr[r + 1] && ids[k] == j;
                keys[at++] = key(scores[r * L + j], pos);
            }
        }
        java.util.Arrays.sort(keys);
        return keys;
    }

    // ascending key order = descending score; the low bit marks a positive
    private static long key(float s, boolean positive) {
        int bits = Float.floatToIntBits(s + 0f);
        int ordered = bits < 0 ? ~bits : bits | Integer.MIN_VALUE;
        return ((((long) ~ordered) & 0xffffffffL) << 1 | (positive ? 1 : 0));
    }

    private static float score(long key) {
        int ordered = ~(int) (key >>> 1);
        int bits = ordered < 0 ? ordered & Integer.MAX_VALUE : ~ordered;
        return Float.intBitsToFloat(bits);
    }

    /**
     * Sweeps thresholds over sorted pairs and returns {bestThreshold, bestF1} for F1 of the
     * pairs (predicted = score >= threshold).
     */
    private static double[] bestF1(long[] keys, long totalPositives) {
        double bestF1 = 0, bestT = 1.0;
        long tp = 0, predicted = 0;
        int i = 0;
        while (i < keys.length) {
            float s = score(keys[i]);
            int j = i;
            while (j < keys.length && score(keys[j]) == s) {
                tp += keys[j] & 1;
                predicted++;
                j++;
            }
            double f1 = totalPositives + predicted == 0 ? 0 : 2.0 * tp / (totalPositives + predicted);
            if (f1 > bestF1) {
                bestF1 = f1;
                float next = j < keys.length ? score(keys[j]) : 0f;
                bestT = ((double) s + next) / 2; // between this score and the next lower one
                if (bestT > s) bestT = s;
            }
            i = j;
        }
        return new double[] {bestT, bestF1};
    }

    /** The global threshold maximising micro-F1 on the validation data. */
    public static double global(float[] scores, LabelSets truth) {
        check(scores, truth);
        return bestF1(sortedPairs(scores, truth, -1), truth.totalPositives())[0];
    }

    /** Per-label thresholds with the default shrinkage and minimum support. */
    public static DecisionRule.PerLabel perLabel(float[] scores, LabelSets truth) {
        return perLabel(scores, truth, DEFAULT_SHRINKAGE, DEFAULT_MIN_SUPPORT);
    }

    /**
     * Per-label thresholds maximising each label's F1, shrunk towards the global threshold (see
     * the class comment).
     *
     * @param shrinkage  m, &gt;= 0 (0: no shrinkage)
     * @param minSupport labels with fewer validation positives keep the global threshold
     */
    public static DecisionRule.PerLabel perLabel(float[] scores, LabelSets truth, double shrinkage, int minSupport) {
        check(scores, truth);
        if (!(shrinkage >= 0)) throw new IllegalArgumentException("shrinkage must be >= 0, got " + shrinkage);
        double g = global(scores, truth);
        int L = truth.numLabels();
        int[] counts = truth.labelCounts();
        float[] t = new float[L];
        for (int j = 0; j < L; j++) {
            if (counts[j] < minSupport) {
                t[j] = (float) g;
                continue;
            }
            double tj = bestF1(sortedPairs(scores, truth, j), counts[j])[0];
            t[j] = (float) Math.min(1, Math.max(0, (counts[j] * tj + shrinkage * g) / (counts[j] + shrinkage)));
        }
        return new DecisionRule.PerLabel(t);
    }

    /**
     * The global threshold at which rows get {@code targetCardinality} predicted labels on
     * average (the largest threshold reaching it).
     */
    public static double pcut(float[] scores, int rows, double targetCardinality) {
        if (!(targetCardinality > 0)) throw new IllegalArgumentException("targetCardinality must be > 0, got " + targetCardinality);
        if (rows <= 0 || scores.length == 0) return 0.5;
        float[] sorted = scores.clone();
        java.util.Arrays.sort(sorted);
        long want = Math.min(sorted.length, Math.max(1, Math.round(targetCardinality * rows)));
        float s = sorted[(int) (sorted.length - want)];
        return Math.max(0, Math.min(1, s));
    }
}
