package dev.fewhot.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fewhot.train.CheckpointFile;
import dev.fewhot.train.DataFingerprint;
import dev.fewhot.train.TrainingState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint file: exact round trip; every truncation and every single-bit flip is detected. */
class CheckpointFileTest {
    @TempDir Path dir;

    static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) r.nextGaussian();
        return a;
    }

    static TrainingState sample(boolean withBest) {
        int n = 40;
        return new TrainingState(dev.fewhot.model.ModelConfig.mlp(4, List.of(3), 6),
                dev.fewhot.train.TrainerConfig.defaults().withEpochs(3).withThreads(2).withSampler(new dev.fewhot.train.sampling.LabelAwareSampler(0.5)), Map.of("loss", "bce", "train_file", "t.txt"),
                "java", new DataFingerprint(100, 4, 6, 0x8000_0000_0000_0001L), withBest ? new DataFingerprint(20, 4, 6, -5) : null,
                1, 3, 17, false, 0.1 + 0.2, 1234, 1, List.of(Math.PI), withBest ? List.of(Double.MIN_VALUE) : List.of(),
                withBest ? 0.25 : Double.NaN, withBest ? 0.125 : Double.NaN, withBest ? 1 : 0, 0, random(n, 1), withBest ? random(n, 2) : null, "ADAM", 17,
                List.of(random(n, 3), random(n, 4)));
    }

    @Test
    void roundTripIsExact() throws Exception {
        for (boolean best : new boolean[] {false, true}) {
            TrainingState s = sample(best);
            Path f = dir.resolve("c" + best + ".fewhot");
            CheckpointFile.save(s, f);
            TrainingState b = CheckpointFile.load(f);
            assertEquals(s.modelConfig(), b.modelConfig());
            assertEquals(s.trainerConfig(), b.trainerConfig());
            assertEquals(s.provenance(), b.provenance());
            assertEquals(s.trainData(), b.trainData());
            assertEquals(s.validData(), b.validData());
            assertEquals(List.of(s.epoch(), s.batch(), s.epochsRun(), s.bestEpoch(), s.sinceBest()),
                    List.of(b.epoch(), b.batch(), b.epochsRun(), b.bestEpoch(), b.sinceBest()));
            assertEquals(List.of(s.step(), s.samples(), s.optimizerSteps()), List.of(b.step(), b.samples(), b.optimizerSteps()));
            assertEquals(Double.doubleToRawLongBits(s.epochLossSum()), Double.doubleToRawLongBits(b.epochLossSum()));
            assertEquals(Double.doubleToRawLongBits(s.bestValue()), Double.doubleToRawLongBits(b.bestValue()));
            assertEquals(Double.doubleToRawLongBits(s.bestLoss()), Double.doubleToRawLongBits(b.bestLoss()));
            assertEquals(s.epochLosses(), b.epochLosses());
            assertEquals(s.validation(), b.validation());
            assertArrayEquals(s.params(), b.params());
            assertArrayEquals(s.best(), b.best());
            assertEquals(s.optimizerState().size(), b.optimizerState().size());
            for (int i = 0; i < s.optimizerState().size(); i++) assertArrayEquals(s.optimizerState().get(i), b.optimizerState().get(i));
        }
    }

    @Test
    void everyTruncationIsDetected() throws Exception {
        Path f = dir.resolve("c.fewhot");
        CheckpointFile.save(sample(true), f);
        byte[] all = Files.readAllBytes(f);
        System.out.println(f.getFileName() + ": " + all.length + " truncation points");
        for (int len = 0; len < all.length; len++) {
            byte[] cut = Arrays.copyOf(all, len);
            ModelFileException e = assertThrows(ModelFileException.class, () -> CheckpointFile.load(cut, "t"), "length " + len);
            assertTrue(e.getMessage().startsWith("t: "), e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
        }
    }

    @Test
    void everySingleBitFlipIsDetected() throws Exception {
        for (boolean best : new boolean[] {false, true}) {
            Path f = dir.resolve("c.fewhot");
            CheckpointFile.save(sample(best), f);
            byte[] all = Files.readAllBytes(f);
            System.out.println("checkpoint (best " + best + "): " + all.length + " bytes, " + all.length * 8 + " single-bit flips");
            for (int i = 0; i < all.length; i++) {
                for (int bit = 0; bit < 8; bit++) {
                    byte[] c = all.clone();
                    c[i] ^= (byte) (1 << bit);
                    final int at = i, b = bit;
                    assertThrows(ModelFileException.class, () -> CheckpointFile.load(c, "t"), () -> "flip of bit " + b + " at byte " + at);
                }
            }
        }
    }

    @Test
    void aModelIsNotACheckpointAndViceVersa() throws Exception {
        Path c = dir.resolve("c.fewhot");
        CheckpointFile.save(sample(false), c);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(c));
        assertTrue(e.getMessage().contains("found kind CKPT"), e.getMessage());
        Path m = dir.resolve("m.fewhot");
        ModelFile.save(ModelFileTest.sample(), m);
        e = assertThrows(ModelFileException.class, () -> CheckpointFile.load(m));
        assertTrue(e.getMessage().contains("found kind MODL"), e.getMessage());
    }

    @Test
    void staleTemporariesAreDeleted() throws Exception {
        Path f = CheckpointFile.in(dir);
        CheckpointFile.save(sample(false), f);
        Files.writeString(dir.resolve(".checkpoint.fewhot.123.tmp"), "torn");
        Files.writeString(dir.resolve("other.tmp"), "kept");
        assertEquals(1, CheckpointFile.deleteStaleTemporaries(dir));
        assertTrue(Files.exists(f) && Files.exists(dir.resolve("other.tmp")));
    }
}
