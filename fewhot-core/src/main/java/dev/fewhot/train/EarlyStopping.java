package dev.fewhot.train;

/**
 * Early stopping on a validation measure: training stops when the measure has not improved for
 * {@code patience} epochs and at least {@code minSteps} optimiser steps have been taken, and the
 * parameters of the best epoch are kept. An epoch improves on the best when its measure is
 * better, or equal and its validation loss lower: a measure over a small validation set ties
 * often, and P@1 may reach 1.0 long before the scores are separated (genbase: the tie-breaker
 * raised development micro-F1 from 0.874 to 0.990, see docs/recipe-small-data.md).
 *
 * @param metric   the validation measure (higher is better except LOSS)
 * @param patience epochs without improvement before stopping; 0 disables early stopping
 * @param minSteps optimiser steps before training may stop early (0: no minimum); on a small
 *                 training set an epoch is a few steps, and a few epochs of noise on a small
 *                 validation set would otherwise stop a network that has hardly started
 */
public record EarlyStopping(ValidationMetric metric, int patience, long minSteps) {
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
        if (minSteps < 0) throw new IllegalArgumentException("minSteps must be >= 0, got " + minSteps);
    }

    /** Stopping after {@code patience} epochs without improvement, without a minimum of steps. */
    public EarlyStopping(ValidationMetric metric, int patience) {
        this(metric, patience, 0);
    }

    /** The same with a minimum number of optimiser steps before stopping. */
    public EarlyStopping withMinSteps(long steps) {
        return new EarlyStopping(metric, patience, steps);
    }

    /** No early stopping. */
    public static EarlyStopping off() {
        return new EarlyStopping(ValidationMetric.LOSS, 0);
    }

    public boolean enabled() { return patience > 0; }
}
