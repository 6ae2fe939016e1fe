package dev.fewhot.train;

import dev.fewhot.data.CsrMatrix;
import dev.fewhot.data.Dataset;
import dev.fewhot.data.DenseMatrix;
import dev.fewhot.data.LabelSets;

/**
 * What a checkpoint remembers of its data, so that {@code --resume} refuses other data: the
 * dimensions and a 64-bit hash of every stored feature index and value and every label id and
 * value (one linear pass, no allocation).
 *
 * @param rows     rows
 * @param features feature count
 * @param labels   label count
 * @param hash     content hash
 */
public record DataFingerprint(int rows, int features, int labels, long hash) {
    /** The fingerprint of a dataset. */
    public static DataFingerprint of(Dataset d) {
        long h = 0x6A09E667F3BCC909L;
        h = mix(h, d.rows());
        h = mix(h, d.numFeatures());
        h = mix(h, d.numLabels());
        if (d.features() instanceof CsrMatrix c) {
            h = mix(h, 1);
            h = ints(h, c.indptr(), c.rows() + 1);
            int nnz = c.indptr()[c.rows()];
            h = ints(h, c.indices(), nnz);
            h = floats(h, c.values(), nnz);
        } else {
            DenseMatrix m = (DenseMatrix) d.features();
            h = mix(h, 2);
            h = floats(h, m.data(), m.data().length);
        }
        LabelSets y = d.labels();
        h = ints(h, y.indptr(), y.rows() + 1);
        int np = y.totalPositives();
        h = ints(h, y.labels(), np);
        if (y.values() != null) {
            h = mix(h, 3);
            h = floats(h, y.values(), np);
        }
        return new DataFingerprint(d.rows(), d.numFeatures(), d.numLabels(), h);
    }

    private static long ints(long h, int[] a, int n) {
        for (int i = 0; i < n; i++) h = mix(h, a[i]);
        return h;
    }

    private static long floats(long h, float[] a, int n) {
        for (int i = 0; i < n; i++) h = mix(h, Float.floatToIntBits(a[i]));
        return h;
    }

    private static long mix(long h, long v) {
        h = (h ^ v) * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }

    /** "N rows, D features, L labels, hash H". */
    public String describe() {
        return rows + " rows, " + features + " features, " + labels + " labels, hash " + String.format("%016x", hash);
    }
}
