package dev.fewhot.decide;

import java.util.Locale;

/**
 * The measure a model's decision rule is tuned for on held-out training rows. Training serves
 * each with its rule: per-label thresholds for macro-F1 (each label its own trade-off), one
 * global threshold for micro-F1, the cardinality-matched threshold (PCut) for Hamming loss, and
 * the best top-k for precision at k.
 */
public enum Objective {
    MICRO_F1("micro-f1"),
    MACRO_F1("macro-f1"),
    HAMMING("hamming"),
    P_AT_K("p@k");

    private final String id;

    Objective(String id) {
        this.id = id;
    }

    /** The id used on the command line and in provenance ("micro-f1", ...). */
    public String id() { return id; }

    /** The objective called {@code s} (case-insensitive), or an exception listing the ids. */
    public static Objective fromId(String s) {
        String v = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        for (Objective o : values()) if (o.id.equals(v)) return o;
        throw new IllegalArgumentException("--objective must be micro-f1, macro-f1, hamming or p@k, got '" + s + "'");
    }
}
