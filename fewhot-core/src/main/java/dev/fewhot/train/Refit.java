package dev.fewhot.train;

import java.util.Locale;

/**
 * What happens after early stopping has chosen each network's best epoch on validation rows
 * held out from the training data.
 */
public enum Refit {
    /** Keep the networks trained without the validation rows (their best epoch's parameters). */
    OFF,
    /**
     * Retrain each network from scratch on the training and validation rows together, with the
     * same seed and schedule, for as many epochs as its best epoch ({@link Trainer#refit}).
     */
    ON;

    /** The option value: {@code off} or {@code on}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code off} or {@code on} (any case). */
    public static Refit fromId(String id) {
        String v = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "off" -> OFF;
            case "on" -> ON;
            default -> throw new IllegalArgumentException("--refit must be off or on, got '" + id + "'");
        };
    }
}
