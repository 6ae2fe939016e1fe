package dev.fewhot.loss;

import java.util.Objects;

/**
 * Settings of {@link DistributionBalancedLoss} (Wu et al., ECCV 2020).
 *
 * <p>Defaults ({@link #defaults()}): alpha 0.1, beta 10, mu 0.3, kappa 0.05, lambda 2 — the
 * paper's values. The authors' configurations (github.com/wutong16/DistributionBalancedLoss,
 * {@code configs/*}) use alpha 0.1, beta 10 and {@code init_bias} (kappa) 0.05 for both data
 * sets, with mu ({@code map_param.gamma}) 0.3 and lambda ({@code neg_scale}) 5 on VOC-MLT, and
 * mu 0.2 and lambda 2 on COCO-MLT.
 *
 * @param alpha  lift of the smoothed weight {@code r̂ = alpha + sigmoid(beta (r - mu))}, finite, &gt;= 0
 * @param beta   slope of the smoothing, finite, &gt;= 0
 * @param mu     centre of the smoothing, finite
 * @param kappa  scale of the class-specific bias {@code nu_j} (0 disables it), finite, &gt;= 0
 * @param lambda scale of the negative logits (1 gives plain BCE on the negatives), finite, &gt; 0
 * @param bias   which sign convention the bias follows
 */
public record DbSettings(double alpha, double beta, double mu, double kappa, double lambda, NtrBias bias) {
    /**
     * The negative-tolerant regularisation's class-specific bias. The paper writes
     * {@code nu_j = kappa * b̂_j} with {@code b̂_j = -log(1/p_j - 1)} (the prior logit) and the
     * loss in {@code z - nu}; the authors' code instead adds {@code kappa * b̂_j / lambda} to the
     * logit, i.e. {@code nu_j = -kappa * b̂_j / lambda}.
     */
    public enum NtrBias {
        /** {@code nu_j = kappa * b̂_j} (the paper's text; the default). */
        PAPER,
        /** {@code nu_j = -kappa * b̂_j / lambda} (the authors' {@code init_bias}). */
        AUTHORS_CODE
    }

    public DbSettings {
        Checks.finiteNonNegative("alpha", alpha);
        Checks.finiteNonNegative("beta", beta);
        if (!Double.isFinite(mu)) throw new IllegalArgumentException("mu must be finite, got " + mu);
        Checks.finiteNonNegative("kappa", kappa);
        Checks.finitePositive("lambda", lambda);
        Objects.requireNonNull(bias, "bias must not be null (e.g. NtrBias.PAPER)");
    }

    /** The paper's defaults: alpha 0.1, beta 10, mu 0.3, kappa 0.05, lambda 2, the paper's bias sign. */
    public static DbSettings defaults() {
        return new DbSettings(0.1, 10.0, 0.3, 0.05, 2.0, NtrBias.PAPER);
    }

    /** A copy with the re-balancing smoothing replaced. */
    public DbSettings withSmoothing(double a, double b, double m) {
        return new DbSettings(a, b, m, kappa, lambda, bias);
    }

    /** A copy with the negative-tolerant regularisation replaced. */
    public DbSettings withNtr(double k, double l, NtrBias nb) {
        return new DbSettings(alpha, beta, mu, k, l, nb);
    }
}
