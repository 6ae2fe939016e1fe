package dev.fewhot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI end to end, in-process: exit codes, captured output, files written. */
class CliTest {
    @TempDir static Path dir;
    static Path train, test;

    @BeforeAll
    static void generate() {
        CliRunner.Result r = CliRunner.run("gen", "--out-dir", dir.toString(), "--train-rows", "600", "--test-rows", "200",
                "--labels", "40", "--features", "24");
        assertEquals(0, r.code(), r.err());
        train = dir.resolve("fewhot_train.txt");
        test = dir.resolve("fewhot_test.txt");
        assertTrue(Files.exists(train) && Files.exists(test));
    }

    @Test
    void statsPrintsTheLabelStatistics() {
        CliRunner.Result r = CliRunner.run("stats", train.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = json(r.out());
        assertEquals(600, o.get("instances").asInt());
        assertEquals(24, o.get("features").asInt());
        assertEquals(40, o.get("labels").asInt());
        assertEquals(5.0, o.get("cardinality").asDouble(), 0.4);
        assertTrue(o.get("mean_ir").asDouble() > 1);
        CliRunner.Result text = CliRunner.run("stats", train.toString());
        assertTrue(text.out().contains("SCUMBLE"), text.out());
    }

    @Test
    void trainThenPredictRoundTrip() throws Exception {
        Path model = dir.resolve("m.fewhot");
        CliRunner.Result r = CliRunner.run("train", "--train", train.toString(), "--model", model.toString(), "--loss", "asl",
                "--hidden", "32", "--epochs", "2", "--batch", "64", "--valid-split", "0.2", "--json", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        JsonNode o = json(r.out());
        for (String k : List.of("train_samples_per_s", "epochs", "final_loss", "seconds")) assertTrue(o.has(k), k);
        assertEquals(2, o.get("epochs").asInt());
        assertEquals(2, o.get("validation").size());
        CliRunner.Result p = CliRunner.run("predict", "--model", model.toString(), "--data", test.toString(), "--top-k", "3");
        assertEquals(0, p.code(), p.err());
        List<String> lines = p.out().lines().toList();
        assertEquals(200, lines.size());
        for (String line : lines) {
            String[] pairs = line.split(" ");
            assertEquals(3, pairs.length, line);
            double prev = 2;
            for (String pair : pairs) {
                String[] kv = pair.split(":");
                int id = Integer.parseInt(kv[0]);
                double s = Double.parseDouble(kv[1]);
                assertTrue(id >= 0 && id < 40 && s <= prev, line);
                prev = s;
            }
        }
        Path out = dir.resolve("pred.txt");
        CliRunner.Result t = CliRunner.run("predict", "--model", model.toString(), "--data", test.toString(), "--threshold",
                "0.99999", "--out", out.toString());
        assertEquals(0, t.code(), t.err());
        assertEquals(200, Files.readAllLines(out).size(), "one line per row, empty when no label passes");
    }

    @Test
    void tunedModelIsEvaluatedWithExactlyTheDocumentedKeys() throws Exception {
        Path model = dir.resolve("tuned.fewhot");
        CliRunner.Result r = CliRunner.run("train", "--train", train.toString(), "--model", model.toString(), "--hidden", "16",
                "--epochs", "2", "--valid-split", "0.2", "--tune-thresholds", "per-label", "--at-least-one", "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(json(r.out()).get("decision_rule").asText().startsWith("AtLeastOne[inner=PerLabel"), r.out());
        CliRunner.Result e = CliRunner.run("eval", "--model", model.toString(), "--data", test.toString(), "--json");
        assertEquals(0, e.code(), e.err());
        List<String> keys = new java.util.ArrayList<>();
        json(e.out()).fieldNames().forEachRemaining(keys::add);
        List<String> want = List.of("micro_f1", "macro_f1", "samples_f1", "weighted_f1", "micro_precision", "micro_recall",
                "macro_precision", "macro_recall", "hamming_loss", "subset_accuracy", "map_macro", "map_micro", "auc_macro",
                "auc_micro", "lrap", "coverage", "ranking_loss", "p@1", "p@3", "p@5", "ndcg@1", "ndcg@3", "ndcg@5", "psp@1",
                "psp@3", "psp@5", "empty_rows", "labels_never_predicted", "mean_predicted", "head_recall", "torso_recall",
                "tail_recall");
        assertEquals(want, keys.subList(0, want.size()));
        assertEquals(0.0, json(e.out()).get("empty_rows").asDouble(), "the at-least-one rule leaves no row empty");
        CliRunner.Result text = CliRunner.run("eval", "--model", model.toString(), "--data", test.toString(), "--top-k", "2");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("TopK[k=2]") && text.out().contains("micro_f1"), text.out());
        // explicit mode (auto mode would hold out its own split)
        CliRunner.Result noValid = CliRunner.run("train", "--train", train.toString(), "--model", model.toString(),
                "--epochs", "2", "--tune-thresholds", "per-label");
        assertEquals(2, noValid.code());
        assertTrue(noValid.err().contains("--tune-thresholds needs validation data"), noValid.err());
    }

    @Test
    void sameSeedAndThreadsGiveTheSameModelBytes() throws Exception {
        Path a = dir.resolve("a.fewhot"), b = dir.resolve("b.fewhot");
        for (Path m : List.of(a, b)) {
            CliRunner.Result r = CliRunner.run("train", "--train", train.toString(), "--model", m.toString(), "--loss", "bce",
                    "--hidden", "16", "--epochs", "1", "--dropout", "0.1", "--threads", "2", "--seed", "3");
            assertEquals(0, r.code(), r.err());
        }
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b)));
    }

