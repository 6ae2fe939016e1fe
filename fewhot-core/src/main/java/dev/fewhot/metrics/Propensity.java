package dev.fewhot.metrics;

import java.util.Objects;

/**
 * Inverse label propensities for the propensity-scored measures (PSP@k, PSnDCG@k).
 */
public final class Propensity {
    /** Default A of Jain et al. 2016 (and pyxclib). */
    public static final double DEFAULT_A = 0.55;
    /** Default B of Jain et al. 2016 (and pyxclib). */
    public static final double DEFAULT_B = 1.5;

    private Propensity() { }

    /** {@link #jain(int[], int, double, double)} with A = 0.55, B = 1.5. */
    public static double[] jain(int[] trainCounts, int trainN) {
        return jain(trainCounts, trainN, DEFAULT_A, DEFAULT_B);
    }

    /**
     * Inverse propensities of Jain, Prabhu and Varma (KDD 2016), as pyxclib's
     * {@code compute_inv_propesity}: {@code w_j = 1 + (ln N - 1) (B + 1)^A (N_j + B)^-A}, with N the
     * number of training rows and N_j the training positives of label j. A label never seen in
     * training gets the largest weight {@code 1 + (ln N - 1)(B+1)^A B^-A}. Note that for
     * {@code N < e} the factor {@code ln N - 1} is negative (weights below 1); that is the formula.
     *
     * @param trainCounts per-label number of positive training rows, each {@code >= 0}
     * @param trainN      number of training rows, {@code >= 1}
     * @param a           A, {@code > 0}
     * @param b           B, {@code > 0}
     * @return w, one per label (inverse propensity 1/p_j)
     */
    public static double[] jain(int[] trainCounts, int trainN, double a, double b) {
        Objects.requireNonNull(trainCounts, "trainCounts");
        if (trainN < 1) throw new IllegalArgumentException("trainN must be >= 1, got " + trainN);
        if (!(a > 0) || !(b > 0) || Double.isInfinite(a) || Double.isInfinite(b)) {
            throw new IllegalArgumentException("A and B must be finite and > 0, got A=" + a + " B=" + b);
        }
        double c = (Math.log(trainN) - 1.0) * Math.pow(b + 1.0, a);
        double[] w = new double[trainCounts.length];
        for (int j = 0; j < w.length; j++) {
            if (trainCounts[j] < 0) throw new IllegalArgumentException("trainCounts[" + j + "] is negative: " + trainCounts[j]);
            w[j] = 1.0 + c * Math.pow(trainCounts[j] + b, -a);
        }
        return w;
    }
}
