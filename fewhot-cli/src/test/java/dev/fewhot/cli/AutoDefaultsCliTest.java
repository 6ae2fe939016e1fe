package dev.fewhot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fewhot.decide.DecisionRule;
import dev.fewhot.io.ModelFile;
import dev.fewhot.model.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train} without --loss/--hidden/--epochs chooses its recipe from the data; explicit options are unchanged. */
class AutoDefaultsCliTest {
    @TempDir static Path dir;
    static Path train, test;

    @BeforeAll
    static void generate() {
        CliRunner.Result r = CliRunner.run("gen", "--out-dir", dir.toString(), "--train-rows", "400", "--test-rows", "100",
                "--labels", "30", "--features", "20");
        assertEquals(0, r.code(), r.err());
        train = dir.resolve("fewhot_train.txt");
        test = dir.resolve("fewhot_test.txt");
    }

    private static JsonNode json(String s) throws Exception {
        return new ObjectMapper().readTree(s.strip());
    }

    private static boolean tunedPerLabel(DecisionRule r) {
        return r instanceof DecisionRule.AtLeastOne a && a.inner() instanceof DecisionRule.PerLabel;
    }

    /** The rule of the recipe's objective: per-label thresholds for macro-f1, one global threshold for micro-f1. */
    private static boolean tunedFor(String objective, DecisionRule r) {
        return objective.equals("macro-f1") ? tunedPerLabel(r)
                : r instanceof DecisionRule.AtLeastOne a && a.inner() instanceof DecisionRule.Threshold;
    }

    @Test
    void plainCommandChoosesAndRecordsItsRecipe() throws Exception {
        Path model = dir.resolve("auto.fewhot");
        CliRunner.Result r = CliRunner.run("train", "--train", train.toString(), "--model", model.toString(), "--json",
                "--threads", "1");
        assertEquals(0, r.code(), r.err());
        JsonNode o = json(r.out());
        assertTrue(o.get("auto").asBoolean());
        JsonNode c = o.get("auto_choices");
        for (String k : new String[] {"loss", "hidden", "dropout", "epochs", "early_stopping", "patience",
                "input", "ensemble", "thresholds", "refit"}) {
            assertTrue(c.has(k), k + " in " + c);
        }
        // the held-out rows: one seeded split, or (bce with an ensemble) one fold per network
        boolean crossFit = c.has("cross_fit");
        assertTrue(crossFit != c.has("valid_split"), "a split or folds: " + c);
        assertEquals(crossFit, o.get("cross_fit").asBoolean());
        if (crossFit) assertEquals("on", c.get("cross_fit").asText());
        assertTrue(o.get("auto_data").has("label_density"), o.toString());
        assertEquals(c.get("ensemble").asInt(), o.get("members").asInt());
        assertEquals(o.get("members").asInt(), o.get("member_best_epochs").size());
        assertTrue(o.get("epochs").asInt() < 100, "early stopping ends the run: " + o.get("epochs"));
        Model m = ModelFile.load(model);
        assertTrue(tunedFor(c.get("objective").asText(), m.rule()), m.rule().toString());
        assertEquals(c.get("objective").asText(), m.provenance().get("auto_objective"));
        assertEquals("true", m.provenance().get("auto"));
        assertEquals(c.get("loss").asText(), m.provenance().get("auto_loss"));
        assertEquals(c.get("ensemble").asInt(), m.members());
        // refit with asl only; its networks then ran each held-out network's best epoch count on every row
        boolean asl = c.get("loss").asText().equals("asl");
        assertEquals(asl ? "on" : "off", c.get("refit").asText());
        assertEquals(asl ? "on" : "off", m.provenance().get("refit"));
        assertEquals(asl ? "on" : "off", m.provenance().get("auto_refit"));
        if (asl) {
            assertEquals(m.provenance().get("member_best_epochs"), m.provenance().get("refit_epochs"));
            assertEquals(400, o.get("refit_rows").asInt());
            assertEquals(400, m.prior().rows());
        }
        CliRunner.Result e = CliRunner.run("eval", "--model", model.toString(), "--data", test.toString(), "--json");
        assertEquals(0, e.code(), e.err());
        assertTrue(json(e.out()).get("p@1").asDouble() > 0.2, e.out());
    }

    /** A generated training file of 400 rows, 80 labels, about 2 a row (the asl branch), in dir/name. */
    private static Path manyLabels(String name) {
        Path d = dir.resolve(name);
        CliRunner.Result g = CliRunner.run("gen", "--out-dir", d.toString(), "--train-rows", "400", "--test-rows", "10",
                "--labels", "80", "--features", "20", "--lambda", "1");
        assertEquals(0, g.code(), g.err());
        return d.resolve("fewhot_train.txt");
    }