    @Test
    void theDefaultBackEndSaysHowItWasChosenAndDeterministicTakesTheJavaKernel() {
        Path model = dir.resolve("backend.fewhot");
        CliRunner.Result auto = CliRunner.run("train", "--train", train.toString(), "--model", model.toString(), "--hidden",
                "16", "--epochs", "1", "--json");
        assertEquals(0, auto.code(), auto.err());
        JsonNode a = json(auto.out());
        assertTrue(List.of("java", "openblas").contains(a.get("blas").asText()), a.toString());
        String how = a.get("gemm_choice").asText();
        assertTrue(how.equals("measured") || how.equals("kept") || how.startsWith("java: OpenBLAS would run"), how);
        CliRunner.Result det = CliRunner.run("train", "--train", train.toString(), "--model", model.toString(), "--hidden",
                "16", "--epochs", "1", "--deterministic", "--json");
        assertEquals(0, det.code(), det.err());
        JsonNode d = json(det.out());
        assertEquals("java", d.get("blas").asText());
        assertFalse(d.has("gemm_choice"), d.toString());
        // without --json, one line says which back-end ran and why
        CliRunner.Result text = CliRunner.run("train", "--train", train.toString(), "--model", model.toString(), "--hidden",
                "16", "--epochs", "1");
        assertEquals(0, text.code(), text.err());
        String gemm = text.out().lines().filter(l -> l.startsWith("GEMM: ")).findFirst().orElse("");
        assertTrue(gemm.contains("(auto, "), text.out());
        CliRunner.Result detText = CliRunner.run("train", "--train", train.toString(), "--model", model.toString(),
                "--hidden", "16", "--epochs", "1", "--deterministic");
        assertEquals(0, detText.code(), detText.err());
        assertTrue(detText.out().lines().anyMatch(l -> l.startsWith("GEMM: java ") && !l.contains("auto")), detText.out());
        CliRunner.Result both = CliRunner.run("train", "--train", train.toString(), "--model", model.toString(),
                "--deterministic", "--blas", "native");
        assertEquals(2, both.code());
        assertEquals(1, both.err().strip().lines().count(), both.err());
        assertTrue(both.err().contains("--deterministic runs the Java GEMM, so --blas must be java or left out, got 'native'"),
                both.err());
    }

    @Test
    void demoTrainsEveryLossAndReportsTunedRows() {
        CliRunner.Result r = CliRunner.run("demo", "--dir", dir.resolve("demo").toString(), "--train-rows", "400",
                "--test-rows", "100", "--epochs", "1", "--hidden", "16", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode res = json(r.out()).get("results");
        assertEquals(7, res.size());
        List<String> names = new java.util.ArrayList<>();
        res.forEach(o -> names.add(o.get("name").asText()));
        assertEquals(List.of("bce", "bce + tuned", "weighted-bce", "focal", "focal-one-sided", "asl", "asl + tuned"), names);
        for (JsonNode o : res) {
            assertTrue(o.get("p@1").asDouble() >= 0 && o.get("p@1").asDouble() <= 1);
            assertTrue(o.get("train_samples_per_s").asDouble() > 0);
        }
        assertEquals(0.0, res.get(6).get("empty_rows").asDouble(), "tuned rows give every row a label");
    }

    @Test
    void badDataLineGivesOneLineAndExitCode2() throws Exception {
        Path bad = dir.resolve("bad.txt");
        Files.writeString(bad, "2 4 3\n0,1 0:1 2:0.5\n1 1:x\n");
        CliRunner.Result r = CliRunner.run("stats", bad.toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("bad.txt:3:"), r.err());
        assertTrue(r.err().contains("expected"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void badOptionsGiveOneClearLineAndExitCode2() throws Exception {
        Path model = dir.resolve("x.fewhot");
        CliRunner.Result unknown = CliRunner.run("train", "--train", train.toString(), "--model", model.toString(), "--loss", "hinge");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("--loss must be one of"), unknown.err());
        CliRunner.Result gamma = CliRunner.run("train", "--train", train.toString(), "--model", model.toString(), "--loss",
                "focal", "--gamma", "-1");
        assertEquals(2, gamma.code());
        assertTrue(gamma.err().contains("gamma must be >= 0, got -1.0"), gamma.err());
        CliRunner.Result notModel = CliRunner.run("predict", "--model", train.toString(), "--data", test.toString());
        assertEquals(2, notModel.code());
        assertTrue(notModel.err().contains("not a fewhot model file"), notModel.err());
        CliRunner.Result missing = CliRunner.run("stats", dir.resolve("nope.txt").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no such file"), missing.err());
        assertFalse(Files.exists(model));
    }

    @Test
    void predictRefusesDataWithAnotherFeatureCount() throws Exception {
        Path model = dir.resolve("small.fewhot");
        assertEquals(0, CliRunner.run("train", "--train", train.toString(), "--model", model.toString(), "--hidden", "0",
                "--epochs", "1").code());
        Path other = dir.resolve("other.txt");
        Files.writeString(other, "1 30 40\n3 29:1\n");
        CliRunner.Result r = CliRunner.run("predict", "--model", model.toString(), "--data", other.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("30 features") && r.err().contains("expects 24"), r.err());
    }

    private static JsonNode json(String s) {
        try {
            return new ObjectMapper().readTree(s);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }
}
