package dev.fewhot.data.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fewhot.data.LabelSets;
import org.junit.jupiter.api.Test;

class LabelStatsTest {
    // rows: {0,1}, {0}, {0,2}, {}, {0,1}   with 4 labels (label 3 never positive)
    private static LabelSets fixture() {
        return new LabelSets(5, 4, new int[] {0, 2, 3, 5, 5, 7}, new int[] {0, 1, 0, 0, 2, 0, 1}, null);
    }

    @Test
    void handComputedFixture() {
        LabelStats s = LabelStats.of(fixture());
        assertEquals(5, s.instances());
        assertEquals(4, s.labels());
        assertEquals(7, s.totalPositives());
        assertEquals(7.0 / 5, s.cardinality(), 1e-15);
        assertEquals(7.0 / 20, s.density(), 1e-15);
        assertEquals(4, s.distinctLabelSets()); // {0,1} {0} {0,2} {}
        assertEquals(1, s.emptyRows());
        assertEquals(0, s.minPositivesPerRow());
        assertEquals(2, s.maxPositivesPerRow());
        assertArrayEquals(new int[] {4, 2, 1, 0}, s.labelCounts());
        assertEquals(1, s.labelsWithoutPositives());
        assertEquals(4, s.labelsUnder5());
        // IRLbl = 4/4, 4/2, 4/1; label 3 undefined -> 0
        assertArrayEquals(new double[] {1, 2, 4, 0}, s.irLbl(), 1e-15);
        assertEquals(7.0 / 3, s.meanIR(), 1e-15);
        assertEquals(4.0, s.maxIR(), 1e-15);
        double sd = Math.sqrt(((1 - 7.0 / 3) * (1 - 7.0 / 3) + (2 - 7.0 / 3) * (2 - 7.0 / 3) + (4 - 7.0 / 3) * (4 - 7.0 / 3)) / 2);
        assertEquals(sd / (7.0 / 3), s.cvIR(), 1e-12);
        // SCUMBLE rows: {0,1}: 1 - sqrt(2)/1.5 ; {0}: 0 ; {0,2}: 1 - 2/2.5 ; {0,1}: 1 - sqrt(2)/1.5; empty left out
        double a = 1 - Math.sqrt(2) / 1.5, b = 1 - 2 / 2.5;
        assertEquals((a + 0 + b + a) / 4, s.scumble(), 1e-12);
    }

    @Test
    void quantilesByNearestRank() {
        LabelStats s = LabelStats.of(fixture()); // sorted counts 0 1 2 4
        assertEquals(0, s.labelCountQuantile(0));
        assertEquals(1, s.labelCountQuantile(0.5));
        assertEquals(2, s.labelCountQuantile(0.75));
        assertEquals(4, s.labelCountQuantile(1));
        assertThrows(IllegalArgumentException.class, () -> s.labelCountQuantile(1.5));
    }

    @Test
    void emptyDataIsDefinedNotNaN() {
        LabelStats s = LabelStats.of(new LabelSets(0, 3, new int[] {0}, new int[0], null));
        assertEquals(0, s.cardinality());
        assertEquals(0, s.meanIR());
        assertEquals(0, s.scumble());
        assertEquals(0, s.minPositivesPerRow());
    }
}
