package dev.fewhot.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fewhot.decide.DecisionRule;
import dev.fewhot.kernels.Activation;
import dev.fewhot.model.Model;
import dev.fewhot.model.ModelConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    @TempDir Path dir;

    static Model sample() {
        ModelConfig cfg = new ModelConfig(6, List.of(5), 3, Activation.GELU, 0.1);
        float[] p = new float[cfg.parameterCount()];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < p.length; i++) p[i] = (float) r.nextGaussian();
        return new Model(cfg, p, 42, List.of("a", "b", "c"), new DecisionRule.TopK(2), Map.of("loss", "asl"),
                new dev.fewhot.model.TrainingPrior(10, new int[] {1, 0, 7}));
    }

    @Test
    void roundTripKeepsEverything() throws Exception {
        Model m = sample();
        Path f = dir.resolve("m.fewhot");
        ModelFile.save(m, f);
        Model back = ModelFile.load(f);
        assertEquals(m.config(), back.config());
        assertArrayEquals(m.parameters(), back.parameters());
        assertEquals(42, back.seed());
        assertEquals(List.of("a", "b", "c"), back.labelNames());
        assertEquals(new DecisionRule.TopK(2), back.rule());
        assertEquals("asl", back.provenance().get("loss"));
        assertEquals(m.prior(), back.prior());
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary file left behind");
        }
    }

    static dev.fewhot.data.AttributeEncoding encoding() {
        // 6 input columns: x, colour one-hot over 3 values, motif {YES,NO}, a date; an identifier left out
        return new dev.fewhot.data.AttributeEncoding(List.of(
                dev.fewhot.data.AttributeEncoding.Attribute.numeric("x"),
                new dev.fewhot.data.AttributeEncoding.Attribute("colour", dev.fewhot.data.AttributeEncoding.Kind.ONE_HOT,
                        List.of("red", "green", "blue"), 0, ""),
                new dev.fewhot.data.AttributeEncoding.Attribute("id", dev.fewhot.data.AttributeEncoding.Kind.DROPPED,
                        List.of(), 0, "an identifier"),
                new dev.fewhot.data.AttributeEncoding.Attribute("motif", dev.fewhot.data.AttributeEncoding.Kind.BINARY,
                        List.of("YES", "NO"), 0, ""),
                new dev.fewhot.data.AttributeEncoding.Attribute("day", dev.fewhot.data.AttributeEncoding.Kind.DATE,
                        List.of("yyyy-MM-dd"), 0, "")));
    }

    @Test
    void attributeEncodingRoundTripsInVersion3() throws Exception {
        Path f = dir.resolve("e.fewhot");
        Model m = sample().withEncoding(encoding());
        assertEquals(3, m.formatVersion());
        ModelFile.save(m, f);
        assertEquals(3, Files.readAllBytes(f)[11], "version 3 only when the encoding section is there");
        Model back = ModelFile.load(f);
        assertEquals(encoding(), back.encoding());
        assertEquals(encoding(), back.withRule(new DecisionRule.TopK(1)).encoding(), "copies keep the encoding");
        // without one (or with a plain one) nothing changes: version 1 and no ENCD section
        Path plain = dir.resolve("p.fewhot");
        ModelFile.save(sample().withEncoding(new dev.fewhot.data.AttributeEncoding(List.of(
                dev.fewhot.data.AttributeEncoding.Attribute.numeric("a"), dev.fewhot.data.AttributeEncoding.Attribute.numeric("b"),
                dev.fewhot.data.AttributeEncoding.Attribute.numeric("c"), dev.fewhot.data.AttributeEncoding.Attribute.numeric("d"),
                dev.fewhot.data.AttributeEncoding.Attribute.numeric("e"), new dev.fewhot.data.AttributeEncoding.Attribute("f",
                        dev.fewhot.data.AttributeEncoding.Kind.BINARY, List.of("0", "1"), 1, "")))), plain);
        assertEquals(1, Files.readAllBytes(plain)[11]);
        assertEquals(null, ModelFile.load(plain).encoding());
        assertThrows(IllegalArgumentException.class, () -> sample().withEncoding(new dev.fewhot.data.AttributeEncoding(List.of(
                new dev.fewhot.data.AttributeEncoding.Attribute("c", dev.fewhot.data.AttributeEncoding.Kind.ONE_HOT,
                        List.of("a", "b"), 0, "")))), "2 columns for 6 inputs");
    }

    @Test
    void tunedDecisionRulesRoundTrip() throws Exception {
        Path f = dir.resolve("r.fewhot");
        DecisionRule rule = new DecisionRule.AtLeastOne(new DecisionRule.PerLabel(new float[] {0.25f, 0.5f, 0.125f}));
        ModelFile.save(sample().withRule(rule), f);
        assertEquals(rule, ModelFile.load(f).rule());
    }

    @Test
    void everyTruncationIsDetected() throws Exception {
        Path f = dir.resolve("m.fewhot");
        ModelFile.save(sample(), f);
        byte[] all = Files.readAllBytes(f);
        System.out.println(f.getFileName() + ": " + all.length + " truncation points");
        for (int len = 0; len < all.length; len++) {
            byte[] cut = java.util.Arrays.copyOf(all, len);
            ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(cut, "t"), "length " + len);
            assertTrue(e.getMessage().startsWith("t: "), e.getMessage());
        }
    }

    @Test
    void everySingleBitFlipIsDetected() throws Exception {
        assertEveryBitFlipFails(sample());
    }

    /** Saves m, then flips each bit of the file in turn: every copy fails to load with one line. */
    private void assertEveryBitFlipFails(Model m) throws Exception {
        Path f = dir.resolve("m.fewhot");
        ModelFile.save(m, f);
        byte[] all = Files.readAllBytes(f);
        for (int i = 0; i < all.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] c = all.clone();
                c[i] ^= (byte) (1 << bit);
                final int at = i, b = bit;
                ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(c, "t"),
                        () -> "flip of bit " + b + " at byte " + at);
                assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            }
        }
    }

    @Test
    void newerVersionAndForeignFilesAreRefusedWithOneLine() throws Exception {
        Path f = dir.resolve("m.fewhot");
        ModelFile.save(sample(), f);
        byte[] all = Files.readAllBytes(f);
        all[11] = 9; // version 9
        Files.write(f, all);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(f));
        assertTrue(e.getMessage().contains("version 9"), e.getMessage());
        Path g = dir.resolve("data.txt");
        Files.writeString(g, "3 4 5\n1,2 0:1\n");
        e = assertThrows(ModelFileException.class, () -> ModelFile.load(g));
        assertTrue(e.getMessage().contains("not a fewhot model file"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    static dev.fewhot.forest.Forest forest() {
        // 6 input columns and 3 labels, as sample()
        SplittableRandom r = new SplittableRandom(4);
        int n = 30;
        float[] x = new float[n * 6];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble();
        int[][] y = new int[n][];
        for (int i = 0; i < n; i++) y[i] = x[i * 6] > 0.5f ? new int[] {0, 2} : new int[] {1};
        return dev.fewhot.forest.ForestTrainer.fit(new dev.fewhot.data.DenseMatrix(n, 6, x), dev.fewhot.data.LabelSets.of(3, y),
                new dev.fewhot.forest.ForestSettings(4, 1, 0), 1, 1).forest();
    }

    @Test
    void forestRoundTripsInVersion4AndIsBlendedByItsShare() throws Exception {
        Model plain = sample();
        Model m = plain.withEncoding(encoding()).withForest(forest(), 0.25);
        assertEquals(4, m.formatVersion());
        Path f = dir.resolve("f.fewhot");
        ModelFile.save(m, f);
        assertEquals(4, Files.readAllBytes(f)[11]);
        Model back = ModelFile.load(f);
        assertEquals(0.25, back.networkShare(), 0);
        assertArrayEquals(m.forest().toBytes(), back.forest().toBytes());
        assertEquals(encoding(), back.encoding());
        assertEquals(0.25, back.withRule(new DecisionRule.TopK(1)).networkShare(), 0, "copies keep the forest");
        // the scores: a quarter of the network's probability and three quarters of the forest's
        dev.fewhot.data.DenseMatrix x = dev.fewhot.data.DenseMatrix.of(6, new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f},
                new float[] {0.9f, -1f, 2f, 0f, 0.5f, 0.6f});
        float[] net = plain.predictor(1).scores(x), trees = m.forest().scores(x), blended = back.predictor(1).scores(x);
        float[] logits = new float[6];
        back.predictor(1).logits(x, 0, 2, logits);
        for (int i = 0; i < net.length; i++) {
            assertEquals(0.25 * net[i] + 0.75 * trees[i], blended[i], 1e-6, "score " + i);
            assertEquals(blended[i], dev.fewhot.model.Predictor.sigmoid(logits[i]), 1e-6, "logit " + i);
        }
        // version 4 says a forest is there; a file that says 4 without one is refused
        Path g = dir.resolve("g.fewhot");
        ModelFile.save(plain, g);
        byte[] all = Files.readAllBytes(g);
        all[11] = 4;
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(all, "t"));
        assertTrue(e.getMessage().contains("without a FRST section"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> plain.withForest(forest(), 1.0), "share 1 is the networks alone");
    }

    @Test
    void everySingleBitFlipOfAForestModelIsDetected() throws Exception {
        assertEveryBitFlipFails(sample().withForest(forest(), 0.5));
    }

    /** A second level over inputs x 3 labels with distinct weights. */
    static dev.fewhot.decide.Stacking stacking(int inputs) {
        float[] w = new float[3 * inputs];
        for (int i = 0; i < w.length; i++) w[i] = 0.25f * (i % 5) - 0.5f;
        return new dev.fewhot.decide.Stacking(w, new float[] {0.1f, -0.2f, 0.3f}, inputs);
    }

    @Test
    void stackingRoundTripsInVersion5AndReadsTheNetworksAndTheForest() throws Exception {
        Model plain = sample();
        dev.fewhot.data.DenseMatrix x = dev.fewhot.data.DenseMatrix.of(6, new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f},
                new float[] {0.9f, -1f, 2f, 0f, 0.5f, 0.6f});
        float[] net = plain.predictor(1).scores(x);
        // without a forest: the second level over the networks' three probabilities, all of the final probability
        Model m = plain.withStacking(stacking(3), 1.0);
        assertEquals(5, m.formatVersion());
        Path f = dir.resolve("s.fewhot");
        ModelFile.save(m, f);
        assertEquals(5, Files.readAllBytes(f)[11]);
        Model back = ModelFile.load(f);
        assertArrayEquals(stacking(3).weights(), back.stacking().weights(), 0f);
        assertArrayEquals(stacking(3).bias(), back.stacking().bias(), 0f);
        assertArrayEquals(stacking(3).apply(net), back.predictor(1).scores(x), 1e-6f);
        // with a forest: its three probabilities beside the networks'; half the final probability,
        // the other half the blend (a quarter networks, three quarters forest)
        Model both = plain.withForest(forest(), 0.25).withStacking(stacking(6), 0.5);
        ModelFile.save(both, f);
        back = ModelFile.load(f);
        assertEquals(0.5, back.stackedShare(), 0);
        float[] trees = both.forest().scores(x), inputs = new float[12];
        for (int r = 0; r < 2; r++) {
            System.arraycopy(net, r * 3, inputs, r * 6, 3);
            System.arraycopy(trees, r * 3, inputs, r * 6 + 3, 3);
        }
        float[] second = stacking(6).apply(inputs), scores = back.predictor(1).scores(x), logits = new float[6];
        for (int i = 0; i < 6; i++) {
            assertEquals(0.5 * second[i] + 0.5 * (0.25 * net[i] + 0.75 * trees[i]), scores[i], 1e-6, "score " + i);
        }
        back.predictor(1).logits(x, 0, 2, logits);
        for (int i = 0; i < 6; i++) assertEquals(scores[i], dev.fewhot.model.Predictor.sigmoid(logits[i]), 1e-6, "logit " + i);
        assertEquals(6, back.withRule(new DecisionRule.TopK(1)).stacking().inputs(), "copies keep the second level");
        // the inputs must match the model: 3 without a forest, 6 with one
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plain.withStacking(stacking(6), 1.0));
        assertTrue(e.getMessage().contains("6 inputs"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> plain.withStacking(stacking(3), 0.0));
        assertTrue(e.getMessage().contains("stackedShare must be in (0, 1]"), e.getMessage());
        // version 5 says a second level is there; a file that says 5 without one is refused
        Path g = dir.resolve("g5.fewhot");
        ModelFile.save(plain, g);
        byte[] all = Files.readAllBytes(g);
        all[11] = 5;
        ModelFileException fe = assertThrows(ModelFileException.class, () -> ModelFile.load(all, "t"));
        assertTrue(fe.getMessage().contains("without a second level"), fe.getMessage());
    }

    @Test
    void everySingleBitFlipOfAStackedModelIsDetected() throws Exception {
        assertEveryBitFlipFails(sample().withStacking(stacking(3), 0.5));
    }
}
