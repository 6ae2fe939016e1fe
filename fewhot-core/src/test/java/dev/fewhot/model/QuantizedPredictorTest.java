package dev.fewhot.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fewhot.FewHotModel;
import dev.fewhot.data.CsrMatrix;
import dev.fewhot.data.DenseMatrix;
import dev.fewhot.data.Features;
import dev.fewhot.decide.DecisionRule;
import dev.fewhot.kernels.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Quantization#INT8} predictors: the quantizer on a hand-computed linear model, int8
 * probabilities within a stated tolerance of the float ones (MLPs and linear models, dense and
 * sparse input, one network and ensembles), the same rows giving the same scores whatever the
 * batch, thread count or input storage, and the option's parsing.
 */
class QuantizedPredictorTest {

    /**
     * Largest difference allowed between an int8 and a float probability. Each weight moves by at
     * most half its column's scale (max |w| / 254), so a logit moves by at most
     * {@code sum_i |x_i| max|w| / 254}, in practice far less since the errors have both signs
     * (about {@code sqrt(k)} times one weight's error instead of k times). On these untrained
     * He-initialised networks (64 unit-variance inputs, 40 labels, 300 rows) the largest
     * difference seen was 0.014 (two GELU layers; linear models 0.008); the bound leaves a
     * margin of 2x. A trained model's effect on the measures is what {@code fewhot eval
     * --quantize int8} checks.
     */
    static final double TOLERANCE = 0.03;
    /** Largest mean absolute difference allowed over all rows and labels (seen: 0.002 at most). */
    static final double MEAN_TOLERANCE = 4e-3;

    // --- the quantizer, by hand -------------------------------------------------------------

    /**
     * A linear model 3 -> 3 whose weight columns have scales 1, 2 and 0 (the last all zero):
     * W = [[127, -254, 0], [-63.5, 3, 0], [2.5, 1, 0]] quantizes to
     * [[127, -127, 0], [-64, 2, 0], [2, 0, 0]] (halves to even).
     */
    static Model fixture() {
        ModelConfig cfg = ModelConfig.linear(3, 3);
        float[] p = {127f, -254f, 0f, -63.5f, 3f, 0f, 2.5f, 1f, 0f, 0.25f, -1f, 3f};
        return new Model(cfg, p, 0, List.of(), new DecisionRule.Threshold(0.5), Map.of());
    }

    @Test
    void quantizerOnAHandComputedModel() {
        Model m = fixture();
        Int8Weights w = Int8Weights.of(m.config(), m.parameters(), 0);
        assertArrayEquals(new float[] {1f, 2f, 0f}, w.scale(0));
        assertArrayEquals(new byte[] {127, -127, 0, -64, 2, 0, 2, 0, 0}, w.q(0));
        // x = (1, 2, 0.5): column 0 (127 - 128 + 1) * 1 + 0.25, column 1 (-127 + 4 + 0) * 2 - 1,
        // column 2 (all-zero weights, scale 0): the bias alone
        float[] logits = new float[3];
        m.predictor(1, Quantization.INT8).logits(DenseMatrix.of(3, new float[] {1f, 2f, 0.5f}), 0, 1, logits);
        assertArrayEquals(new float[] {0.25f, -247f, 3f}, logits);
        // the float model for comparison: 127 - 127 + 1.25 + 0.25, -254 + 6 + 0.5 - 1, 3
        m.predictor(1).logits(DenseMatrix.of(3, new float[] {1f, 2f, 0.5f}), 0, 1, logits);
        assertArrayEquals(new float[] {1.5f, -248.5f, 3f}, logits);
        // the zero column outputs its bias whatever the input, sparse input too
        CsrMatrix sparse = new CsrMatrix(2, 3, new int[] {0, 1, 3}, new int[] {2, 0, 1}, new float[] {-7f, 5f, 9f});
        float[] two = new float[6];
        m.predictor(1, Quantization.INT8).logits(sparse, 0, 2, two);
        assertEquals(3f, two[2]);
        assertEquals(3f, two[5]);
        // row 0: only column 2 stored: 2 * -7 + 0.25 and 0 * -7 * 2 - 1
        assertEquals(-13.75f, two[0]);
        assertEquals(-1f, two[1]);
    }

