package dev.fewhot.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad in-memory input gets an IllegalArgumentException naming the row and the value, never an index error. */
class InMemoryValidationTest {
    private static String rejected(Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        return x.getMessage();
    }

    @Test
    void labelIdsOutOfRangeAreRejectedWithRowAndValue() {
        String m = rejected(() -> LabelSets.of(3, new int[] {0}, new int[] {1, 7}));
        assertTrue(m.contains("row 1") && m.contains("7") && m.contains("0..2"), m);
        m = rejected(() -> LabelSets.of(3, new int[] {-1}));
        assertTrue(m.contains("row 0") && m.contains("-1"), m);
    }

    @Test
    void unsortedAndRepeatedLabelIdsAreRejected() {
        String m = rejected(() -> LabelSets.of(5, new int[] {1, 2}, new int[] {}, new int[] {4, 3}));
        assertTrue(m.contains("row 2") && m.contains("3 after 4") && m.contains("increasing"), m);
        m = rejected(() -> LabelSets.of(5, new int[] {2, 2}));
        assertTrue(m.contains("row 0") && m.contains("repeated"), m);
    }

    @Test
    void csrLabelSetsAreCheckedToo() {
        String m = rejected(() -> LabelSets.of(2, 4, new int[] {0, 1, 2}, new int[] {0, 9}));
        assertTrue(m.contains("row 1") && m.contains("9"), m);
        m = rejected(() -> LabelSets.of(2, 4, new int[] {0, 2, 1}, new int[] {0, 1}));
        assertTrue(m.contains("row 1"), m);
        // a pointer past the ids followed by a decrease: the decrease is named, no index error
        m = rejected(() -> new LabelSets(2, 4, new int[] {0, 5, 1}, new int[] {0}, null));
        assertTrue(m.contains("row 1") && m.contains("before it starts"), m);
        m = rejected(() -> new CsrMatrix(2, 3, new int[] {0, 5, 1}, new int[] {0}, new float[] {1}));
        assertTrue(m.contains("row 1") && m.contains("before it starts"), m);
        m = rejected(() -> new LabelSets(1, 4, new int[] {0, 1}, new int[] {2}, new float[] {1.5f}));
        assertTrue(m.contains("row 0") && m.contains("1.5"), m);
    }

    @Test
    void validLabelSetsAreAccepted() {
        LabelSets y = LabelSets.of(4, new int[] {0, 3}, new int[] {}, new int[] {2});
        assertEquals(3, y.rows());
        assertEquals(3, y.totalPositives());
        assertEquals(1, y.labelCounts()[3]);
    }

    @Test
    void nonFiniteFeaturesAreRejectedWithRowAndValue() {
        String m = rejected(() -> new DenseMatrix(2, 2, new float[] {0, 1, Float.NaN, 2}));
        assertTrue(m.contains("row 1") && m.contains("column 0") && m.contains("NaN"), m);
        m = rejected(() -> DenseMatrix.of(2, new float[] {0, 1}, new float[] {3, Float.POSITIVE_INFINITY}));
        assertTrue(m.contains("row 1") && m.contains("Infinity"), m);
        m = rejected(() -> new CsrMatrix(2, 3, new int[] {0, 1, 2}, new int[] {0, 2}, new float[] {1, Float.NaN}));
        assertTrue(m.contains("row 1") && m.contains("NaN"), m);
    }

    @Test
    void wrongFeatureWidthsAndColumnsAreRejected() {
        String m = rejected(() -> DenseMatrix.of(3, new float[] {0, 1, 2}, new float[] {1, 2}));
        assertTrue(m.contains("row 1") && m.contains("2 values") && m.contains("expected 3"), m);
        m = rejected(() -> new CsrMatrix(1, 3, new int[] {0, 1}, new int[] {5}, new float[] {1}));
        assertTrue(m.contains("row 0") && m.contains("column 5"), m);
        m = rejected(() -> new CsrMatrix(1, 3, new int[] {0, 2}, new int[] {2, 1}, new float[] {1, 1}));
        assertTrue(m.contains("row 0") && m.contains("1 after 2"), m);
        m = rejected(() -> Dataset.of(new float[][] {{1, 2}, {3}}, 2, new int[][] {{0}, {1}}));
        assertTrue(m.contains("row 1"), m);
    }

    @Test
    void datasetFactoryChecksRowsAndLabels() {
        String m = rejected(() -> Dataset.of(new float[][] {{1, 2}}, 2, new int[][] {{0}, {1}}));
        assertTrue(m.contains("2 rows") && m.contains("1"), m);
        m = rejected(() -> Dataset.of(new float[][] {{1, 2}, {0, 0}}, 2, new int[][] {{0}, {2}}));
        assertTrue(m.contains("row 1") && m.contains("label id 2"), m);
        Dataset d = Dataset.of(new float[][] {{1, 2}, {0, 0}}, 2, new int[][] {{0, 1}, {}});
        assertEquals(2, d.rows());
        assertEquals(2, d.numFeatures());
        assertEquals(2, d.numLabels());
    }
}
