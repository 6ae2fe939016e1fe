package dev.fewhot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --skip-bad-lines: the bad lines are skipped and reported on stderr; without it the first one fails with exit 2. */
class SkipBadLinesCliTest {
    @TempDir Path dir;

    @Test
    void skipsAndReports() throws Exception {
        Path f = dir.resolve("d.libsvm");
        Files.writeString(f, "0 1:1\n0 1:nan\n1 2:1 2:3\n1 2:1\n0,1 1:0.5 2:0.5\n");
        CliRunner.Result strict = CliRunner.run("stats", f.toString(), "--json");
        assertEquals(Main.EXIT_BAD_INPUT, strict.code());
        assertTrue(strict.err().contains(f + ":2:5: expected a finite feature value"), strict.err());
        CliRunner.Result r = CliRunner.run("stats", f.toString(), "--json", "--skip-bad-lines");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"instances\":3"), r.out());
        assertTrue(r.err().contains("skipped 2 malformed lines of " + f + ":"), r.err());
        assertTrue(r.err().contains(f + ":3:7: expected each feature index at most once"), r.err());
        Path arff = dir.resolve("d.arff");
        Files.writeString(arff, "@relation 'r: -C 1'\n@attribute y {0,1}\n@attribute a numeric\n@data\n1,2\n");
        CliRunner.Result a = CliRunner.run("stats", arff.toString(), "--skip-bad-lines");
        assertEquals(Main.EXIT_BAD_INPUT, a.code());
        assertTrue(a.err().contains("--skip-bad-lines applies to the line-oriented formats"), a.err());
    }

    @Test
    void divergedTrainingExitsWith3AndNamesTheCheckpoint() throws Exception {
        Path f = dir.resolve("d.libsvm");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 64; i++) sb.append(i % 3).append(' ').append(1 + i % 5).append(":").append(1e30).append('\n');
        Files.writeString(f, sb.toString());
        Path ck = dir.resolve("ck");
        CliRunner.Result r = CliRunner.run("train", "--train", f.toString(), "--model", dir.resolve("m").toString(), "--hidden",
                "8", "--optimizer", "sgd", "--lr", "1e6", "--epochs", "20", "--batch", "8", "--threads", "1",
                "--checkpoint-dir", ck.toString(), "--checkpoint-every", "1", "--output-bias", "uniform", "--loss", "bce");
        assertEquals(Main.EXIT_DIVERGED, r.code(), r.err() + r.out());
        assertTrue(r.err().contains("training diverged: ") && r.err().contains("at epoch "), r.err());
        assertTrue(!r.err().contains("batch 1 ") && r.err().contains("the last good checkpoint is " + ck.resolve("checkpoint.fewhot")),
                r.err());
        float[] params = dev.fewhot.train.CheckpointFile.load(ck.resolve("checkpoint.fewhot")).params();
        assertTrue(params.length > 0, "the checkpoint holds the network's parameters");
        for (float v : params) assertTrue(Float.isFinite(v));
    }
}
