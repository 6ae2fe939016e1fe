package dev.fewhot.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Row subsets of a {@link Dataset}: selection by index and seeded train/validation splits. */
public final class Subsets {
    private Subsets() { }

    /** The rows {@code rows} of d (in that order), with d's names. */
    public static Dataset select(Dataset d, int[] rows) {
        Features f = d.features();
        Features sub;
        if (f instanceof DenseMatrix dm) {
            int c = dm.cols();
            float[] out = new float[Math.multiplyExact(rows.length, c)];
            for (int i = 0; i < rows.length; i++) System.arraycopy(dm.data(), rows[i] * c, out, i * c, c);
            sub = new DenseMatrix(rows.length, c, out);
        } else {
            CsrMatrix m = (CsrMatrix) f;
            int[][] p = selectCsr(m.indptr(), m.indices(), rows);
            float[] vals = gather(m.indptr(), m.values(), rows, p[0][rows.length]);
            sub = new CsrMatrix(rows.length, m.cols(), p[0], p[1], vals);
        }
        LabelSets y = d.labels();
        int[][] lp = selectCsr(y.indptr(), y.labels(), rows);
        float[] lv = y.values() == null ? null : gather(y.indptr(), y.values(), rows, lp[0][rows.length]);
        return new Dataset(sub, new LabelSets(rows.length, y.numLabels(), lp[0], lp[1], lv), d.labelNames(), d.featureNames());
    }

    /**
     * Splits d into {train, validation} with a seeded shuffle; the validation part holds
     * round(fraction * rows) rows, at least 1 and leaving at least 1 for training.
     */
    public static Dataset[] split(Dataset d, double validFraction, long seed) {
        if (!(validFraction > 0 && validFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + validFraction);
        }
        int n = d.rows();
        if (n < 2) throw new IllegalArgumentException("cannot split " + n + " row(s) into train and validation");
        int nv = (int) Math.min(n - 1, Math.max(1, Math.round(validFraction * n)));
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i]; order[i] = order[j]; order[j] = t;
        }
        int[] valid = Arrays.copyOfRange(order, 0, nv), train = Arrays.copyOfRange(order, nv, n);
        Arrays.sort(valid);
        Arrays.sort(train);
        return new Dataset[] {select(d, train), select(d, valid)};
    }

    private static int[][] selectCsr(int[] ptr, int[] idx, int[] rows) {
        int[] np = new int[rows.length + 1];
        for (int i = 0; i < rows.length; i++) np[i + 1] = Math.addExact(np[i], ptr[rows[i] + 1] - ptr[rows[i]]);
        int[] ni = new int[np[rows.length]];
        for (int i = 0; i < rows.length; i++) System.arraycopy(idx, ptr[rows[i]], ni, np[i], np[i + 1] - np[i]);
        return new int[][] {np, ni};
    }

    private static float[] gather(int[] ptr, float[] vals, int[] rows, int total) {
        float[] out = new float[total];
        int at = 0;
        for (int r : rows) {
            int len = ptr[r + 1] - ptr[r];
            System.arraycopy(vals, ptr[r], out, at, len);
            at += len;
        }
        return out;
    }
}
