package dev.fewhot.model;

import dev.fewhot.data.CsrMatrix;
import dev.fewhot.data.DenseMatrix;
import dev.fewhot.data.Features;

/**
 * A per-row transform of the input features, stored in the model and applied by
 * {@link Batch#fill} so that training and prediction see the same inputs: each value x_ij
 * becomes {@code x_ij * idf_j}, then (with {@code l2}) the row is scaled to unit Euclidean
 * norm (an all-zero row stays zero).
 *
 * <p>{@link #tfIdf} fits the idf from training rows with the smoothed, log-scaled formula of
 * scikit-learn's {@code TfidfTransformer}: {@code idf_j = ln((1 + N) / (1 + df_j)) + 1}, where
 * df_j is the number of rows with a non-zero value in column j.
 *
 * @param idf per-column multipliers (length = input dimension), finite and &gt;= 0
 * @param l2  whether rows are L2-normalised after the multiplication
 */
public record InputTransform(float[] idf, boolean l2, float[] center) {
    /** The input transforms a training job can fit: none, tf-idf or column z-scores. */
    public enum Kind {
        /** The features as they are. */
        RAW,
        /** {@link InputTransform#tfIdf}. */
        TFIDF,
        /** {@link InputTransform#standardize}. */
        STANDARDIZE;

        /** The option value: raw, tfidf or standardize. */
        public String id() { return name().toLowerCase(java.util.Locale.ROOT); }

        /** Parses {@link #id()} (any case; {@code none} is raw). */
        public static Kind fromId(String id) {
            String v = id == null ? "" : id.trim().toLowerCase(java.util.Locale.ROOT);
            return switch (v) {
                case "raw", "none" -> RAW;
                case "tfidf" -> TFIDF;
                case "standardize" -> STANDARDIZE;
                default -> throw new IllegalArgumentException("--input must be raw, tfidf or standardize, got '" + id + "'");
            };
        }

        /** The transform fitted on these rows, or null for {@link #RAW}. */
        public InputTransform fit(Features x) {
            return switch (this) {
                case RAW -> null;
                case TFIDF -> tfIdf(x);
                case STANDARDIZE -> standardize(x);
            };
        }
    }

    /** Identifier written to the model file. */
    public static final String TFIDF = "tfidf";
    /** Identifier of {@link #standardize}. */
    public static final String STANDARDIZE = "standardize";

    /** tf-idf style: multiply, then optionally L2-normalise. */
    public InputTransform(float[] idf, boolean l2) {
        this(idf, l2, null);
    }

    /**
     * @param center when non-null, subtracted from each column before the multiplication (z-scores:
     *               center = mean, idf = 1 / std); such a transform needs dense batches
     */
    public InputTransform {
        if (idf == null || idf.length == 0) throw new IllegalArgumentException("idf must hold one value per input column");
        if (center != null && center.length != idf.length) throw new IllegalArgumentException("center must have " + idf.length + " values");
        if (center != null && l2) throw new IllegalArgumentException("a centred transform is not L2-normalised");
        center = center == null ? null : center.clone();
        if (center != null) for (float c : center) if (!Float.isFinite(c)) throw new IllegalArgumentException("center values must be finite");
        idf = idf.clone();
        for (int j = 0; j < idf.length; j++) {
            if (!(Float.isFinite(idf[j]) && idf[j] >= 0)) throw new IllegalArgumentException("idf[" + j + "] must be finite and >= 0, got " + idf[j]);
        }
    }

    /** The idf (a copy). */
    @Override
    public float[] idf() { return idf.clone(); }

    /** The centre (a copy), or null. */
    @Override
    public float[] center() { return center == null ? null : center.clone(); }

    public int dim() { return idf.length; }

    /** The model file type id: tfidf or standardize. */
    public String type() { return center == null ? TFIDF : STANDARDIZE; }

    /**
     * Column z-scores fitted on the rows of x: {@code (x_ij - mean_j) / std_j}, with std_j = 1
     * for a constant column.
     */
    public static InputTransform standardize(Features x) {
        int d = x.cols(), n = x.rows();
        double[] sum = new double[d], sq = new double[d];
        if (x instanceof CsrMatrix c) {
            int[] ptr = c.indptr(), idx = c.indices();
            float[] val = c.values();
            for (int k = 0; k < ptr[n]; k++) {
                sum[idx[k]] += val[k];
                sq[idx[k]] += (double) val[k] * val[k];
            }
        } else {
            float[] a = ((DenseMatrix) x).data();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    double v = a[i * d + j];
                    sum[j] += v;
                    sq[j] += v * v;
                }
            }
        }
        float[] mean = new float[d], inv = new float[d];
        for (int j = 0; j < d; j++) {
            double m = n == 0 ? 0 : sum[j] / n, var = n == 0 ? 0 : Math.max(0, sq[j] / n - m * m), sd = Math.sqrt(var);
            mean[j] = (float) m;
            inv[j] = (float) (sd > 1e-12 ? 1 / sd : 1);
        }
        return new InputTransform(inv, false, mean);
    }

    /** tf-idf with L2 row normalisation, idf fitted on the rows of x. */
    public static InputTransform tfIdf(Features x) {
        int d = x.cols(), n = x.rows();
        int[] df = new int[d];
        if (x instanceof CsrMatrix c) {
            int[] ptr = c.indptr(), idx = c.indices();
            float[] val = c.values();
            for (int k = 0; k < ptr[n]; k++) if (val[k] != 0) df[idx[k]]++;
        } else {
            float[] a = ((DenseMatrix) x).data();
            for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) if (a[i * d + j] != 0) df[j]++;
        }
        float[] idf = new float[d];
        for (int j = 0; j < d; j++) idf[j] = (float) (Math.log((1.0 + n) / (1.0 + df[j])) + 1.0);
        return new InputTransform(idf, true);
    }

    /** Applies the transform in place to one sparse row: values[from..to) at columns idx[from..to). */
    public void applySparse(int[] idx, float[] values, int from, int to) {
        if (center != null) throw new IllegalStateException("a centred input transform needs dense rows");
        double s = 0;
        for (int k = from; k < to; k++) {
            float v = values[k] * idf[idx[k]];
            values[k] = v;
            s += (double) v * v;
        }
        if (l2 && s > 0) {
            float f = (float) (1 / Math.sqrt(s));
            for (int k = from; k < to; k++) values[k] *= f;
        }
    }

    /** Applies the transform in place to one dense row row[off .. off + dim). */
    public void applyDense(float[] row, int off) {
        double s = 0;
        for (int j = 0; j < idf.length; j++) {
            float v = (center == null ? row[off + j] : row[off + j] - center[j]) * idf[j];
            row[off + j] = v;
            s += (double) v * v;
        }
        if (l2 && s > 0) {
            float f = (float) (1 / Math.sqrt(s));
            for (int j = 0; j < idf.length; j++) row[off + j] *= f;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputTransform t && t.l2 == l2 && java.util.Arrays.equals(t.idf, idf)
                && java.util.Arrays.equals(t.center, center);
    }

    @Override
    public int hashCode() { return 31 * java.util.Arrays.hashCode(idf) + Boolean.hashCode(l2) + 7 * java.util.Arrays.hashCode(center); }

    @Override
    public String toString() { return type() + "(l2=" + l2 + ", dim=" + idf.length + ")"; }
}
