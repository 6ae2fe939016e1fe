package dev.fewhot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compare, stats --per-label and the imbalance options of train, end to end in-process. */
class ImbalanceCliTest {
    @TempDir static Path dir;
    static Path train, test;

    @BeforeAll
    static void generate() {
        CliRunner.Result r = CliRunner.run("gen", "--out-dir", dir.toString(), "--train-rows", "300", "--test-rows", "100",
                "--labels", "20", "--features", "16");
        assertEquals(0, r.code(), r.err());
        train = dir.resolve("fewhot_train.txt");
        test = dir.resolve("fewhot_test.txt");
        assertTrue(Files.exists(train) && Files.exists(test));
    }

    static JsonNode json(String s) {
        try {
            return new ObjectMapper().readTree(s);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }

    @Test
    void compareJsonHasEveryStrategyAndMeasure() {
        CliRunner.Result r = CliRunner.run("compare", "--train", train.toString(), "--test", test.toString(),
                "--valid-split", "0.2", "--epochs", "2", "--hidden", "16", "--batch", "64", "--threads", "1", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = json(r.out());
        JsonNode results = o.get("results");
        assertEquals(8, results.size());
        List<String> names = List.of("bce", "bce+tuned", "pos-weight-auto", "focal", "asl", "asl+tuned", "db", "mlros+bce");
        for (int i = 0; i < names.size(); i++) {
            JsonNode row = results.get(i);
            assertEquals(names.get(i), row.get("strategy").asText());
            for (String k : List.of("micro_f1", "macro_f1", "p@1", "p@5", "psp@5", "empty_rows", "tail_recall", "seconds")) {
                assertTrue(row.has(k), k);
                double v = row.get(k).asDouble();
                assertTrue(v >= 0 && (k.equals("seconds") || v <= 1 + 1e-12), k + " = " + v);
            }
        }
        assertTrue(results.get(7).get("train_rows").asInt() > results.get(0).get("train_rows").asInt(), "ML-ROS adds clones");
        assertEquals(60, o.get("valid_rows").asInt());
        assertTrue(o.get("best").has("micro_f1") && o.get("best").get("micro_f1").size() >= 1);
        // +tuned reuses the model: the ranking measures are the same
        assertEquals(results.get(0).get("p@5").asDouble(), results.get(1).get("p@5").asDouble(), 0);
    }

    @Test
    void compareTablePrintsOneRowPerStrategyWithMarks() {
        CliRunner.Result r = CliRunner.run("compare", "--train", train.toString(), "--test", test.toString(),
                "--strategies", "bce,label-aware+bce,cb,pos-weight-sqrt+tuned", "--epochs", "1", "--hidden", "0", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        int header = -1;
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).startsWith("strategy")) header = i;
        assertTrue(header >= 0, r.out());
        assertTrue(lines.get(header).contains("PSP@5") && lines.get(header).contains("tail recall"), lines.get(header));
        for (String s : List.of("bce", "label-aware+bce", "cb", "pos-weight-sqrt+tuned")) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(s + " ")), "row " + s + " in\n" + r.out());
        }
        assertTrue(r.out().contains("*"), r.out());
    }

    @Test
    void compareRejectsAnUnknownStrategyWithOneLine() {
        CliRunner.Result r = CliRunner.run("compare", "--train", train.toString(), "--test", test.toString(),
                "--strategies", "bce,magic");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("unknown strategy 'magic'"), r.err());
    }

    @Test
    void statsPerLabelListsBands() {
        CliRunner.Result r = CliRunner.run("stats", train.toString(), "--per-label", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode per = json(r.out()).get("per_label");
        assertEquals(20, per.size());
        int head = 0, torso = 0, tail = 0;
        for (JsonNode l : per) {
            assertTrue(l.has("id") && l.has("name") && l.has("positives") && l.has("ir_lbl"));
            switch (l.get("band").asText()) {
                case "head" -> head++;
                case "torso" -> torso++;
                case "tail" -> tail++;
                default -> throw new AssertionError(l.toString());
            }
        }
        assertEquals(2, head);
        assertEquals(8, torso);
        assertEquals(10, tail);
        CliRunner.Result text = CliRunner.run("stats", train.toString(), "--per-label");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("IRLbl") && text.out().contains("tail"), text.out());
    }

    @Test
    void trainTakesTheImbalanceOptions() {
        Path m = dir.resolve("db.fewhot");
        CliRunner.Result db = CliRunner.run("train", "--train", train.toString(), "--model", m.toString(), "--loss", "db",
                "--hidden", "8", "--epochs", "1", "--threads", "1", "--ml-ros", "--sampler", "label-aware", "--json");
        assertEquals(0, db.code(), db.err());
        assertTrue(json(db.out()).get("loss").asText().startsWith("db("), db.out());
        CliRunner.Result pw = CliRunner.run("train", "--train", train.toString(), "--model", m.toString(), "--loss", "bce",
                "--pos-weight", "auto", "--pos-weight-power", "0.5", "--pos-weight-cap", "10", "--class-balanced", "0.999",
                "--hidden", "8", "--epochs", "1", "--threads", "1", "--json");
        assertEquals(0, pw.code(), pw.err());
        CliRunner.Result bad = CliRunner.run("train", "--train", train.toString(), "--model", m.toString(), "--loss", "asl",
                "--class-balanced", "0.999", "--hidden", "8", "--epochs", "1");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--class-balanced applies to"), bad.err());
        CliRunner.Result lonely = CliRunner.run("train", "--train", train.toString(), "--model", m.toString(), "--loss", "bce",
                "--pos-weight-cap", "5", "--hidden", "8", "--epochs", "1");
        assertEquals(2, lonely.code());
        CliRunner.Result sampler = CliRunner.run("train", "--train", train.toString(), "--model", m.toString(),
                "--sampler", "random", "--hidden", "8", "--epochs", "1");
        assertEquals(2, sampler.code());
        assertTrue(sampler.err().contains("--sampler must be"), sampler.err());
    }
}
