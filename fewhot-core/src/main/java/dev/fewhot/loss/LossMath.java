package dev.fewhot.loss;

/**
 * Scalar helpers shared by the element kernels, all in logit space so that they stay finite and
 * accurate for any finite logit: with {@code e = exp(-|x|)}, {@code p = sigmoid(x)} and
 * {@code q = 1 - p = sigmoid(-x)} are each computed without cancellation, and
 * {@code log p = -softplus(-x)}, {@code log(1 - p) = -softplus(x)} with
 * {@code softplus(z) = max(z, 0) + log1p(exp(-|z|))}.
 */
final class LossMath {
    private LossMath() {}

    /** softplus(z) = log(1 + exp(z)), stable for every finite z. */
    static double softplus(double z) {
        return Math.max(z, 0.0) + Math.log1p(Math.exp(-Math.abs(z)));
    }

    /** sigmoid(x), stable for every finite x (exact 0 or 1 only where the double underflows). */
    static double sigmoid(double x) {
        double e = Math.exp(-Math.abs(x));
        double r = 1.0 / (1.0 + e);
        return x >= 0 ? r : e * r;
    }

    /**
     * Plain weighted BCE value from precomputed pieces, without cancellation:
     * {@code (1-y)*x + c*softplus(-x)} with {@code c = (1-y) + pw*y} equals
     * {@code (1-y)*x + c*lg} for x >= 0 and {@code -pw*y*x + c*lg} for x < 0, a sum of
     * non-negative terms ({@code lg = log1p(exp(-|x|))}).
     */
    static double bce(double x, double y, double pw, double lg) {
        double c = (1.0 - y) + pw * y;
        return (x >= 0 ? (1.0 - y) * x : -pw * y * x) + c * lg;
    }

    /**
     * {@code u^g} for u given by its log, with {@code 0^0 = 1} and {@code 0^g = 0} for g > 0
     * ({@code logU = -infinity}).
     */
    static double powFromLog(double logU, double g) {
        return g == 0.0 ? 1.0 : Math.exp(g * logU);
    }
}
