package dev.fewhot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fewhot.io.ModelFile;
import dev.fewhot.model.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fewhot report}: the HTML page, the JSON object, names from data files, bad input. */
class ReportCommandTest {
    @TempDir static Path dir;
    static Path test, model, csvTrain, csvTest, csvModel;

    /** Label columns whose names need escaping; the last one has no positive in the test file. */
    static final String[] NAMES = {"L<b>0", "L&amp;1", "L\"q\"2", "L'3", "L4<script>x</script>", "L5 never"};

    @BeforeAll
    static void trainModels() throws Exception {
        CliRunner.Result g = CliRunner.run("gen", "--out-dir", dir.toString(), "--train-rows", "600", "--test-rows", "200",
                "--labels", "40", "--features", "24");
        assertEquals(0, g.code(), g.err());
        test = dir.resolve("fewhot_test.txt");
        model = dir.resolve("m.fewhot");
        CliRunner.Result t = CliRunner.run("train", "--train", dir.resolve("fewhot_train.txt").toString(), "--model",
                model.toString(), "--loss", "asl", "--hidden", "32", "--epochs", "3", "--batch", "64", "--threads", "1");
        assertEquals(0, t.code(), t.err());
        csvTrain = dir.resolve("named-train.csv");
        csvTest = dir.resolve("named-test.csv");
        writeCsv(csvTrain, 400, new SplittableRandom(1), false);
        writeCsv(csvTest, 150, new SplittableRandom(2), true);
        csvModel = dir.resolve("named.fewhot");
        CliRunner.Result c = CliRunner.run("train", "--train", csvTrain.toString(), "--label-prefix", "L", "--model",
                csvModel.toString(), "--loss", "asl", "--hidden", "16", "--epochs", "5", "--batch", "32", "--threads", "1");
        assertEquals(0, c.code(), c.err());
    }

    /** 8 uniform features; label j is positive when feature j &gt; 0.6 (the last label never in the test file). */
    static void writeCsv(Path file, int rows, SplittableRandom r, boolean lastLabelEmpty) throws Exception {
        StringBuilder b = new StringBuilder();
        for (int f = 0; f < 8; f++) b.append("f").append(f).append(',');
        for (int j = 0; j < NAMES.length; j++) {
            b.append('"').append(NAMES[j].replace("\"", "\"\"")).append('"').append(j + 1 < NAMES.length ? "," : "\n");
        }
        for (int i = 0; i < rows; i++) {
            double[] x = new double[8];
            for (int f = 0; f < 8; f++) {
                x[f] = r.nextDouble();
                b.append(String.format(Locale.ROOT, "%.4f,", x[f]));
            }
            for (int j = 0; j < NAMES.length; j++) {
                boolean pos = j == NAMES.length - 1 ? !lastLabelEmpty && x[j] > 0.8 : x[j] > 0.6;
                b.append(pos ? '1' : '0').append(j + 1 < NAMES.length ? "," : "\n");
            }
        }
        Files.writeString(file, b);
    }

    static JsonNode json(String s) throws Exception {
        return new ObjectMapper().readTree(s.strip());
    }

