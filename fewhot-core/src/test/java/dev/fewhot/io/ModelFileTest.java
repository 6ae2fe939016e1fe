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
        Path f = dir.resolve("m.fewhot");
        ModelFile.save(sample(), f);
        byte[] all = Files.readAllBytes(f);
        System.out.println("model: " + all.length + " bytes, " + all.length * 8 + " single-bit flips");
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
}
