package dev.fewhot.cli.report;

import dev.fewhot.data.LabelSets;

/**
 * Counts of the scores of positive and of negative (row, label) cells in equal-width bins over
 * [0, 1] (bin i holds scores in [i/bins, (i+1)/bins), the last bin also 1; scores outside [0, 1]
 * fall into the first or last bin).
 *
 * @param positive counts of positive cells per bin
 * @param negative counts of negative cells per bin
 */
public record ScoreHistogram(long[] positive, long[] negative) {
    /** Number of bins. */
    public int bins() { return positive.length; }

    /** Lower edge of bin i. */
    public double lower(int i) { return (double) i / bins(); }

    /** Upper edge of bin i. */
    public double upper(int i) { return (double) (i + 1) / bins(); }

    /** The histogram of row-major rows x labels scores against the truth. */
    public static ScoreHistogram of(float[] scores, LabelSets truth, int bins) {
        if (bins < 1) throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        int n = truth.rows(), L = truth.numLabels();
        long[] all = new long[bins], pos = new long[bins];
        for (int k = 0; k < n * L; k++) all[bin(scores[k], bins)]++;
        int[] ptr = truth.indptr(), ids = truth.labels();
        for (int r = 0; r < n; r++) for (int k = ptr[r]; k < ptr[r + 1]; k++) pos[bin(scores[r * L + ids[k]], bins)]++;
        for (int i = 0; i < bins; i++) all[i] -= pos[i];
        return new ScoreHistogram(pos, all);
    }

    static int bin(float s, int bins) {
        int b = (int) (s * bins); // NaN gives 0; metrics reject NaN scores before this runs
        return Math.max(0, Math.min(bins - 1, b));
    }
}