    static double evalMicroF1(String... rule) throws Exception {
        List<String> args = new ArrayList<>(List.of("eval", "--model", model.toString(), "--data", test.toString(), "--json"));
        args.addAll(List.of(rule));
        CliRunner.Result e = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, e.code(), e.err());
        return json(e.out()).get("micro_f1").asDouble();
    }

    @Test
    void htmlReportHasThePlotsTheMeasuresAndTheCollapseBox() throws Exception {
        Path html = dir.resolve("tmp").resolve("r.html");
        CliRunner.Result r = CliRunner.run("report", "--model", model.toString(), "--data", test.toString(), "--out",
                html.toString(), "--threads", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(html), "report written");
        assertTrue(r.out().startsWith("wrote " + html), r.out());
        String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>") && page.strip().endsWith("</html>"));
        assertEquals(5, Stream.of(page.split("<svg", -1)).count() - 1, "five plots");
        double micro = evalMicroF1();
        assertTrue(micro > 0.05, "the model learned something: micro-F1 " + micro);
        String cell = "id=\"m-micro_f1\">" + String.format(Locale.ROOT, "%.4f", micro) + "</td>";
        assertTrue(page.contains(cell), "micro-F1 as in the table: " + cell);
        assertTrue(page.contains("id=\"collapse\"") && page.contains("labels never predicted"));
        assertTrue(page.contains("threshold 0.5 (the model&#39;s own)"), "decision rule in the header");
        String noNs = page.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        for (String s : List.of("<script", "http:", "https:", " src=", "<link", "@import")) {
            assertFalse(noNs.contains(s), "no script, nothing fetched: " + s);
        }
        assertEquals(40, Stream.of(page.split("<tr><td class=\"n\">", -1)).count() - 1, "one table row per label");
        try (Stream<Path> files = Files.list(html.getParent())) {
            assertEquals(List.of(html), files.toList(), "no temporary file left");
        }
    }

    @Test
    void jsonHasTheReportValuesTheCurveAndEveryLabel() throws Exception {
        CliRunner.Result r = CliRunner.run("report", "--model", model.toString(), "--data", test.toString(), "--json",
                "--threshold", "0.3");
        assertEquals(0, r.code(), r.err());
        JsonNode o = json(r.out());
        List<String> keys = new ArrayList<>();
        o.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("model", "data", "created", "rows", "labels", "decision_rule", "decision_rule_source",
                "train_counts", "train_rows", "model_facts", "provenance", "metrics", "verdict", "threshold_curve", "top_k",
                "score_histogram", "per_label", "html"), keys);
        assertTrue(o.get("html").isNull(), "--json without --out writes no page");
        assertEquals("command line", o.get("decision_rule_source").asText());
        assertEquals("model", o.get("train_counts").asText());
        assertEquals(200, o.get("rows").asInt());
        JsonNode m = o.get("metrics");
        assertEquals(evalMicroF1("--threshold", "0.3"), m.get("micro_f1").asDouble(), 0.0);
        JsonNode tc = o.get("threshold_curve");
        assertEquals(99, tc.get("thresholds").size());
        assertEquals(0.3, tc.get("thresholds").get(29).asDouble(), 0.0);
        // the sweep at 0.3 is the rule at 0.3, computed another way
        assertEquals(m.get("micro_f1").asDouble(), tc.get("micro_f1").get(29).asDouble(), 0.0);
        assertEquals(m.get("macro_f1").asDouble(), tc.get("macro_f1").get(29).asDouble(), 0.0);
        assertEquals(m.get("empty_rows").asDouble(), tc.get("empty_rows").get(29).asDouble(), 0.0);
        JsonNode tk = o.get("top_k");
        assertEquals(10, tk.get("precision").size());
        assertEquals(m.get("p@1").asDouble(), tk.get("precision").get(0).asDouble(), 1e-12);
        assertEquals(m.get("p@5").asDouble(), tk.get("precision").get(4).asDouble(), 1e-12);
        long cells = 0;
        for (JsonNode c : o.get("score_histogram").get("negative")) cells += c.asLong();
        for (JsonNode c : o.get("score_histogram").get("positive")) cells += c.asLong();
        assertEquals(200L * 40, cells, "every (row, label) pair in the histogram");
        JsonNode labels = o.get("per_label");
        assertEquals(40, labels.size());
        long tp = 0, predicted = 0, positives = 0;
        for (JsonNode l : labels) {
            tp += l.get("true_positives").asLong();
            predicted += l.get("predicted").asLong();
            positives += l.get("test_positives").asLong();
            for (String k : List.of("id", "name", "band", "train_positives", "precision", "recall", "f1", "ap")) {
                assertTrue(l.has(k), k);
            }
        }
        double p = (double) tp / predicted, rc = (double) tp / positives;
        assertEquals(2 * p * rc / (p + rc), m.get("micro_f1").asDouble(), 1e-12, "per-label counts add up to micro-F1");
        assertEquals(m.get("mean_predicted").asDouble() * 200, predicted, 1e-9);
    }

    @Test
    void labelNamesFromTheDataAreEscapedAndUndefinedValuesShowAsSuch() throws Exception {
        Path html = dir.resolve("named.html");
        CliRunner.Result r = CliRunner.run("report", "--model", csvModel.toString(), "--data", csvTest.toString(),
                "--label-prefix", "L", "--out", html.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        String page = Files.readString(html);
        for (String escaped : List.of("L&lt;b&gt;0", "L&amp;amp;1", "L&quot;q&quot;2", "L&#39;3",
                "L4&lt;script&gt;x&lt;/script&gt;")) {
            assertTrue(page.contains(escaped), escaped);
        }
        assertFalse(page.contains("L<b>0") || page.contains("<script") || page.contains("L\"q"), "raw names");
        JsonNode o = json(r.out());
        assertEquals(html.toString(), o.get("html").asText());
        JsonNode never = o.get("per_label").get(5);
        assertEquals("L5 never", never.get("name").asText());
        assertEquals(0, never.get("test_positives").asInt());
        assertTrue(never.get("recall").isNull() && never.get("ap").isNull(), never.toString());
        int at = page.indexOf("<td class=\"l\">L5 never</td>");
        assertTrue(at > 0, "row of the label without positives");
        String row = page.substring(page.lastIndexOf("<tr>", at), page.indexOf("</tr>", at));
        List<String> cells = java.util.regex.Pattern.compile("<td[^>]*>(.*?)</td>").matcher(row).results()
                .map(x -> x.group(1)).toList();
        assertEquals(10, cells.size(), row);
        assertEquals("0", cells.get(4), "test positives: " + row);
        assertEquals("\u2014", cells.get(7), "recall: " + row);
        assertEquals("\u2014", cells.get(9), "AP: " + row);
        JsonNode first = o.get("per_label").get(0);
        assertEquals(NAMES[0], first.get("name").asText());
        assertTrue(first.get("recall").asDouble() > 0.3, "the model learned label 0: " + first);
    }

    @Test
    void aModelWithoutTrainingCountsUsesTheDataAndSaysSo() throws Exception {
        Model m = ModelFile.load(model);
        Model bare = new Model(m.config(), m.members(), m.transform(), m.parameters(), m.seed(), m.labelNames(), m.rule(),
                m.provenance(), null);
        Path file = dir.resolve("bare.fewhot");
        ModelFile.save(bare, file);
        Path html = dir.resolve("bare.html");
        CliRunner.Result r = CliRunner.run("report", "--model", file.toString(), "--data", test.toString(), "--out",
                html.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = json(r.out());
        assertEquals("data", o.get("train_counts").asText());
        assertEquals(200, o.get("train_rows").asInt());
        for (JsonNode l : o.get("per_label")) assertEquals(l.get("test_positives").asInt(), l.get("train_positives").asInt());
        assertTrue(Files.readString(html).contains("the model records no training counts"));
    }

    @Test
    void badInputIsOneLineAndExitTwoAndWritesNothing() throws Exception {
        Path bad = dir.resolve("bad.txt");
        Files.writeString(bad, "3 24 40\n1,2 0:0.5 x\n");
        Path html = dir.resolve("never.html");
        CliRunner.Result r = CliRunner.run("report", "--model", model.toString(), "--data", bad.toString(), "--out",
                html.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.code(), r.out() + r.err());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("fewhot: ") && err.contains("bad.txt"), err);
        assertFalse(Files.exists(html), "no page for bad input");
        CliRunner.Result missing = CliRunner.run("report", "--model", model.toString(), "--data",
                dir.resolve("nope.txt").toString(), "--json");
        assertEquals(Main.EXIT_BAD_INPUT, missing.code());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
        assertTrue(missing.err().startsWith("fewhot: no such file"), missing.err());
        assertEquals("", missing.out(), "no JSON for bad input");
    }
}
