package dev.fewhot.forest;

import dev.fewhot.data.LabelSets;
import java.util.Arrays;

/**
 * The blend of a network ensemble's probabilities with a forest's:
 * {@code p = share * p_networks + (1 - share) * p_forest}, and how the networks' share is chosen
 * on held-out rows (rows that neither the networks scoring them nor the forest's trees scoring
 * them trained on).
 */
public final class Blend {
    /** The networks' shares tried, from networks alone down to the forest alone. */
    public static final double[] SHARES = {1.0, 0.75, 0.5, 0.25, 0.0};

    private Blend() { }

    /** {@code share * networks + (1 - share) * forest}, element by element, into a new array. */
    public static float[] mix(float[] networks, float[] forest, double share) {
        if (networks.length != forest.length) throw new IllegalArgumentException("blend: " + networks.length + " and " + forest.length + " scores");
        float[] out = new float[networks.length];
        for (int i = 0; i < out.length; i++) out[i] = (float) (share * networks[i] + (1 - share) * forest[i]);
        return out;
    }

    /**
     * The networks' share of {@link #SHARES} whose blend has the highest P@1 plus micro-F1 at its
     * best global threshold on the held-out rows: two measures that do not depend on how either
     * model's probabilities are calibrated (the decision rule is tuned afterwards). A share below
     * 1 must do strictly better than every larger one, so ties keep the networks alone.
     *
     * @param networks held-out rows x labels probabilities of the networks
     * @param forest   the same rows' out-of-bag probabilities of the forest
     * @param truth    the rows' label sets
     * @return the chosen share and the criterion of each share tried, in {@link #SHARES} order
     */
    public static Choice choose(float[] networks, float[] forest, LabelSets truth) {
        double[] values = new double[SHARES.length];
        int best = 0;
        for (int i = 0; i < SHARES.length; i++) {
            float[] p = mix(networks, forest, SHARES[i]);
            values[i] = precisionAt1(p, truth) + bestMicroF1(p, truth);
            if (values[i] > values[best]) best = i;
        }
        return new Choice(SHARES[best], values);
    }

    /**
     * A chosen share.
     *
     * @param share    the networks' share
     * @param criteria P@1 + best micro-F1 of each share of {@link #SHARES}
     */
    public record Choice(double share, double[] criteria) {
        public Choice {
            criteria = criteria.clone();
        }

        @Override
        public double[] criteria() { return criteria.clone(); }
    }

    /** Share of rows whose highest-scored label (the first on ties) is a positive one; 0 without rows. */
    public static double precisionAt1(float[] scores, LabelSets truth) {
        int n = truth.rows(), L = truth.numLabels();
        if (n == 0) return 0;
        int hits = 0;
        int[] ptr = truth.indptr(), lab = truth.labels();
        float[] val = truth.values();
        for (int r = 0; r < n; r++) {
            int top = 0;
            for (int l = 1; l < L; l++) if (scores[r * L + l] > scores[r * L + top]) top = l;
            for (int k = ptr[r]; k < ptr[r + 1]; k++) {
                if (lab[k] == top && (val == null || val[k] > 0)) {
                    hits++;
                    break;
                }
            }
        }
        return (double) hits / n;
    }

    /**
     * The highest micro-F1 over global thresholds ("score &gt;= t" positive), every distinct score
     * tried: {@code 2 TP / (2 TP + FP + FN)}; 0 when there are no positives. Label values above 0
     * count as positives.
     */
    public static double bestMicroF1(float[] scores, LabelSets truth) {
        int n = truth.rows(), L = truth.numLabels();
        boolean[] positive = new boolean[n * L];
        int[] ptr = truth.indptr(), lab = truth.labels();
        float[] val = truth.values();
        long positives = 0;
        for (int r = 0; r < n; r++) {
            for (int k = ptr[r]; k < ptr[r + 1]; k++) {
                if ((val == null || val[k] > 0) && !positive[r * L + lab[k]]) {
                    positive[r * L + lab[k]] = true;
                    positives++;
                }
            }
        }
        if (positives == 0) return 0;
        // descending by score: lowering the threshold past each distinct score adds its entries
        long[] order = new long[n * L];
        for (int i = 0; i < order.length; i++) {
            int b = Float.floatToRawIntBits(scores[i]);
            int key = ~(b ^ ((b >> 31) & 0x7fffffff)); // descending
            order[i] = ((long) key << 32) | i;
        }
        Arrays.sort(order);
        long tp = 0, fp = 0;
        double best = 0;
        for (int i = 0; i < order.length; i++) {
            int e = (int) order[i];
            if (positive[e]) tp++;
            else fp++;
            if (i + 1 < order.length && (order[i + 1] >> 32) == (order[i] >> 32)) continue;
            best = Math.max(best, 2.0 * tp / (2.0 * tp + fp + (positives - tp)));
        }
        return best;
    }
}
