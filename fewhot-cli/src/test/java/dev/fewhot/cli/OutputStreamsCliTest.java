package dev.fewhot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Results on stdout, every message on stderr, captured separately: an error leaves stdout empty,
 * a bad option value is one line, {@code predict --skip-bad-lines} keeps one output line per
 * input row, a model file given as data is named as such.
 */
class OutputStreamsCliTest {
    @TempDir static Path dir;
    static Path train, model;

    @BeforeAll
    static void trainASmallModel() throws Exception {
        train = dir.resolve("train.libsvm");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            sb.append(i % 3).append(i % 4 == 0 ? "," + (3 + i % 2) : "").append(' ')
              .append(1 + i % 5).append(":1 ").append(6 + i % 3).append(":0.5\n");
        }
        Files.writeString(train, sb.toString());
        model = dir.resolve("m.fewhot");
        CliRunner.Result r = CliRunner.run("train", "--train", train.toString(), "--model", model.toString(), "--hidden", "8",
                "--epochs", "1", "--ensemble", "1", "--refit", "off", "--batch", "16", "--threads", "1", "--loss", "bce",
                "--valid-split", "0.2");
        assertEquals(0, r.code(), r.err());
    }

    private static void oneLineError(CliRunner.Result r, String contains) {
        assertEquals(Main.EXIT_BAD_INPUT, r.code(), r.err());
        assertEquals("", r.out(), "stdout stays empty on an error");
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(contains), r.err());
    }

    @Test
    void errorsLeaveStdoutEmpty() {
        oneLineError(CliRunner.run("eval", "--model", dir.resolve("nope").toString(), "--data", train.toString()),
                dir.resolve("nope") + ": no such model file");
        oneLineError(CliRunner.run("predict", "--model", model.toString(), "--data", dir.resolve("nope.libsvm").toString()),
                "no such file or folder");
        oneLineError(CliRunner.run("stats", dir.resolve("nope.libsvm").toString()), "no such file or folder");
    }

    @Test
    void aBadOptionValueIsOneLineWithAHint() {
        oneLineError(CliRunner.run("train", "--train", train.toString(), "--model", "x", "--epochs", "x"),
                "fewhot train: --epochs: expected an integer, found 'x' (see fewhot train --help)");
        oneLineError(CliRunner.run("train", "--train", train.toString(), "--model", "x", "--lr", "fast"),
                "fewhot train: --lr: expected a number, found 'fast' (see fewhot train --help)");
        oneLineError(CliRunner.run("train", "--train", train.toString(), "--model", "x", "--epoch", "3"),
                "did you mean --epochs?");
        oneLineError(CliRunner.run("predict", "--data", train.toString()),
                "fewhot predict: missing required option: '--model=M' (see fewhot predict --help)");
        oneLineError(CliRunner.run("nosuch"), "(see fewhot --help)");
    }

    @Test
    void predictSkipBadLinesWritesOneLinePerInputRow() throws Exception {
        Path data = dir.resolve("d.libsvm");
        // rows 1 and 3 and 4 (0-based) are malformed; the blank line is not a row
        Files.writeString(data, "0 1:1\n0 1:nan\n1 2:1\n\n1 2:1 2:3\n2 99999999999:1\n0,1 1:0.5 2:0.5\n");
        for (boolean toFile : new boolean[] {false, true}) {
            Path out = dir.resolve("preds.txt");
            CliRunner.Result r = toFile
                    ? CliRunner.run("predict", "--model", model.toString(), "--data", data.toString(), "--skip-bad-lines",
                            "--out", out.toString())
                    : CliRunner.run("predict", "--model", model.toString(), "--data", data.toString(), "--skip-bad-lines");
            assertEquals(0, r.code(), r.err());
            List<String> lines = toFile ? Files.readAllLines(out) : r.out().lines().toList();
            if (toFile) assertEquals("", r.out());
            assertEquals(6, lines.size(), String.join("\n", lines));
            assertEquals(List.of(PredictCommand.SKIPPED + " 2", PredictCommand.SKIPPED + " 5", PredictCommand.SKIPPED + " 6"),
                    List.of(lines.get(1), lines.get(3), lines.get(4)), String.join("\n", lines));
            for (int i : new int[] {0, 2, 5}) assertTrue(!lines.get(i).startsWith("#"), lines.get(i));
            assertTrue(r.err().contains("skipped 3 malformed lines of " + data), r.err());
            assertTrue(!r.out().contains("skipped 3"), "the skip notice is not among the predictions");
        }
        CliRunner.Result help = CliRunner.run("predict", "--help");
        assertTrue(help.out().contains("'" + PredictCommand.SKIPPED + " N'"), help.out());
        // trailing skipped rows get their lines too
        Files.writeString(data, "0 1:1\n0 1:nan\n0 1:nan");
        CliRunner.Result r = CliRunner.run("predict", "--model", model.toString(), "--data", data.toString(), "--skip-bad-lines");
        assertEquals(List.of(PredictCommand.SKIPPED + " 2", PredictCommand.SKIPPED + " 3"), r.out().lines().skip(1).toList());
    }

    @Test
    void aModelFileGivenAsDataIsNamed() {
        String expected = model + ": expected a data file (xc, libsvm, arff or csv text), found a fewhot model file; "
                + "a model file is given with --model";
        oneLineError(CliRunner.run("predict", "--model", model.toString(), "--data", model.toString()), expected);
        oneLineError(CliRunner.run("stats", model.toString()), expected);
        oneLineError(CliRunner.run("train", "--train", model.toString(), "--model", dir.resolve("m2").toString()), expected);
    }
}
