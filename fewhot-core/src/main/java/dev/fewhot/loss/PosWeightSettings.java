package dev.fewhot.loss;

/**
 * Settings of the data-driven positive weight ({@code --pos-weight auto}, see
 * {@link ClassWeights#posWeightFromCounts}): {@code pw_j = min(cap, ((N - n_j) / n_j)^power)}.
 * Defaults ({@link #defaults()}): power 1 (PyTorch's documented recipe, the ratio of negatives
 * to positives), no cap. Power 0.5 (square root) is the usual softer choice for long tails.
 *
 * @param power exponent of the negative-to-positive ratio, finite and &gt;= 0 (0 gives weight 1)
 * @param cap   largest weight, &gt; 0; {@link Double#POSITIVE_INFINITY} for no cap
 */
public record PosWeightSettings(double power, double cap) {
    public PosWeightSettings {
        Checks.finiteNonNegative("power", power);
        if (!(cap > 0)) throw new IllegalArgumentException("cap must be > 0 (or infinity for no cap), got " + cap);
    }

    /** Power 1, no cap. */
    public static PosWeightSettings defaults() {
        return new PosWeightSettings(1.0, Double.POSITIVE_INFINITY);
    }
}
