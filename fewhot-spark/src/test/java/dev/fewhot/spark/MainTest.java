package dev.fewhot.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fewhot.data.Dataset;
import dev.fewhot.data.io.DataFormat;
import dev.fewhot.data.synth.FewHotGenerator;
import dev.fewhot.data.synth.FewHotSettings;
import dev.fewhot.io.ModelFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spark-submit main on files: train, eval, predict; FewHotData reads the library's formats. */
class MainTest {
    static final FewHotSettings SHAPE = FewHotSettings.defaults().withShape(10, 8).withRows(200, 50).withSeed(4);

    static String run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = FewHotSparkMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void trainEvalPredictOnFiles(@TempDir Path dir) throws Exception {
        SparkTests.local();
        Dataset train = SparkTests.generate(SHAPE, FewHotGenerator.Split.TRAIN), test = SparkTests.generate(SHAPE, FewHotGenerator.Split.TEST);
        Path trainFile = dir.resolve("train.libsvm"), testFile = dir.resolve("test.libsvm"), model = dir.resolve("m.fewhot");
        DataFormat.LIBSVM.write(trainFile, train);
        DataFormat.LIBSVM.write(testFile, test);
        assertEquals(200, FewHotData.read(SparkTests.local(), trainFile.toString(), 3).count());

        String out = run("train", "--train", trainFile.toString(), "--model", model.toString(), "--epochs", "2", "--hidden", "8",
                "--batch", "32", "--mode", "local-sgd", "--local-steps", "2", "--partitions", "2");
        assertTrue(out.startsWith("trained 200 rows, 2 epochs"), out);
        assertEquals(8, ModelFile.load(model).config().inputDim());

        String eval = run("eval", "--model", model.toString(), "--data", testFile.toString());
        assertTrue(eval.matches("\\{\"micro-f1\": [0-9.E-]+, \"macro-f1\": [0-9.E-]+, \"p@1\": [0-9.E-]+, \"p@5\": [0-9.E-]+, \"rows\": 50.0}\\s*"), eval);

        Path preds = dir.resolve("preds.txt");
        run("predict", "--model", model.toString(), "--data", testFile.toString(), "--out", preds.toString());
        List<String> lines = Files.readAllLines(preds);
        assertEquals(50, lines.size());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run("train", "--train", trainFile.toString(), "--model", model.toString(), "--epochz", "2"));
        assertEquals("unknown option --epochz", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> run("eval", "--model", model.toString()));
        assertEquals("--data is required", e.getMessage());
    }
}
