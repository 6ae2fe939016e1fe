package dev.fewhot.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.fewhot.data.CsrMatrix;
import dev.fewhot.data.Dataset;
import dev.fewhot.data.DenseMatrix;
import dev.fewhot.data.Features;
import dev.fewhot.data.LabelSets;
import java.util.Arrays;
import java.util.Random;

/** Exact comparison of datasets and random dataset generation for the io tests. */
final class DataAssert {
    private DataAssert() { }

    /**
     * Asserts identical data: shapes, label CSR arrays, soft values (bitwise), and features:
     * CSR arrays when both are CSR, otherwise the dense views (bitwise, -0.0 distinct from 0.0).
     * A soft dataset without any positive label may come back hard (nothing marks it soft).
     */
    static void assertSameData(Dataset expected, Dataset actual) {
        assertEquals(expected.rows(), actual.rows(), "rows");
        assertEquals(expected.numFeatures(), actual.numFeatures(), "numFeatures");
        assertEquals(expected.numLabels(), actual.numLabels(), "numLabels");
        LabelSets ey = expected.labels(), ay = actual.labels();
        int n = ey.totalPositives();
        assertArrayEquals(ey.indptr(), ay.indptr(), "label indptr");
        assertArrayEquals(Arrays.copyOf(ey.labels(), n), Arrays.copyOf(ay.labels(), ay.totalPositives()), "label ids");
        if (ey.isSoft() && n > 0) {
            assertArrayEquals(Arrays.copyOf(ey.values(), n), Arrays.copyOf(ay.values(), n), "soft values");
        } else if (!ey.isSoft()) {
            assertNull(ay.values(), "hard labels read back as soft");
        }
        Features ef = expected.features(), af = actual.features();
        if (ef instanceof CsrMatrix ec && af instanceof CsrMatrix ac) {
            int nnz = ec.indptr()[ec.rows()];
            assertArrayEquals(ec.indptr(), ac.indptr(), "feature indptr");
            assertArrayEquals(Arrays.copyOf(ec.indices(), nnz), Arrays.copyOf(ac.indices(), ac.indptr()[ac.rows()]),
                    "feature indices");
            assertArrayEquals(Arrays.copyOf(ec.values(), nnz), Arrays.copyOf(ac.values(), nnz), "feature values");
        } else {
            assertArrayEquals(dense(ef), dense(af), "dense features");
        }
    }

    static float[] dense(Features f) {
        return f instanceof DenseMatrix d ? d.data() : ((CsrMatrix) f).toDense().data();
    }

    /** A random finite float drawn from all bit patterns (subnormals, -0.0, huge values). */
    static float anyFinite(Random rnd) {
        while (true) {
            int pick = rnd.nextInt(8);
            float v = switch (pick) {
                case 0 -> 0f;
                case 1 -> -0f;
                case 2 -> rnd.nextInt(10);
                case 3 -> rnd.nextFloat();
                default -> Float.intBitsToFloat(rnd.nextInt());
            };
            if (Float.isFinite(v)) return v;
        }
    }

    /** A soft value in [0, 1]. */
    static float softValue(Random rnd) {
        return switch (rnd.nextInt(4)) {
            case 0 -> 0f;
            case 1 -> 1f;
            default -> rnd.nextFloat();
        };
    }

    /**
     * A random small dataset.
     *
     * @param dense dense features (zeros included) instead of CSR
     * @param soft  soft label values
     */
    static Dataset random(Random rnd, int rows, int numFeatures, int numLabels, boolean dense, boolean soft) {
        int[] lp = new int[rows + 1];
        int[] lab = new int[rows * numLabels];
        float[] lv = soft ? new float[rows * numLabels] : null;
        int[] fp = new int[rows + 1];
        int[] fi = new int[rows * numFeatures];
        float[] fv = new float[rows * numFeatures];
        double lDensity = rnd.nextDouble(), fDensity = rnd.nextDouble();
        for (int r = 0; r < rows; r++) {
            int k = lp[r];
            for (int j = 0; j < numLabels; j++) {
                if (rnd.nextDouble() < lDensity) {
                    lab[k] = j;
                    if (soft) lv[k] = softValue(rnd);
                    k++;
                }
            }
            lp[r + 1] = k;
            int q = fp[r];
            for (int j = 0; j < numFeatures; j++) {
                if (rnd.nextDouble() < fDensity) {
                    fi[q] = j;
                    fv[q] = anyFinite(rnd);
                    q++;
                }
            }
            fp[r + 1] = q;
        }
        LabelSets y = new LabelSets(rows, numLabels, lp, Arrays.copyOf(lab, lp[rows]),
                soft ? Arrays.copyOf(lv, lp[rows]) : null);
        CsrMatrix x = new CsrMatrix(rows, numFeatures, fp, Arrays.copyOf(fi, fp[rows]), Arrays.copyOf(fv, fp[rows]));
        Features f = dense ? x.toDense() : x;
        return new Dataset(f, y);
    }
}
