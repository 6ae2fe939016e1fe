package dev.fewhot.model;

import java.util.Locale;

/**
 * How a {@link Predictor} stores the weights it multiplies by: as trained (float32), or in fewer
 * bytes for faster inference. Quantization happens when the predictor is made, from the float
 * model: the model file and the model itself do not change, and evaluation uses {@link #NONE}
 * unless told otherwise.
 */
public enum Quantization {
    /** The float32 weights as trained (the default). */
    NONE,
    /**
     * Weight-only symmetric int8 with one float scale per output column (per hidden unit, per
     * label): {@code W[i][j] ~= q[i][j] * scale[j]} with {@code scale[j] = max_i |W[i][j]| / 127}
     * and {@code q = rint(W / scale)} in [-127, 127]. Inputs, biases, activations and the
     * accumulation stay float32; the scale is applied once per output,
     * {@code y[j] = scale[j] * sum_i x[i] q[i][j] + b[j]}. A quarter of the weight bytes to read
     * per row, for batch-1 latency; scores move a little (check the measures with evaluation).
     */
    INT8;

    /** The option value: {@code none} or {@code int8}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code none} or {@code int8} (any case, surrounding blanks ignored). */
    public static Quantization fromId(String id) {
        String v = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "none" -> NONE;
            case "int8" -> INT8;
            default -> throw new IllegalArgumentException("--quantize must be none or int8, got '" + id + "'");
        };
    }
}
