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
        return new Dataset(sub, select(d.labels(), rows), d.labelNames(), d.featureNames());
    }

    /** The label sets of rows {@code rows} (in that order), without the features. */
    public static LabelSets select(LabelSets y, int[] rows) {
        int[][] lp = selectCsr(y.indptr(), y.labels(), rows);
        float[] lv = y.values() == null ? null : gather(y.indptr(), y.values(), rows, lp[0][rows.length]);
        return new LabelSets(rows.length, y.numLabels(), lp[0], lp[1], lv);
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

    /**
     * Splits the rows 0..rows-1 into {@code k} folds with a seeded shuffle: fold i holds the rows
     * at shuffled positions i, i + k, i + 2k, ..., sorted; fold sizes differ by at most one.
     */
    public static int[][] folds(int rows, int k, long seed) {
        if (k < 2) throw new IllegalArgumentException("folds must be >= 2, got " + k);
        if (rows < k) throw new IllegalArgumentException("cannot split " + rows + " row(s) into " + k + " folds");
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) order[i] = i;
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int i = rows - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i]; order[i] = order[j]; order[j] = t;
        }
        int[][] folds = new int[k][];
        for (int f = 0; f < k; f++) {
            int[] fold = new int[(rows - f + k - 1) / k];
            for (int i = 0; i < fold.length; i++) fold[i] = order[f + i * k];
            Arrays.sort(fold);
            folds[f] = fold;
        }
        return folds;
    }

    /** The rows 0..rows-1 not in {@code fold} (sorted, as {@link #folds} gives them), in order. */
    public static int[] complement(int rows, int[] fold) {
        int[] out = new int[rows - fold.length];
        int at = 0, f = 0;
        for (int i = 0; i < rows; i++) {
            if (f < fold.length && fold[f] == i) f++;
            else out[at++] = i;
        }
        return out;
    }

    /**
     * The rows of a followed by those of b, with a's names. Both must have the same feature and
     * label counts; sparse features stay sparse unless one side is dense, and soft label values are
     * kept (a side without them counts its labels as 1).
     */
    public static Dataset concat(Dataset a, Dataset b) {
        if (a.numFeatures() != b.numFeatures() || a.numLabels() != b.numLabels()) {
            throw new IllegalArgumentException("cannot concatenate " + a.numFeatures() + " features / " + a.numLabels()
                    + " labels with " + b.numFeatures() + " / " + b.numLabels());
        }
        int n = Math.addExact(a.rows(), b.rows());
        Features f;
        if (a.features() instanceof CsrMatrix x && b.features() instanceof CsrMatrix y) {
            int[][] p = appendCsr(x.indptr(), x.indices(), a.rows(), y.indptr(), y.indices(), b.rows());
            f = new CsrMatrix(n, a.numFeatures(), p[0], p[1], appendValues(x.values(), x.indptr()[a.rows()], y.values(),
                    y.indptr()[b.rows()]));
        } else {
            float[] x = dense(a.features()), y = dense(b.features());
            float[] out = java.util.Arrays.copyOf(x, Math.addExact(x.length, y.length));
            System.arraycopy(y, 0, out, x.length, y.length);
            f = new DenseMatrix(n, a.numFeatures(), out);
        }
        LabelSets ya = a.labels(), yb = b.labels();
        int[][] lp = appendCsr(ya.indptr(), ya.labels(), a.rows(), yb.indptr(), yb.labels(), b.rows());
        float[] lv = ya.values() == null && yb.values() == null ? null
                : appendValues(softOrOnes(ya), ya.totalPositives(), softOrOnes(yb), yb.totalPositives());
        return new Dataset(f, new LabelSets(n, a.numLabels(), lp[0], lp[1], lv), a.labelNames(), a.featureNames());
    }

    private static float[] softOrOnes(LabelSets y) {
        if (y.values() != null) return y.values();
        float[] ones = new float[y.totalPositives()];
        java.util.Arrays.fill(ones, 1f);
        return ones;
    }

    private static float[] dense(Features f) {
        return f instanceof DenseMatrix d ? d.data() : ((CsrMatrix) f).toDense().data();
    }

    private static int[][] appendCsr(int[] pa, int[] ia, int ra, int[] pb, int[] ib, int rb) {
        int na = pa[ra], nb = pb[rb];
        int[] ptr = new int[ra + rb + 1];
        System.arraycopy(pa, 0, ptr, 0, ra + 1);
        for (int i = 1; i <= rb; i++) ptr[ra + i] = Math.addExact(na, pb[i] - pb[0]);
        int[] idx = java.util.Arrays.copyOf(ia, Math.addExact(na, nb - pb[0]));
        System.arraycopy(ib, pb[0], idx, na, nb - pb[0]);
        return new int[][] {ptr, idx};
    }

    private static float[] appendValues(float[] va, int na, float[] vb, int nb) {
        float[] out = java.util.Arrays.copyOf(va, Math.addExact(na, nb));
        System.arraycopy(vb, 0, out, na, nb);
        return out;
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
