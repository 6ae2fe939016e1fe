package dev.fewhot.train.sampling;

import dev.fewhot.data.LabelSets;
import java.util.SplittableRandom;

/**
 * Label-aware (class-aware) sampling, as in Shen et al. 2016 ("Relay backpropagation") and the
 * class-aware sampler of the distribution-balanced loss's code: each draw picks a label, then a
 * row holding it, uniformly, with replacement. Labels are drawn with probability proportional to
 * {@code n_j^power} among the labels with at least one positive: power 0 (the default) is
 * uniform over labels, power 1 reproduces the natural frequency of (row, label) pairs. Rows
 * without any label are never drawn. An epoch has as many draws as the data has rows; the draws
 * come from {@code SplittableRandom(Seeds.mix(seed, epoch, -2))}.
 *
 * @param power exponent of the label frequency, finite and &gt;= 0
 */
public record LabelAwareSampler(double power) implements Sampler {
    public LabelAwareSampler {
        if (!(power >= 0 && Double.isFinite(power))) {
            throw new IllegalArgumentException("label-aware sampler: power must be finite and >= 0, got " + power);
        }
    }

    /** Uniform over labels. */
    public static LabelAwareSampler uniform() {
        return new LabelAwareSampler(0);
    }

    @Override
    public int[] order(LabelSets labels, long seed, int epoch) {
        int L = labels.numLabels(), n = labels.rows();
        int[] counts = labels.labelCounts();
        // rows of each label: CSC of the label matrix
        int[] start = new int[L + 1];
        for (int j = 0; j < L; j++) start[j + 1] = start[j] + counts[j];
        int[] rowsOf = new int[start[L]], fill = start.clone();
        int[] ptr = labels.indptr(), ids = labels.labels();
        for (int r = 0; r < n; r++) for (int k = ptr[r]; k < ptr[r + 1]; k++) rowsOf[fill[ids[k]]++] = r;
        double[] cum = new double[L];
        double total = 0;
        for (int j = 0; j < L; j++) {
            total += counts[j] == 0 ? 0 : Math.pow(counts[j], power);
            cum[j] = total;
        }
        if (total == 0) throw new IllegalArgumentException("label-aware sampler: the training data has no positive label");
        int last = L - 1;
        while (counts[last] == 0) last--;
        SplittableRandom rnd = new SplittableRandom(Seeds.mix(seed, epoch, -2));
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            double u = rnd.nextDouble() * total;
            int j = upperBound(cum, u);
            // the first cumulative value above u belongs to a label with positives; u == total (rounding) takes the last
            if (!(cum[j] > u)) j = last;
            order[i] = rowsOf[start[j] + rnd.nextInt(counts[j])];
        }
        return order;
    }

    /** The first index whose cumulative value exceeds u (clamped to the last index). */
    private static int upperBound(double[] cum, double u) {
        int lo = 0, hi = cum.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cum[mid] > u) hi = mid; else lo = mid + 1;
        }
        return lo;
    }

    @Override
    public String describe() {
        return power == 0 ? "label-aware" : "label-aware(power=" + power + ")";
    }
}
