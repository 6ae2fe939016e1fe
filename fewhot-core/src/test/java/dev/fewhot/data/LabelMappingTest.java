package dev.fewhot.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabelMappingTest {
    // rows: {a, c}, {b}, {}   in the data's order (a, b, c)
    private static Dataset data(float[] values) {
        LabelSets y = new LabelSets(3, 3, new int[] {0, 2, 3, 3}, new int[] {0, 2, 1}, values);
        return new Dataset(new DenseMatrix(3, 1, new float[3]), y, List.of("a", "b", "c"), List.of());
    }

    @Test
    void labelsAreRenumberedToTheModelsOrderAndKeptSorted() {
        Dataset d = LabelMapping.toNames(data(new float[] {0.5f, 1f, 0.25f}), List.of("c", "a", "b"), "f");
        assertEquals(List.of("c", "a", "b"), d.labelNames());
        assertArrayEquals(new int[] {0, 1, 2}, java.util.Arrays.copyOf(d.labels().labels(), 3)); // {c=0, a=1}, {b=2}
        assertArrayEquals(new float[] {1f, 0.5f, 0.25f}, d.labels().values()); // values follow their labels
    }

    @Test
    void sameOrderOrNoNamesIsUnchanged() {
        Dataset d = data(null);
        assertSame(d, LabelMapping.toNames(d, List.of("a", "b", "c"), "f"));
        assertSame(d, LabelMapping.toNames(d, List.of(), "f"));
    }

    @Test
    void mismatchedNamesAreAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LabelMapping.toNames(data(null), List.of("a", "b", "d"), "test.arff"));
        assertTrue(e.getMessage().contains("unknown: [c]") && e.getMessage().contains("missing: [d]"), e.getMessage());
    }
}
