package dev.fewhot.loss;

/**
 * Settings of the class-balanced weights of Cui et al., "Class-Balanced Loss Based on Effective
 * Number of Samples" (CVPR 2019), see {@link ClassWeights#classBalanced}. Default
 * ({@link #defaults()}): beta 0.999; the paper also reports 0.9999 for larger data sets.
 *
 * @param beta the effective-number hyper-parameter, in [0, 1) (0 gives equal weights)
 */
public record ClassBalancedSettings(double beta) {
    public ClassBalancedSettings {
        Checks.inHalfOpen("beta", beta, 0, 1);
    }

    /** beta 0.999. */
    public static ClassBalancedSettings defaults() {
        return new ClassBalancedSettings(0.999);
    }
}
