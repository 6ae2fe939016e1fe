package dev.fewhot.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Subsets#concat}: the rows of both sides, in order, in either storage. */
class SubsetsConcatTest {
    /** 3 x 4 sparse rows {0:1, 2:2}, {}, {3:3}; labels {1}, {0, 2}, {}. */
    static Dataset a(float[] soft) {
        CsrMatrix x = new CsrMatrix(3, 4, new int[] {0, 2, 2, 3}, new int[] {0, 2, 3}, new float[] {1, 2, 3});
        return new Dataset(x, new LabelSets(3, 3, new int[] {0, 1, 3, 3}, new int[] {1, 0, 2}, soft), List.of("p", "q", "r"), List.of());
    }

    /** 2 x 4 rows {1:4}, {0:5, 3:6}; labels {2}, {1}. */
    static Dataset b() {
        CsrMatrix x = new CsrMatrix(2, 4, new int[] {0, 1, 3}, new int[] {1, 0, 3}, new float[] {4, 5, 6});
        return new Dataset(x, new LabelSets(2, 3, new int[] {0, 1, 2}, new int[] {2, 1}, null));
    }

    static float[] dense(Features f) {
        return f instanceof DenseMatrix d ? d.data() : ((CsrMatrix) f).toDense().data();
    }

    static final float[] ROWS = {1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 4, 0, 0, 5, 0, 0, 6};

    @Test
    void sparseSidesStaySparse() {
        Dataset c = Subsets.concat(a(null), b());
        assertEquals(5, c.rows());
        assertTrue(c.features() instanceof CsrMatrix);
        assertArrayEquals(ROWS, dense(c.features()));
        assertArrayEquals(new int[] {0, 1, 3, 3, 4, 5}, c.labels().indptr());
        assertArrayEquals(new int[] {1, 0, 2, 2, 1}, java.util.Arrays.copyOf(c.labels().labels(), 5));
        assertNull(c.labels().values());
        assertEquals(List.of("p", "q", "r"), c.labelNames());
    }

    @Test
    void aDenseSideMakesTheResultDense() {
        Dataset d = b();
        Dataset denseB = new Dataset(((CsrMatrix) d.features()).toDense(), d.labels());
        Dataset c = Subsets.concat(a(null), denseB);
        assertTrue(c.features() instanceof DenseMatrix);
        assertArrayEquals(ROWS, dense(c.features()));
    }

    @Test
    void softLabelsAreKeptAndHardOnesCountAsOne() {
        Dataset c = Subsets.concat(a(new float[] {0.5f, 0.25f, 1f}), b());
        assertArrayEquals(new float[] {0.5f, 0.25f, 1f, 1f, 1f}, java.util.Arrays.copyOf(c.labels().values(), 5));
    }

    @Test
    void aSplitConcatenatedHoldsEveryRowOnce() {
        Dataset all = Subsets.concat(a(null), b());
        Dataset[] parts = Subsets.split(all, 0.4, 3);
        Dataset back = Subsets.concat(parts[0], parts[1]);
        assertEquals(all.rows(), back.rows());
        assertEquals(all.labels().totalPositives(), back.labels().totalPositives());
        assertEquals(all.features().storedValues(), back.features().storedValues());
        float sum = 0, sumBack = 0;
        for (float v : dense(all.features())) sum += v;
        for (float v : dense(back.features())) sumBack += v;
        assertEquals(sum, sumBack);
    }

    @Test
    void shapesMustAgree() {
        Dataset other = new Dataset(new DenseMatrix(1, 5, new float[5]), new LabelSets(1, 3, new int[] {0, 0}, new int[0], null));
        assertThrows(IllegalArgumentException.class, () -> Subsets.concat(a(null), other));
    }
}
