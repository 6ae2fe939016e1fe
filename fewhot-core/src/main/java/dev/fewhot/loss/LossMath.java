package dev.fewhot.loss;

/**
 * Scalar helpers shared by the row kernels. The kernels work in logit space so that they stay
 * finite and accurate for any finite logit: with {@code e = exp(-|x|)} and
 * {@code lg = log1p(e)}, {@code p = sigmoid(x)} and {@code q = 1 - p = sigmoid(-x)} are each
 * {@code 1/(1+e)} or {@code e/(1+e)} (no cancellation), {@code log p = -softplus(-x)} and
 * {@code log(1 - p) = -softplus(x)} with {@code softplus(z) = max(z, 0) + lg}, and powers
 * {@code p^g}, {@code (1-p)^g} are {@code exp(g log ...)} of those ({@code u^0 = 1} is taken
 * before the exponential, so {@code 0^0 = 1}).
 */
final class LossMath {
    private LossMath() {}

    /**
     * Weighted-positive BCE value without cancellation: {@code (1-y)*x + c*softplus(-x)} with
     * {@code c = (1-y) + pw*y} equals {@code (1-y)*x + c*lg} for x >= 0 and
     * {@code -pw*y*x + c*lg} for x &lt; 0, a sum of non-negative terms
     * ({@code lg = log1p(exp(-|x|))}).
     */
    static double bce(double x, double y, double pw, double lg) {
        double c = (1.0 - y) + pw * y;
        return (x >= 0 ? (1.0 - y) * x : -pw * y * x) + c * lg;
    }
}
