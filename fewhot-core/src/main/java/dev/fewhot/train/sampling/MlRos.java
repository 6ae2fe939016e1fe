package dev.fewhot.train.sampling;

import dev.fewhot.data.LabelSets;
import dev.fewhot.data.stats.LabelStats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * ML-ROS, the multi-label random oversampling of Charte, Rivera, del Jesus and Herrera,
 * "Addressing imbalance in multilabel classification: Measures and random resampling
 * algorithms" (Neurocomputing 163, 2015), Algorithm 2.
 *
 * <p>The budget is {@code round(N * percentage / 100)} clones (default 25%). A minority bag is
 * made for every label whose IRLbl exceeds MeanIR (computed once, on the original data, as in
 * the paper); bags hold the original rows with that label. Cloning proceeds round-robin over the
 * bags, in label order: each visit clones one row drawn uniformly from the bag, updates the label
 * counts (a clone adds to every label it holds, so IRLbl values and the largest count move), and
 * drops the bag once its label's IRLbl has fallen to MeanIR or below. It stops when the budget
 * is spent or no bag is left. Draws come from {@code SplittableRandom(seed)}.
 *
 * <p>The result is the original row indices 0..N-1 followed by the clones' source indices, for
 * {@link dev.fewhot.data.Subsets#select}.
 */
public final class MlRos {
    /** The paper's default: clone up to 25% of the data. */
    public static final double DEFAULT_PERCENTAGE = 25;

    private MlRos() { }

    /**
     * @param y          training labels
     * @param percentage clone budget as a percentage of the rows, finite, in [0, 1000]
     * @param seed       seed of the draws
     * @return original rows then clones
     */
    public static int[] indices(LabelSets y, double percentage, long seed) {
        if (!(percentage >= 0 && percentage <= 1000)) {
            throw new IllegalArgumentException("ML-ROS percentage must be in [0, 1000], got " + percentage);
        }
        int n = y.rows(), L = y.numLabels();
        int budget = (int) Math.round(n * percentage / 100.0);
        LabelStats stats = LabelStats.of(y);
        double meanIr = stats.meanIR();
        int[] counts = y.labelCounts();
        int[] ptr = y.indptr(), ids = y.labels();
        List<int[]> bags = new ArrayList<>();
        List<Integer> bagLabel = new ArrayList<>();
        for (int j = 0; j < L; j++) {
            if (counts[j] > 0 && stats.irLbl()[j] > meanIr) {
                int[] bag = new int[counts[j]];
                int k = 0;
                for (int r = 0; r < n; r++) {
                    if (Arrays.binarySearch(ids, ptr[r], ptr[r + 1], j) >= 0) bag[k++] = r;
                }
                bags.add(bag);
                bagLabel.add(j);
            }
        }
        int max = 0;
        for (int c : counts) max = Math.max(max, c);
        int[] out = new int[n + budget];
        for (int i = 0; i < n; i++) out[i] = i;
        int made = 0;
        SplittableRandom rnd = new SplittableRandom(seed);
        while (made < budget && !bags.isEmpty()) {
            for (int b = 0; b < bags.size() && made < budget; ) {
                int[] bag = bags.get(b);
                int row = bag[rnd.nextInt(bag.length)];
                out[n + made++] = row;
                for (int k = ptr[row]; k < ptr[row + 1]; k++) max = Math.max(max, ++counts[ids[k]]);
                int label = bagLabel.get(b);
                if ((double) max / counts[label] <= meanIr) {
                    bags.remove(b);
                    bagLabel.remove(b);
                } else {
                    b++;
                }
            }
        }
        return made == budget ? out : Arrays.copyOf(out, n + made);
    }

    /** With the paper's default budget of 25%. */
    public static int[] indices(LabelSets y, long seed) {
        return indices(y, DEFAULT_PERCENTAGE, seed);
    }
}
