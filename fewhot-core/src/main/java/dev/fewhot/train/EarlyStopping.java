package dev.fewhot.train;

/**
 * Early stopping on a validation measure: training stops when the measure has not improved for
 * {@code patience} epochs, and the parameters of the best epoch are kept.
 *
 * @param metric   the validation measure (higher is better except LOSS)
 * @param patience epochs without improvement before stopping; 0 disables early stopping
 */
public record EarlyStopping(ValidationMetric metric, int patience) {
    /** Validation measures early stopping can watch. */
    public enum ValidationMetric { LOSS, MICRO_F1, MACRO_F1, P_AT_1, P_AT_5 }

    public EarlyStopping {
        if (metric == null) throw new IllegalArgumentException("metric must be set");
        if (patience < 0) throw new IllegalArgumentException("patience must be >= 0, got " + patience);
    }

    /** No early stopping. */
    public static EarlyStopping off() {
        return new EarlyStopping(ValidationMetric.LOSS, 0);
    }

    public boolean enabled() { return patience > 0; }
}
