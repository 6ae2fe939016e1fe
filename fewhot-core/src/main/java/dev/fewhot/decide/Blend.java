package dev.fewhot.decide;

import dev.fewhot.data.LabelSets;

/**
 * The blend of a network ensemble's probabilities with a forest's ({@link dev.fewhot.forest}):
 * {@code p = share * p_networks + (1 - share) * p_forest}, and how the networks' share is chosen
 * on held-out rows (rows that neither the networks scoring them nor the forest's trees scoring
 * them trained on).
 */
public final class Blend {
    /** The networks' shares tried, from networks alone down to the forest alone. */
    public static final double[] SHARES = {1.0, 0.75, 0.5, 0.25, 0.0};

    private Blend() { }

    /** {@code share * network + (1 - share) * forest}: one blended probability. */
    public static float mix(float network, float forest, double share) {
        return (float) (share * network + (1 - share) * forest);
    }

    /** {@link #mix(float, float, double)} element by element, into a new array. */
    public static float[] mix(float[] networks, float[] forest, double share) {
        if (networks.length != forest.length) throw new IllegalArgumentException("blend: " + networks.length + " and " + forest.length + " scores");
        float[] out = new float[networks.length];
        for (int i = 0; i < out.length; i++) out[i] = mix(networks[i], forest[i], share);
        return out;
    }

    /**
     * The networks' share of {@link #SHARES} whose blend has the highest P@1 plus micro-F1 at its
     * best global threshold ({@link ThresholdTuning#bestMicroF1}) on the held-out rows: two measures that do not depend on how either
     * model's probabilities are calibrated (the decision rule is tuned afterwards). A share below
     * 1 must do strictly better than every larger one, so ties keep the networks alone.
     *
     * @param networks held-out rows x labels probabilities of the networks
     * @param forest   the same rows' held-out probabilities of the forest (from trees that did not train on them)
     * @param truth    the rows' label sets
     * @return the chosen share and the criterion of each share tried, in {@link #SHARES} order
     */
    public static Choice choose(float[] networks, float[] forest, LabelSets truth) {
        double[] values = new double[SHARES.length];
        int best = 0;
        for (int i = 0; i < SHARES.length; i++) {
            float[] p = mix(networks, forest, SHARES[i]);
            values[i] = precisionAt1(p, truth) + ThresholdTuning.bestMicroF1(p, truth);
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

    /**
     * Share of rows whose highest-scored label ({@link Ranking#topK}: the lowest id on ties) is
     * one of the row's labels; 0 without rows.
     */
    public static double precisionAt1(float[] scores, LabelSets truth) {
        int n = truth.rows(), L = truth.numLabels();
        if (n == 0) return 0;
        int[] ptr = truth.indptr(), lab = truth.labels(), top = new int[1];
        int hits = 0;
        for (int r = 0; r < n; r++) {
            Ranking.topK(scores, r * L, L, 1, top);
            for (int k = ptr[r]; k < ptr[r + 1]; k++) {
                if (lab[k] == top[0]) {
                    hits++;
                    break;
                }
            }
        }
        return (double) hits / n;
    }
}