    // --- close to the float predictor ------------------------------------------------------

    static float[] heParams(ModelConfig cfg, int members, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int p = cfg.parameterCount();
        float[] params = new float[members * p];
        for (int k = 0; k < members; k++) {
            for (int i = 0; i < cfg.layers(); i++) {
                double sd = Math.sqrt(2.0 / cfg.in(i));
                int w = k * p + cfg.weightOffset(i), b = k * p + cfg.biasOffset(i);
                for (int j = w; j < b; j++) params[j] = (float) (r.nextGaussian() * sd);
                for (int j = b; j < b + cfg.out(i); j++) params[j] = (float) (r.nextGaussian() * 0.1);
            }
        }
        return params;
    }

    static Model model(ModelConfig cfg, int members, InputTransform transform, long seed) {
        return new Model(cfg, members, transform, heParams(cfg, members, seed), seed, List.of(),
                new DecisionRule.Threshold(0.5), Map.of(), null);
    }

    static DenseMatrix dense(int rows, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[rows * d];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        return new DenseMatrix(rows, d, x);
    }

    static CsrMatrix sparse(int rows, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] ptr = new int[rows + 1];
        List<Integer> idx = new ArrayList<>();
        List<Float> val = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < d; j++) {
                if (r.nextInt(8) == 0) {
                    idx.add(j);
                    val.add((float) (1 + r.nextInt(3)));
                }
            }
            ptr[i + 1] = idx.size();
        }
        int[] ix = new int[idx.size()];
        float[] vx = new float[idx.size()];
        for (int k = 0; k < ix.length; k++) { ix[k] = idx.get(k); vx[k] = val.get(k); }
        return new CsrMatrix(rows, d, ptr, ix, vx);
    }

    /** Asserts the int8 scores of m on x are within the tolerances of its float scores. */
    static void assertClose(Model m, Features x, String what) {
        float[] want = m.predictor(1).scores(x);
        float[] got = m.predictor(1, Quantization.INT8).scores(x);
        assertEquals(want.length, got.length);
        double max = 0, sum = 0;
        for (int i = 0; i < want.length; i++) {
            double d = Math.abs(want[i] - got[i]);
            max = Math.max(max, d);
            sum += d;
        }
        double mean = sum / want.length;
        assertTrue(max <= TOLERANCE, what + ": largest difference " + max + " > " + TOLERANCE);
        assertTrue(mean <= MEAN_TOLERANCE, what + ": mean difference " + mean + " > " + MEAN_TOLERANCE);
        assertTrue(max > 0, what + ": the int8 scores are not the float ones"); // the int8 path did run
    }

    static final ModelConfig MLP = new ModelConfig(64, List.of(128), 40, Activation.RELU, 0.0);
    static final ModelConfig DEEP_GELU = new ModelConfig(64, List.of(96, 48), 40, Activation.GELU, 0.0);
    static final ModelConfig LINEAR = ModelConfig.linear(64, 40);

    @Test
    void denseInputSingleNetworks() {
        Features x = dense(300, 64, 11);
        assertClose(model(MLP, 1, null, 1), x, "MLP, dense");
        assertClose(model(DEEP_GELU, 1, null, 2), x, "2 GELU layers, dense");
        assertClose(model(LINEAR, 1, null, 3), x, "linear, dense");
    }

    @Test
    void sparseInputSingleNetworks() {
        CsrMatrix x = sparse(300, 64, 12);
        assertClose(model(MLP, 1, null, 4), x, "MLP, sparse");
        assertClose(model(LINEAR, 1, null, 5), x, "linear, sparse");
        assertClose(model(MLP, 1, InputTransform.tfIdf(x), 6), x, "MLP, sparse, tf-idf");
    }

    @Test
    void ensembles() {
        Features d = dense(300, 64, 13);
        CsrMatrix s = sparse(300, 64, 14);
        assertClose(model(MLP, 3, null, 7), d, "MLP ensemble of 3, dense");
        assertClose(model(LINEAR, 3, null, 8), d, "linear ensemble of 3, dense");
        assertClose(model(MLP, 3, null, 9), s, "MLP ensemble of 3, sparse");
        assertClose(model(LINEAR, 2, InputTransform.tfIdf(s), 10), s, "linear ensemble of 2, sparse, tf-idf");
        assertClose(model(MLP, 2, InputTransform.standardize(d), 15), d, "MLP ensemble of 2, dense, standardized");
    }

    // --- the same row, the same scores ----------------------------------------------------

    @Test
    void aRowScoresTheSameAloneInABatchOnAnyThreadCountAndStorage() {
        // wide enough (1100 x 160 weights) for 2 threads to split a row's columns
        ModelConfig cfg = new ModelConfig(160, List.of(1100), 30, Activation.RELU, 0.0);
        Model m = model(cfg, 2, null, 16);
        CsrMatrix s = sparse(40, 160, 17);
        DenseMatrix d = s.toDense();
        float[] all = m.predictor(1, Quantization.INT8).scores(d);
        assertArrayEquals(all, m.predictor(2, Quantization.INT8).scores(d), "2 threads");
        assertArrayEquals(all, m.predictor(1, Quantization.INT8).scores(s), "sparse storage of the same rows");
        assertArrayEquals(all, m.sharedPredictor(2, Quantization.INT8).scores(s), "shared predictor");
        Predictor one = m.predictor(2, Quantization.INT8);
        float[] row = new float[30];
        for (int i = 0; i < 40; i++) {
            one.scores(d, i, 1, row);
            assertArrayEquals(java.util.Arrays.copyOfRange(all, i * 30, (i + 1) * 30), row, "row " + i + " alone");
        }
    }

    @Test
    void predictorsSayHowTheyStoreTheWeights() {
        Model m = fixture();
        assertEquals(Quantization.NONE, m.predictor(1).quantization());
        assertEquals(Quantization.NONE, m.predictor(1, Quantization.NONE).quantization());
        assertEquals(Quantization.INT8, m.predictor(1, Quantization.INT8).quantization());
        assertEquals(Quantization.INT8, m.sharedPredictor(1, Quantization.INT8).quantization());
        Features x = dense(5, 3, 1);
        assertArrayEquals(m.predictor(1).scores(x), m.predictor(1, Quantization.NONE).scores(x));
        assertThrows(NullPointerException.class, () -> m.predictor(1, null));
    }

    @Test
    void theLibraryEntryPointScoresWithTheQuantization() {
        Model m = model(MLP, 2, null, 18);
        Features x = dense(50, 64, 19);
        FewHotModel f = new FewHotModel(m, 1);
        assertEquals(Quantization.NONE, f.quantization());
        FewHotModel q = f.withQuantization(Quantization.INT8);
        assertEquals(Quantization.INT8, q.quantization());
        assertSame(m, q.model()); // the model (and the file it saves) stay float32
        assertArrayEquals(m.predictor(1, Quantization.INT8).scores(x), q.scores(x));
        assertArrayEquals(m.predictor(1).scores(x), f.scores(x));
        assertNotEquals(java.util.Arrays.toString(f.scores(x)), java.util.Arrays.toString(q.scores(x)));
        assertEquals(Quantization.INT8, q.withThreads(2).quantization());
        assertArrayEquals(q.scores(x), q.withThreads(2).scores(x));
        assertEquals(Quantization.NONE, q.withQuantization(Quantization.NONE).quantization());
    }

    // --- the option ---------------------------------------------------------------------------

    @Test
    void parsesTheOptionValue() {
        for (Quantization q : Quantization.values()) assertEquals(q, Quantization.fromId(q.id()));
        assertEquals(Quantization.INT8, Quantization.fromId(" INT8 "));
        assertEquals("none", Quantization.NONE.id());
        assertEquals("int8", Quantization.INT8.id());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Quantization.fromId("fp16"));
        assertEquals("--quantize must be none or int8, got 'fp16'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Quantization.fromId(""));
        assertEquals("--quantize must be none or int8, got ''", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Quantization.fromId(null));
        assertEquals("--quantize must be none or int8, got 'null'", e.getMessage());
    }
}
