package dev.fewhot.loss;

import java.util.Objects;

/**
 * Settings of {@link AsymmetricLoss}. Defaults ({@link #defaults()}, Ridnik et al. 2021 and the
 * authors' code): gammaNeg 4, gammaPos 1, clip 0.05, eps 1e-8, focusing weight inside the
 * gradient.
 *
 * @param gammaNeg focusing exponent of negatives, finite and >= 0
 * @param gammaPos focusing exponent of positives, finite and >= 0
 * @param clip     probability margin shifted off negatives, in [0, 1) (0 = no clipping)
 * @param eps      lower clamp of the probabilities inside the logs, finite and > 0
 * @param focusing whether the gradient flows through the focusing weight
 */
public record AslSettings(double gammaNeg, double gammaPos, double clip, double eps, FocusingGradient focusing) {
    /** Validates every parameter. */
    public AslSettings {
        Checks.finiteNonNegative("gammaNeg", gammaNeg);
        Checks.finiteNonNegative("gammaPos", gammaPos);
        Checks.inHalfOpen("clip", clip, 0, 1);
        Checks.finitePositive("eps", eps);
        Objects.requireNonNull(focusing, "focusing must not be null (FocusingGradient.INSIDE or DETACHED)");
    }

    /** The paper's defaults: gammaNeg 4, gammaPos 1, clip 0.05, eps 1e-8, {@link FocusingGradient#INSIDE}. */
    public static AslSettings defaults() {
        return new AslSettings(4.0, 1.0, 0.05, 1e-8, FocusingGradient.INSIDE);
    }

    /** A copy with both focusing exponents replaced. */
    public AslSettings withGammas(double negative, double positive) {
        return new AslSettings(negative, positive, clip, eps, focusing);
    }

    /** A copy with clip replaced. */
    public AslSettings withClip(double c) {
        return new AslSettings(gammaNeg, gammaPos, c, eps, focusing);
    }

    /** A copy with eps replaced. */
    public AslSettings withEps(double e) {
        return new AslSettings(gammaNeg, gammaPos, clip, e, focusing);
    }

    /** A copy with the focusing-gradient option replaced. */
    public AslSettings withFocusing(FocusingGradient f) {
        return new AslSettings(gammaNeg, gammaPos, clip, eps, f);
    }

    @Override
    public String toString() {
        return "gammaNeg=" + gammaNeg + ", gammaPos=" + gammaPos + ", clip=" + clip + ", eps=" + eps
                + ", focusing=" + focusing;
    }
}