    @Test
    void manyLabelsGetAslAndRefitUnlessRefitIsGiven() throws Exception {
        Path data = manyLabels("many"), model = dir.resolve("many.fewhot"), kept = dir.resolve("many-off.fewhot");
        CliRunner.Result r = CliRunner.run("train", "--train", data.toString(), "--model", model.toString(), "--json",
                "--threads", "1", "--ensemble", "2", "--cross-fit", "off");
        assertEquals(0, r.code(), r.err());
        JsonNode o = json(r.out());
        assertEquals("asl", o.get("auto_choices").get("loss").asText(), o.toString());
        assertEquals("on", o.get("auto_choices").get("refit").asText());
        assertEquals(o.get("member_best_epochs"), o.get("refit_epochs"));
        assertEquals(400, o.get("refit_rows").asInt());
        Model m = ModelFile.load(model);
        assertEquals("on", m.provenance().get("refit"));
        assertEquals(m.provenance().get("member_best_epochs"), m.provenance().get("refit_epochs"));
        assertEquals(400, m.prior().rows(), "the refit networks trained on every row");
        CliRunner.Result off = CliRunner.run("train", "--train", data.toString(), "--model", kept.toString(), "--json",
                "--threads", "1", "--ensemble", "2", "--refit", "off", "--cross-fit", "off");
        assertEquals(0, off.code(), off.err());
        JsonNode of = json(off.out());
        assertFalse(of.get("auto_choices").has("refit"));
        assertEquals("off", of.get("refit").asText());
        Model k = ModelFile.load(kept);
        assertEquals(300, k.prior().rows(), "without refit the networks trained on the rows outside the split (25%: 100 rows)");
        assertEquals(k.rule(), m.rule(), "the same held-out networks tune the thresholds");
    }

    @Test
    void anAslEnsembleIsCrossFittedInsteadOfRefit() throws Exception {
        Path model = dir.resolve("many-cf.fewhot");
        CliRunner.Result r = CliRunner.run("train", "--train", manyLabels("many-cf").toString(), "--model",
                model.toString(), "--json", "--threads", "1", "--ensemble", "2");
        assertEquals(0, r.code(), r.err());
        JsonNode o = json(r.out());
        assertEquals("asl", o.get("auto_choices").get("loss").asText());
        assertEquals("on", o.get("auto_choices").get("cross_fit").asText());
        assertEquals("off", o.get("auto_choices").get("refit").asText());
        assertTrue(o.get("cross_fit").asBoolean());
        assertFalse(o.has("refit_rows"));
        Model m = ModelFile.load(model);
        assertEquals("2 folds", m.provenance().get("cross_fit"));
        assertEquals(200, m.prior().rows(), "network 1 of 2 trained outside its fold");
    }

