package dev.fewhot.loss;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Settings of {@link FocalLoss}: the focusing exponent {@code gamma} (finite, >= 0) and the
 * optional class-balance weight {@code alpha} in [0, 1] ({@link OptionalDouble#empty()} = no
 * alpha weighting, where torchvision uses the sentinel alpha &lt; 0).
 * Defaults ({@link #defaults()}): gamma 2, alpha 0.25, as in Lin et al. 2017 and torchvision.
 *
 * @param gamma focusing exponent, finite and >= 0 (0 gives weighted BCE)
 * @param alpha weight of positives ({@code alpha_t = alpha*y + (1-alpha)*(1-y)}), or empty
 */
public record FocalSettings(double gamma, OptionalDouble alpha) {
    /** Validates gamma and alpha. */
    public FocalSettings {
        Checks.finiteNonNegative("gamma", gamma);
        Objects.requireNonNull(alpha, "alpha must not be null (use OptionalDouble.empty() for no alpha weighting)");
        if (alpha.isPresent()) Checks.inClosed("alpha", alpha.getAsDouble(), 0, 1);
    }

    /** The paper's defaults: gamma 2, alpha 0.25. */
    public static FocalSettings defaults() {
        return new FocalSettings(2.0, OptionalDouble.of(0.25));
    }

    /** Focal weighting only, no alpha. */
    public static FocalSettings withoutAlpha(double gamma) {
        return new FocalSettings(gamma, OptionalDouble.empty());
    }

    /** A copy with gamma replaced. */
    public FocalSettings withGamma(double g) {
        return new FocalSettings(g, alpha);
    }

    /** A copy with alpha weighting at {@code a}. */
    public FocalSettings withAlpha(double a) {
        return new FocalSettings(gamma, OptionalDouble.of(a));
    }

    /** A copy without alpha weighting. */
    public FocalSettings withoutAlpha() {
        return new FocalSettings(gamma, OptionalDouble.empty());
    }

    @Override
    public String toString() {
        return "gamma=" + gamma + ", alpha=" + (alpha.isPresent() ? Double.toString(alpha.getAsDouble()) : "none");
    }
}
