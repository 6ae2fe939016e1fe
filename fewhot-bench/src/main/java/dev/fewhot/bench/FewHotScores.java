package dev.fewhot.bench;

import dev.fewhot.data.LabelSets;
import java.util.SplittableRandom;

/**
 * A synthetic few-hot evaluation set: rows x labels, each row with 1 + Poisson(4) (capped at 12)
 * distinct positives drawn from a Zipf(1) label distribution (about 5 per row), and float scores
 * {@code sigmoid(N(-3, 1.5) + 3 u)} with u uniform in [0, 1) for positives, 0 otherwise (a plausible
 * trained model: positives tend to score higher, many ties impossible). Training counts are the
 * Zipf expectations for {@code trainN = rows} rows. Deterministic for a seed.
 */
public final class FewHotScores {
    public final int rows;
    public final int labels;
    public final float[] scores;
    public final LabelSets truth;
    public final int[] trainCounts;
    public final int trainN;

    public FewHotScores(int rows, int labels, long seed) {
        this.rows = rows;
        this.labels = labels;
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] cdf = new double[labels];
        double z = 0;
        for (int j = 0; j < labels; j++) z += 1.0 / (j + 1);
        double acc = 0;
        for (int j = 0; j < labels; j++) {
            acc += 1.0 / (j + 1) / z;
            cdf[j] = acc;
        }
        int[] ptr = new int[rows + 1];
        int[] ids = new int[rows * 13];
        boolean[] mark = new boolean[labels];
        int at = 0;
        scores = new float[rows * labels];
        int[] row = new int[13];
        for (int r = 0; r < rows; r++) {
            int k = Math.min(Math.min(1 + poisson(rnd, 4.0), 12), labels);
            int n = 0;
            while (n < k) {
                int j = java.util.Arrays.binarySearch(cdf, rnd.nextDouble());
                j = j < 0 ? -j - 1 : j;
                if (j >= labels) j = labels - 1;
                if (!mark[j]) { mark[j] = true; row[n++] = j; }
            }
            java.util.Arrays.sort(row, 0, n);
            for (int i = 0; i < n; i++) { ids[at++] = row[i]; mark[row[i]] = false; }
            ptr[r + 1] = at;
            int base = r * labels;
            for (int j = 0; j < labels; j++) scores[base + j] = (float) (-3 + 1.5 * gauss(rnd));
            for (int i = ptr[r]; i < at; i++) scores[base + ids[i]] += (float) (3 * rnd.nextDouble());
            for (int j = 0; j < labels; j++) scores[base + j] = (float) (1 / (1 + Math.exp(-scores[base + j])));
        }
        truth = new LabelSets(rows, labels, ptr, java.util.Arrays.copyOf(ids, at), null);
        trainN = rows;
        trainCounts = new int[labels];
        for (int j = 0; j < labels; j++) trainCounts[j] = (int) Math.round(rows * 5.0 / (j + 1) / z);
    }

    private static int poisson(SplittableRandom r, double lambda) {
        double l = Math.exp(-lambda), p = 1;
        int k = 0;
        do { k++; p *= r.nextDouble(); } while (p > l);
        return k - 1;
    }

    private static double gauss(SplittableRandom r) {
        double u = r.nextDouble(), v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