    @Test
    void explicitOptionsKeepTodaysBehaviour() throws Exception {
        Path model = dir.resolve("explicit.fewhot");
        CliRunner.Result r = CliRunner.run("train", "--train", train.toString(), "--model", model.toString(), "--loss", "bce",
                "--hidden", "16", "--epochs", "2", "--batch", "256", "--lr", "1e-3", "--json", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        JsonNode o = json(r.out());
        assertFalse(o.get("auto").asBoolean());
        assertEquals(2, o.get("epochs").asInt());
        assertEquals(1, o.get("members").asInt());
        assertEquals("raw", o.get("input").asText());
        assertEquals(0.0, o.get("dropout").asDouble());
        Model m = ModelFile.load(model);
        assertEquals(new DecisionRule.Threshold(0.5), m.rule());
        assertEquals(null, m.transform());
        assertEquals(1, m.formatVersion());
    }

    @Test
    void explicitChoicesWinInAutoMode() throws Exception {
        Path model = dir.resolve("mixed.fewhot");
        CliRunner.Result r = CliRunner.run("train", "--train", train.toString(), "--model", model.toString(), "--json",
                "--threads", "1", "--ensemble", "2", "--input", "tfidf", "--tune-thresholds", "global");
        assertEquals(0, r.code(), r.err());
        JsonNode o = json(r.out());
        assertTrue(o.get("auto").asBoolean());
        assertEquals(2, o.get("members").asInt());
        assertFalse(o.get("auto_choices").has("ensemble"));
        Model m = ModelFile.load(model);
        assertEquals(2, m.members());
        assertTrue(m.transform() != null);
        assertTrue(m.rule() instanceof DecisionRule.Threshold, m.rule().toString());
    }

    @Test
    void plainCommandOnEmotions() throws Exception {
        Path data = SharedDataFiles.path("emotions/emotions-train.arff", "AutoDefaultsCliTest.plainCommandOnEmotions").getParent();
        Path model = dir.resolve("emotions.fewhot");
        CliRunner.Result r = CliRunner.run("train", "--train", data.resolve("emotions-train.arff").toString(), "--model",
                model.toString(), "--json", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        JsonNode o = json(r.out());
        assertTrue(o.get("auto").asBoolean());
        assertEquals("bce", o.get("auto_choices").get("loss").asText(), "6 labels, density ~0.3");
        assertEquals("standardize", o.get("auto_choices").get("input").asText(), "dense audio features");
        assertEquals("micro-f1", o.get("auto_choices").get("objective").asText(), "label-dense: micro-F1, one threshold");
        assertTrue(tunedFor("micro-f1", ModelFile.load(model).rule()));
        CliRunner.Result e = CliRunner.run("eval", "--model", model.toString(), "--data",
                data.resolve("emotions-test.arff").toString(), "--json");
        assertEquals(0, e.code(), e.err());
        assertTrue(json(e.out()).get("micro_f1").asDouble() > 0.55, e.out());
    }

    @Test
    void aTimeBudgetKeepsTheNetworksThatFitAndSaysSo() throws Exception {
        Path model = dir.resolve("budget.fewhot");
        // one millisecond: the first network always trains, none after it fits
        CliRunner.Result r = CliRunner.run("train", "--train", train.toString(), "--model", model.toString(), "--json",
                "--threads", "1", "--time-budget", "1ms");
        assertEquals(0, r.code(), r.err());
        JsonNode o = json(r.out());
        int planned = dev.fewhot.train.AutoRecipe.of(dev.fewhot.data.io.Datasets.read(train)).members();
        assertTrue(planned >= 5, "an ensemble: " + planned);
        assertEquals(1, o.get("members").asInt());
        assertEquals(planned, o.get("members_planned").asInt(), "the recipe's networks");
        assertEquals(0.001, o.get("time_budget_s").asDouble(), 1e-12);
        assertTrue(r.err().contains("fewhot: time budget 0.001s: 1 of " + planned + " networks trained in"), r.err());
        Model m = ModelFile.load(model);
        assertEquals(1, m.members());
        assertEquals(String.valueOf(planned), m.provenance().get("ensemble_planned"));
        assertEquals("0.001s", m.provenance().get("time_budget"));
        CliRunner.Result e = CliRunner.run("eval", "--model", model.toString(), "--data", test.toString(), "--json");
        assertEquals(0, e.code(), e.err());

        // none: every planned network
        Path all = dir.resolve("nobudget.fewhot");
        CliRunner.Result n = CliRunner.run("train", "--train", train.toString(), "--model", all.toString(), "--json",
                "--threads", "1", "--time-budget", "none");
        assertEquals(0, n.code(), n.err());
        assertEquals(planned, json(n.out()).get("members").asInt());
        assertFalse(json(n.out()).has("members_planned"));
        assertFalse(n.err().contains("time budget"), n.err());
    }

    @Test
    void aBadTimeBudgetIsOneLineAndExitTwo() {
        CliRunner.Result r = CliRunner.run("train", "--train", train.toString(), "--model", dir.resolve("x.fewhot").toString(),
                "--time-budget", "5 minutes");
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--time-budget must be a positive duration (e.g. 90s, 5m, 1h30m) or none, got '5 minutes'"),
                r.err());
    }

    @Test
    void forestKindChoosesTheTreesAndABadKindIsOneLine() throws Exception {
        for (String kind : new String[] {"extra-trees", "breiman"}) {
            Path model = dir.resolve("forest-" + kind + ".fewhot");
            CliRunner.Result r = CliRunner.run("train", "--train", train.toString(), "--model", model.toString(), "--json",
                    "--threads", "1", "--hidden", "8", "--epochs", "2", "--valid-split", "0.25", "--forest", "on",
                    "--forest-kind", kind);
            assertEquals(0, r.code(), r.err());
            String choice = json(r.out()).get("forest").get("choice").asText();
            assertTrue(choice.startsWith(kind.equals("breiman") ? "300 trees, bootstrap samples"
                    : "500 extremely randomized trees, each on 4 of 5 folds"), choice);
        }
        CliRunner.Result bad = CliRunner.run("train", "--train", train.toString(), "--model", dir.resolve("bad.fewhot").toString(),
                "--forest", "on", "--forest-kind", "gradient-boosting");
        assertEquals(2, bad.code());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        assertTrue(bad.err().contains("--forest-kind must be breiman or extra-trees, got 'gradient-boosting'"), bad.err());
        assertFalse(Files.exists(dir.resolve("bad.fewhot")));
    }

    @Test
    void stackingIsReportedInTheJsonAndABadValueIsOneLine() throws Exception {
        Path model = dir.resolve("stacked.fewhot");
        CliRunner.Result r = CliRunner.run("train", "--train", train.toString(), "--model", model.toString(), "--json",
                "--threads", "1", "--hidden", "8", "--epochs", "2", "--valid-split", "0.25", "--stacking", "on");
        assertEquals(0, r.code(), r.err());
        var st = json(r.out()).get("stacking");
        String choice = st.get("choice").asText();
        assertEquals(choice.startsWith("kept"), st.get("kept").asBoolean(), choice);
        assertTrue(choice.startsWith("kept, share ") || choice.startsWith("not kept: "), choice);
        CliRunner.Result bad = CliRunner.run("train", "--train", train.toString(), "--model", dir.resolve("bad.fewhot").toString(),
                "--stacking", "maybe");
        assertEquals(2, bad.code());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        assertTrue(bad.err().contains("--stacking must be off or on, got 'maybe'"), bad.err());
        assertFalse(Files.exists(dir.resolve("bad.fewhot")));
    }
}
