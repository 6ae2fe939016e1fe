package dev.fewhot.data.stats;

import dev.fewhot.data.LabelSets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Label statistics of a data set, computed in one pass over its {@link LabelSets}.
 *
 * <p>Definitions (n_j = rows where label j is positive, N rows, L labels):
 * <ul>
 * <li>cardinality = mean positives per row; density = cardinality / L;</li>
 * <li>distinct label sets = number of different positive sets (the empty set counts);</li>
 * <li>IRLbl_j = max_k n_k / n_j (Charte et al. 2015), defined for labels with n_j &gt; 0 only;
 *     MeanIR and MaxIR are the mean and max over those labels; CVIR is their coefficient of
 *     variation;</li>
 * <li>SCUMBLE (Charte et al. 2014) = mean over rows with at least one label of
 *     1 - geomean(IRLbl of the row's labels) / mean(IRLbl of the row's labels); rows without
 *     labels are left out;</li>
 * <li>quantiles of n_j over all L labels, by the nearest-rank rule on the sorted counts.</li>
 * </ul>
 * With no labelled row at all, IRLbl-based measures are 0.
 *
 * @param instances          N
 * @param labels             L
 * @param totalPositives     sum of n_j
 * @param cardinality        mean positives per row
 * @param density            cardinality / L
 * @param distinctLabelSets  distinct positive sets
 * @param emptyRows          rows without positives
 * @param minPositivesPerRow fewest positives in a row
 * @param maxPositivesPerRow most positives in a row
 * @param labelCounts        n_j per label
 * @param labelsWithoutPositives labels with n_j = 0
 * @param labelsUnder5       labels with n_j &lt; 5 (including those with none)
 * @param irLbl              IRLbl per label (0 for labels without positives)
 * @param meanIR             MeanIR
 * @param maxIR              MaxIR
 * @param cvIR               CVIR
 * @param scumble            SCUMBLE
 */
public record LabelStats(int instances, int labels, long totalPositives, double cardinality, double density,
                         int distinctLabelSets, int emptyRows, int minPositivesPerRow, int maxPositivesPerRow,
                         int[] labelCounts, int labelsWithoutPositives, int labelsUnder5, double[] irLbl,
                         double meanIR, double maxIR, double cvIR, double scumble) {

    /** Computes the statistics. */
    public static LabelStats of(LabelSets y) {
        int n = y.rows(), L = y.numLabels();
        int[] ptr = y.indptr(), ids = y.labels();
        int[] counts = y.labelCounts();
        long total = y.totalPositives();
        int minRow = n == 0 ? 0 : Integer.MAX_VALUE, maxRow = 0, empty = 0;
        Set<LabelSetKey> sets = new HashSet<>();
        for (int r = 0; r < n; r++) {
            int c = ptr[r + 1] - ptr[r];
            minRow = Math.min(minRow, c);
            maxRow = Math.max(maxRow, c);
            if (c == 0) empty++;
            sets.add(new LabelSetKey(ids, ptr[r], ptr[r + 1]));
        }
        int maxCount = 0, zero = 0, under5 = 0;
        for (int c : counts) {
            maxCount = Math.max(maxCount, c);
            if (c == 0) zero++;
            if (c < 5) under5++;
        }
        double[] ir = new double[L];
        double sumIr = 0, maxIr = 0;
        int defined = 0;
        for (int j = 0; j < L; j++) {
            if (counts[j] > 0) {
                ir[j] = (double) maxCount / counts[j];
                sumIr += ir[j];
                maxIr = Math.max(maxIr, ir[j]);
                defined++;
            }
        }
        double meanIr = defined == 0 ? 0 : sumIr / defined;
        double var = 0;
        for (int j = 0; j < L; j++) if (counts[j] > 0) var += (ir[j] - meanIr) * (ir[j] - meanIr);
        double cvIr = defined < 2 || meanIr == 0 ? 0 : Math.sqrt(var / (defined - 1)) / meanIr;
        double scumbleSum = 0;
        int labelled = 0;
        for (int r = 0; r < n; r++) {
            int a = ptr[r], b = ptr[r + 1];
            if (a == b) continue;
            double logSum = 0, sum = 0;
            for (int k = a; k < b; k++) {
                logSum += Math.log(ir[ids[k]]);
                sum += ir[ids[k]];
            }
            int m = b - a;
            scumbleSum += 1.0 - Math.exp(logSum / m) / (sum / m);
            labelled++;
        }
        double card = n == 0 ? 0 : (double) total / n;
        return new LabelStats(n, L, total, card, L == 0 ? 0 : card / L, sets.size(), empty, minRow, maxRow,
                counts, zero, under5, ir, meanIr, maxIr, cvIr, labelled == 0 ? 0 : scumbleSum / labelled);
    }

    /**
     * The q-quantile (q in [0, 1]) of the per-label positive counts, by the nearest-rank rule:
     * the smallest count such that at least q of the labels have at most that many positives.
     */
    public int labelCountQuantile(double q) {
        if (!(q >= 0 && q <= 1)) throw new IllegalArgumentException("q must be in [0, 1], got " + q);
        if (labelCounts.length == 0) return 0;
        int[] sorted = labelCounts.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** A label set's ids (a copy) as a hash key. */
    private static final class LabelSetKey {
        private final int[] ids;
        private final int hash;

        LabelSetKey(int[] all, int from, int to) {
            this.ids = Arrays.copyOfRange(all, from, to);
            this.hash = Arrays.hashCode(ids);
        }

        @Override public int hashCode() { return hash; }

        @Override public boolean equals(Object o) {
            return o instanceof LabelSetKey k && Arrays.equals(ids, k.ids);
        }
    }
}
