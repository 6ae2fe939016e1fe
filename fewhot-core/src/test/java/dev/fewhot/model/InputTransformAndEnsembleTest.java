package dev.fewhot.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fewhot.data.CsrMatrix;
import dev.fewhot.data.DenseMatrix;
import dev.fewhot.decide.DecisionRule;
import dev.fewhot.io.ModelFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputTransformAndEnsembleTest {
    @TempDir Path dir;

    /** 3 rows x 3 columns: column 0 in every row, column 1 in one row, column 2 in none. */
    private static CsrMatrix x() {
        return new CsrMatrix(3, 3, new int[] {0, 2, 3, 4}, new int[] {0, 1, 0, 0}, new float[] {1f, 2f, 3f, 4f});
    }

    @Test
    void idfByHand() {
        InputTransform t = InputTransform.tfIdf(x());
        // ln((1+N)/(1+df)) + 1 with N = 3: df = 3, 1, 0
        assertEquals(1.0, t.idf()[0], 1e-6);
        assertEquals(Math.log(4.0 / 2.0) + 1, t.idf()[1], 1e-6);
        assertEquals(Math.log(4.0) + 1, t.idf()[2], 1e-6);
        assertEquals(t, InputTransform.tfIdf(x().toDense()), "dense and sparse fits agree");
    }

    @Test
    void rowsAreWeightedThenUnitLength() {
        InputTransform t = InputTransform.tfIdf(x());
        Batch b = Batch.forFeatures(x(), t);
        b.fill(x(), null, 0, 3);
        double a = 1 * 1.0, c = 2 * (Math.log(2) + 1), norm = Math.hypot(a, c);
        assertArrayEquals(new float[] {(float) (a / norm), (float) (c / norm), 1f, 1f},
                java.util.Arrays.copyOf(b.values(), 4), 1e-6f);
        // the dense path gives the same rows
        Batch d = Batch.forFeatures(x().toDense(), t);
        d.fill(x().toDense(), new int[] {0, 2}, 0, 2);
        assertArrayEquals(new float[] {(float) (a / norm), (float) (c / norm), 0f, 1f, 0f, 0f},
                java.util.Arrays.copyOf(d.dense(), 6), 1e-6f);
        // an all-zero row stays zero
        float[] z = new float[3];
        t.applyDense(z, 0);
        assertArrayEquals(new float[3], z);
    }

    @Test
    void rejectsWrongWidth() {
        assertThrows(IllegalArgumentException.class, () -> new Batch(4, true, InputTransform.tfIdf(x())));
    }

    private static float[] random(int n, long seed) {
        float[] p = new float[n];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) p[i] = (float) r.nextGaussian();
        return p;
    }

    @Test
    void ensembleAveragesProbabilities() {
        ModelConfig cfg = ModelConfig.mlp(3, List.of(4), 2);
        int p = cfg.parameterCount();
        float[] a = random(p, 1), b = random(p, 2), both = new float[2 * p];
        System.arraycopy(a, 0, both, 0, p);
        System.arraycopy(b, 0, both, p, p);
        DenseMatrix in = new DenseMatrix(2, 3, new float[] {1, 0, 2, 0.5f, -1, 0});
        DecisionRule r = new DecisionRule.Threshold(0.5);
        float[] sa = new Model(cfg, a, 0, List.of(), r, Map.of()).predictor(1).scores(in);
        float[] sb = new Model(cfg, b, 0, List.of(), r, Map.of()).predictor(1).scores(in);
        float[] se = new Model(cfg, 2, null, both, 0, List.of(), r, Map.of(), null).predictor(1).scores(in);
        for (int i = 0; i < se.length; i++) assertEquals((sa[i] + sb[i]) / 2, se[i], 1e-5);
    }

    @Test
    void ensembleWithTransformRoundTripsAndOldFilesStillLoad() throws Exception {
        ModelConfig cfg = ModelConfig.mlp(3, List.of(4), 2);
        int p = cfg.parameterCount();
        InputTransform t = InputTransform.tfIdf(x());
        Model m = new Model(cfg, 3, t, random(3 * p, 5), 7, List.of("u", "v"), new DecisionRule.Threshold(0.5),
                Map.of("loss", "bce"), null);
        Path f = dir.resolve("e.fewhot");
        ModelFile.save(m, f);
        assertEquals(2, ByteBuffer.wrap(Files.readAllBytes(f), 8, 4).getInt(), "new features write format 2");
        Model back = ModelFile.load(f);
        assertEquals(3, back.members());
        assertEquals(t, back.transform());
        assertArrayEquals(m.parameters(), back.parameters());
        assertArrayEquals(m.predictor(1).scores(x()), back.predictor(1).scores(x()));

        Model single = new Model(cfg, random(p, 9), 7, List.of(), new DecisionRule.Threshold(0.5), Map.of());
        Path g = dir.resolve("s.fewhot");
        ModelFile.save(single, g);
        assertEquals(1, ByteBuffer.wrap(Files.readAllBytes(g), 8, 4).getInt(), "a plain model keeps format 1");
        Model s = ModelFile.load(g);
        assertEquals(1, s.members());
        assertNull(s.transform());
    }

    @Test
    void standardizeGivesZScoresAndRoundTrips() throws Exception {
        DenseMatrix d = new DenseMatrix(2, 2, new float[] {1, 5, 3, 5});
        InputTransform t = InputTransform.standardize(d);
        CsrMatrix sparse = new CsrMatrix(1, 2, new int[] {0, 1}, new int[] {0}, new float[] {1f});
        Batch b = Batch.forFeatures(sparse, t);
        assertEquals(false, b.isSparse(), "centred transforms use dense batches");
        b.fill(sparse, null, 0, 1);
        assertArrayEquals(new float[] {-1, -5}, java.util.Arrays.copyOf(b.dense(), 2), 1e-6f);
        float[] row = {1, 5};
        t.applyDense(row, 0);
        assertArrayEquals(new float[] {-1, 0}, row, 1e-6f); // mean 2, std 1; constant column -> 0
        ModelConfig cfg = ModelConfig.mlp(2, List.of(3), 2);
        Model m = new Model(cfg, 1, t, random(cfg.parameterCount(), 3), 0, List.of(), new DecisionRule.Threshold(0.5), Map.of(), null);
        Path f = dir.resolve("z.fewhot");
        ModelFile.save(m, f);
        assertEquals(t, ModelFile.load(f).transform());
    }
}
