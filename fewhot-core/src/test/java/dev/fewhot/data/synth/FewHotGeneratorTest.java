package dev.fewhot.data.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fewhot.data.Dataset;
import dev.fewhot.data.DatasetBuilder;
import dev.fewhot.data.DenseMatrix;
import dev.fewhot.data.stats.LabelStats;
import java.util.List;
import org.junit.jupiter.api.Test;

class FewHotGeneratorTest {
    private static Dataset make(FewHotSettings s, FewHotGenerator.Split split) {
        DatasetBuilder b = new DatasetBuilder();
        new FewHotGenerator(s).generate(split, b);
        return b.build(s.features(), s.labels(), List.of(), List.of());
    }

    @Test
    void seedShapedDefaults() {
        FewHotSettings s = FewHotSettings.defaults().withRows(20_000, 0);
        Dataset d = make(s, FewHotGenerator.Split.TRAIN);
        assertTrue(d.features() instanceof DenseMatrix, "dense features expected");
        LabelStats st = LabelStats.of(d.labels());
        assertEquals(20_000, st.instances());
        assertEquals(512, st.labels());
        // 1 + Poisson(4), capped at 15: mean just under 5
        assertEquals(5.0, st.cardinality(), 0.06);
        assertEquals(1, st.minPositivesPerRow());
        assertTrue(st.maxPositivesPerRow() <= 15);
        // Zipf-Mandelbrot: label 0 has popularity 1/5 / H, about 20% of rows hold it
        int[] c = st.labelCounts();
        assertTrue(c[0] > c[100] && c[100] > c[511], "popularity must fall with the label id");
        assertTrue(c[0] > 0.15 * 20_000 && c[0] < 0.30 * 20_000, "head label prevalence " + c[0]);
    }

    @Test
    void deterministicForASeedAndDifferentAcrossSeeds() {
        FewHotSettings s = FewHotSettings.defaults().withRows(300, 100);
        Dataset a = make(s, FewHotGenerator.Split.TEST), b = make(s, FewHotGenerator.Split.TEST);
        assertArrayEquals(((DenseMatrix) a.features()).data(), ((DenseMatrix) b.features()).data());
        assertArrayEquals(a.labels().labels(), b.labels().labels());
        Dataset c = make(s.withSeed(7), FewHotGenerator.Split.TEST);
        assertNotEquals(java.util.Arrays.hashCode(a.labels().labels()), java.util.Arrays.hashCode(c.labels().labels()));
        Dataset train = make(s, FewHotGenerator.Split.TRAIN);
        assertNotEquals(java.util.Arrays.hashCode(((DenseMatrix) a.features()).data()),
                java.util.Arrays.hashCode(((DenseMatrix) train.features()).data()), "splits must differ");
    }

    @Test
    void featuresAreRoundedTanhValues() {
        FewHotSettings s = FewHotSettings.defaults().withRows(50, 0);
        float[] x = ((DenseMatrix) make(s, FewHotGenerator.Split.TRAIN).features()).data();
        for (float v : x) {
            assertTrue(v > -1.0001f && v < 1.0001f);
            assertEquals(Math.rint(v * 1e4), v * 1e4, 1e-2, "4 decimals");
        }
    }

    @Test
    void settingsAreValidated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FewHotSettings(0, 256, 1, 1, 4, 15, 1, 4, 0.08, 0.16, 0.6, 4, 1));
        assertEquals("labels must be > 0, got 0", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new FewHotSettings(5, 256, 1, 1, -1, 15, 1, 4, 0.08, 0.16, 0.6, 4, 1));
    }

    @Test
    void poissonMeanMatches() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        double sum = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) sum += FewHotGenerator.poisson(r, 4.0);
        assertEquals(4.0, sum / n, 0.02);
    }
}
