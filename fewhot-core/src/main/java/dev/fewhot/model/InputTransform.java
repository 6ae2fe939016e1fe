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
public record InputTransform(float[] idf, boolean l2) {
    /** Identifier written to the model file. */
    public static final String TFIDF = "tfidf";

    public InputTransform {
        if (idf == null || idf.length == 0) throw new IllegalArgumentException("idf must hold one value per input column");
        idf = idf.clone();
        for (int j = 0; j < idf.length; j++) {
            if (!(Float.isFinite(idf[j]) && idf[j] >= 0)) throw new IllegalArgumentException("idf[" + j + "] must be finite and >= 0, got " + idf[j]);
        }
    }

    /** The idf (a copy). */
    @Override
    public float[] idf() { return idf.clone(); }

    public int dim() { return idf.length; }

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
            float v = row[off + j] * idf[j];
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
        return o instanceof InputTransform t && t.l2 == l2 && java.util.Arrays.equals(t.idf, idf);
    }

    @Override
    public int hashCode() { return 31 * java.util.Arrays.hashCode(idf) + Boolean.hashCode(l2); }

    @Override
    public String toString() { return "tfidf(l2=" + l2 + ", dim=" + idf.length + ")"; }
}
