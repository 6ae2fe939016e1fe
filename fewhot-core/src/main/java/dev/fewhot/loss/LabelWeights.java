package dev.fewhot.loss;

import java.util.Arrays;

/**
 * A per-label multiplier for a loss term: none (every label 1), one scalar for all labels, or a
 * vector with one value per label (broadcast over the batch, like PyTorch's {@code weight} and
 * {@code pos_weight}). Values are finite and >= 0; a vector's length is checked against the
 * batch's number of labels when the loss is computed. Immutable: vectors are copied in.
 */
public final class LabelWeights {
    private static final LabelWeights NONE = new LabelWeights(1.0, null);

    private final double scalar;
    private final double[] vector;
    /** Cached float copy for the kernels (racy but idempotent). */
    private volatile float[] floats;

    private LabelWeights(double scalar, double[] vector) {
        this.scalar = scalar;
        this.vector = vector;
    }

    /** No weighting: every label has weight 1. */
    public static LabelWeights none() {
        return NONE;
    }

    /** The same weight for every label. */
    public static LabelWeights scalar(double value) {
        return new LabelWeights(Checks.finiteNonNegative("weight", value), null);
    }

    /** One weight per label; the length must equal the number of labels of each batch. */
    public static LabelWeights perLabel(double... values) {
        if (values == null) throw new IllegalArgumentException("weights must not be null");
        double[] v = values.clone();
        for (int j = 0; j < v.length; j++) checkEntry(j, v[j]);
        return new LabelWeights(1.0, v);
    }

    /** One weight per label, from float values. */
    public static LabelWeights perLabel(float... values) {
        if (values == null) throw new IllegalArgumentException("weights must not be null");
        double[] v = new double[values.length];
        for (int j = 0; j < v.length; j++) v[j] = checkEntry(j, values[j]);
        return new LabelWeights(1.0, v);
    }

    private static double checkEntry(int j, double v) {
        if (!Double.isFinite(v) || v < 0) {
            throw new IllegalArgumentException("weights[" + j + "] must be finite and >= 0, got " + v);
        }
        return v;
    }

    /** True for {@link #none()}. */
    public boolean isNone() {
        return this == NONE;
    }

    /** True when there is one weight per label. */
    public boolean isPerLabel() {
        return vector != null;
    }

    /** Number of labels of a per-label vector, or -1 for none and scalar weights. */
    public int length() {
        return vector == null ? -1 : vector.length;
    }

    /** The weight of label {@code label}. */
    public double get(int label) {
        return vector == null ? scalar : vector[label];
    }

    /** The scalar weight (1 for none; meaningless for a per-label vector, where it is 1). */
    double scalarValue() {
        return scalar;
    }

    /** The backing per-label vector (not a copy; must not be modified), or null. */
    double[] vectorOrNull() {
        return vector;
    }

    /**
     * The weights as a float vector of {@code cols} entries for the loss kernels (values beyond
     * the float range saturate at {@link Float#MAX_VALUE}), or null for {@link #none()}. Cached:
     * must not be modified.
     */
    float[] floatsFor(int cols) {
        if (isNone()) return null;
        float[] f = floats;
        if (f != null && f.length == cols) return f;
        f = new float[cols];
        for (int j = 0; j < cols; j++) f[j] = (float) Math.min(vector == null ? scalar : vector[j], Float.MAX_VALUE);
        floats = f;
        return f;
    }

    /**
     * Checks a per-label vector's length against the batch's number of labels.
     *
     * @param name the argument's name for the message, e.g. {@code "posWeight"}
     */
    void checkCols(String name, int cols) {
        if (vector != null && vector.length != cols) {
            throw new IllegalArgumentException(name + ": per-label vector has " + vector.length
                    + " entries but the batch has cols = " + cols + " labels");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelWeights w
                && Double.compare(scalar, w.scalar) == 0 && Arrays.equals(vector, w.vector)
                && isNone() == w.isNone();
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(scalar) + Arrays.hashCode(vector);
    }

    @Override
    public String toString() {
        if (isNone()) return "none";
        if (vector == null) return Double.toString(scalar);
        if (vector.length <= 8) return Arrays.toString(vector);
        return "per-label[" + vector.length + "]";
    }
}
