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
    public enum ValidationMetric {
        LOSS("loss"), MICRO_F1("micro-f1"), MACRO_F1("macro-f1"), P_AT_1("p@1"), P_AT_5("p@5");

        private final String id;

        ValidationMetric(String id) { this.id = id; }

        /** The option value: loss, micro-f1, macro-f1, p@1 or p@5. */
        public String id() { return id; }

        /** True when a lower value is better (the loss). */
        public boolean lowerIsBetter() { return this == LOSS; }

        /** Parses {@link #id()} (any case). */
        public static ValidationMetric fromId(String id) {
            String v = id == null ? "" : id.trim().toLowerCase(java.util.Locale.ROOT);
            for (ValidationMetric m : values()) if (m.id.equals(v)) return m;
            throw new IllegalArgumentException("--early-stopping must be loss, micro-f1, macro-f1, p@1 or p@5, got '" + id + "'");
        }
    }

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
