package dev.fewhot.loss;

/**
 * Per-label weights computed from the training label frequencies (N rows, n_j positives of label
 * j), for the {@code weight} / {@code posWeight} of {@link BceWeights} (BCE and focal).
 */
public final class ClassWeights {
    private ClassWeights() { }

    /**
     * The positive weight {@code pw_j = min(cap, ((N - n_j) / n_j)^power)}: the ratio of negatives
     * to positives that PyTorch's {@code BCEWithLogitsLoss} documents for {@code pos_weight},
     * softened by a power (0.5 = square root) and capped. A label with n_j = 0 gets the cap, or
     * N^power when there is no cap (as if it had one positive and N negatives, fewhot's earlier
     * {@code auto}); a label with n_j = N gets 0 (no negatives to balance against).
     *
     * @param counts n_j per label, each in [0, n]
     * @param n      N, training rows
     */
    public static LabelWeights posWeightFromCounts(int[] counts, int n, PosWeightSettings s) {
        LabelCounts c = new LabelCounts(n, counts);
        double[] w = new double[counts.length];
        for (int j = 0; j < w.length; j++) {
            int nj = c.count(j);
            double v = nj == 0 ? (Double.isFinite(s.cap()) ? s.cap() : Math.pow(n, s.power()))
                    : Math.pow((double) (n - nj) / nj, s.power());
            w[j] = Math.min(v, s.cap());
        }
        return LabelWeights.perLabel(w);
    }

    /** {@link #posWeightFromCounts(int[], int, PosWeightSettings)} with a power and a cap. */
    public static LabelWeights posWeightFromCounts(int[] counts, int n, double power, double cap) {
        return posWeightFromCounts(counts, n, new PosWeightSettings(power, cap));
    }

    /**
     * The class-balanced weights of Cui et al. (CVPR 2019): the inverse effective number of
     * samples {@code w_j ∝ (1 - beta) / (1 - beta^{n_j})}, normalised so that the weights sum
     * to the number of labels L. beta = 0 gives 1 for every label; beta → 1 approaches inverse
     * frequency. A label with n_j = 0 is given the weight of n_j = 1 (the largest), since the
     * effective number of zero samples is 0.
     *
     * @param counts n_j per label (&gt;= 0)
     */
    public static LabelWeights classBalanced(int[] counts, ClassBalancedSettings s) {
        if (counts == null) throw new IllegalArgumentException("counts must not be null");
        int L = counts.length;
        double[] w = new double[L];
        double sum = 0;
        double beta = s.beta();
        for (int j = 0; j < L; j++) {
            if (counts[j] < 0) throw new IllegalArgumentException("counts[" + j + "] must be >= 0, got " + counts[j]);
            int nj = Math.max(counts[j], 1);
            // (1 - beta) / (1 - beta^n), with 1 - beta^n = -expm1(n log beta) for accuracy near beta = 1
            w[j] = beta == 0 ? 1.0 : (1 - beta) / -Math.expm1(nj * Math.log(beta));
            sum += w[j];
        }
        for (int j = 0; j < L; j++) w[j] = w[j] * L / sum;
        return LabelWeights.perLabel(w);
    }

    /** {@link #classBalanced(int[], ClassBalancedSettings)} with beta. */
    public static LabelWeights classBalanced(int[] counts, double beta) {
        return classBalanced(counts, new ClassBalancedSettings(beta));
    }
}
