package dev.fewhot.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fewhot.data.LabelSets;
import dev.fewhot.decide.DecisionRule;
import dev.fewhot.testing.GoldenVectors;
import dev.fewhot.testing.ReferenceFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Parity with the scikit-learn / pyxclib golden vectors ({@code metric_vectors.json} of the
 * reference folder, made by {@code ref_metrics.py vectors}; the repository carries it gzipped in
 * the test resources, {@code golden/metric_vectors.json.gz}): every metric of every case within
 * {@code 1e-9 max(1, |expected|)}, the notes (labels without positives, single-class labels skipped
 * by macro AUC) against what fewhot reports, the inverse propensities, and {@link Report} against
 * the single measures.
 *
 * <p>The file is {@code -Dfewhot.metricVectors=PATH} when given (relative: against the current
 * directory, then {@code fewhot.root}; .json or .json.gz), else the bundled copy.
 * A metric or note name this test does not know fails (nothing is skipped silently).
 *
 * <p>The reference scores are float64; fewhot scores are float32. The test checks that the cast
 * keeps the order of every row and every column (so the measures, which depend only on order and
 * on the threshold, are comparable) before comparing.
 */
class MetricParityTest {
    static final double TOL = 1e-9;
    private static final Pattern SET = Pattern.compile("(f1|precision|recall)_(micro|macro|samples|weighted)_(thr([0-9.]+)|top([0-9]+))");
    private static final Pattern SIMPLE_SET = Pattern.compile("(hamming_loss|subset_accuracy)_thr([0-9.]+)");
    private static final Pattern AT_K = Pattern.compile("(P|nDCG|PSP|PSnDCG)@([0-9]+)");

    static Path vectorsPath() {
        return ReferenceFiles.resolve("fewhot.metricVectors", "/golden/metric_vectors.json.gz", "metric test vectors");
    }

    @TestFactory
    List<DynamicNode> parityWithScikitLearnAndPyxclib() throws IOException {
        Path path = vectorsPath();
        JsonNode root = GoldenVectors.read(path);
        assertEquals("multilabel-metric-test-vectors/1", root.path("format").asText(), "format of " + path);
        JsonNode cases = root.path("cases");
        assertTrue(cases.isArray() && cases.size() > 0, "no cases in " + path);
        double threshold = root.path("threshold").asDouble(Double.NaN);
        assertTrue(threshold >= 0 && threshold <= 1, "threshold in " + path);
        double a = root.path("propensity").path("A").asDouble(Double.NaN);
        double b = root.path("propensity").path("B").asDouble(Double.NaN);
        List<DynamicNode> out = new ArrayList<>();
        for (JsonNode c : cases) out.add(caseNode(c, threshold, a, b));
        return out;
    }

    /** One case of the file, parsed. */
    record Case(String name, int rows, int labels, double[][] s64, float[] scores, LabelSets truth, int[] trainCounts,
                int trainN, double[] w) { }

    static Case parse(JsonNode c, double a, double b) {
        String name = c.path("name").asText();
        int rows = c.path("shape").get(0).asInt(), labels = c.path("shape").get(1).asInt();
        double[][] s = matrix(c.path("scores"), rows, labels, name + ".scores");
        double[][] yd = matrix(c.path("labels"), rows, labels, name + ".labels");
        int[][] y = new int[rows][labels];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < labels; j++) {
                if (yd[r][j] != 0 && yd[r][j] != 1) fail(name + ": labels must be 0/1");
                y[r][j] = (int) yd[r][j];
            }
        }
        JsonNode tc = c.path("train_counts");
        if (!tc.isArray() || tc.size() != labels) fail(name + ": train_counts must have " + labels + " entries");
        int[] counts = new int[labels];
        for (int j = 0; j < labels; j++) counts[j] = tc.get(j).asInt();
        int trainN = c.path("train_n").asInt();
        return new Case(name, rows, labels, s, MetricCase.flat(s), MetricCase.truth(y, labels), counts, trainN,
                Propensity.jain(counts, trainN, a, b));
    }

    private static DynamicNode caseNode(JsonNode c, double threshold, double a, double b) {
        Case k = parse(c, a, b);
        List<DynamicNode> tests = new ArrayList<>();
        tests.add(dynamicTest("float32 scores keep the order", () -> orderKept(k)));
        tests.add(dynamicTest("inv_propensity", () -> {
            JsonNode ip = c.path("inv_propensity");
            assertEquals(k.labels, ip.size(), "inv_propensity length");
            for (int j = 0; j < k.labels; j++) near(k.name + " inv_propensity[" + j + "]", ip.get(j).asDouble(), k.w[j]);
        }));
        Iterator<Map.Entry<String, JsonNode>> it = c.path("metrics").fields();
        int n = 0;
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String metric = e.getKey();
            double expected = e.getValue().isNumber() ? e.getValue().asDouble() : Double.NaN;
            DoubleSupplier f;
            try {
                f = fewhot(metric, k, threshold);
            } catch (AssertionError err) {
                tests.add(dynamicTest(metric + " (unknown)", () -> { throw err; }));
                continue;
            }
            tests.add(dynamicTest(metric, () -> near(k.name + "/" + metric, expected, f.getAsDouble())));
            n++;
        }
        assertTrue(n > 0 || !c.path("metrics").fields().hasNext());
        Iterator<Map.Entry<String, JsonNode>> notes = c.path("notes").fields();
        while (notes.hasNext()) {
            Map.Entry<String, JsonNode> e = notes.next();
            tests.add(dynamicTest("note " + e.getKey(), () -> note(k, e.getKey(), e.getValue())));
        }
        tests.add(dynamicTest("Report agrees", () -> reportAgrees(k, c.path("metrics"), threshold)));
        return dynamicContainer(k.name, tests);
    }

    /** The fewhot value of a reference metric; unknown names fail. */
    static DoubleSupplier fewhot(String metric, Case k, double threshold) {
        Matcher m = SET.matcher(metric);
        if (m.matches()) {
            DecisionRule rule = m.group(4) != null ? new DecisionRule.Threshold(ruleThreshold(m.group(4), threshold, metric))
                    : new DecisionRule.TopK(Integer.parseInt(m.group(5)));
            Average avg = Average.valueOf(m.group(2).toUpperCase(java.util.Locale.ROOT));
            String what = m.group(1);
            return () -> {
                Predictions p = Predictions.of(k.scores, k.rows, k.labels, rule);
                return switch (what) {
                    case "f1" -> SetMetrics.f1(k.truth, p, avg);
                    case "precision" -> SetMetrics.precision(k.truth, p, avg);
                    default -> SetMetrics.recall(k.truth, p, avg);
                };
            };
        }
        m = SIMPLE_SET.matcher(metric);
        if (m.matches()) {
            DecisionRule rule = new DecisionRule.Threshold(ruleThreshold(m.group(2), threshold, metric));
            boolean hamming = m.group(1).equals("hamming_loss");
            return () -> {
                Predictions p = Predictions.of(k.scores, k.rows, k.labels, rule);
                return hamming ? SetMetrics.hammingLoss(k.truth, p) : SetMetrics.subsetAccuracy(k.truth, p);
            };
        }
        m = AT_K.matcher(metric);
        if (m.matches()) {
            int kk = Integer.parseInt(m.group(2));
            return switch (m.group(1)) {
                case "P" -> () -> TopKMetrics.precisionAtK(k.scores, k.truth, kk);
                case "nDCG" -> () -> TopKMetrics.ndcgAtK(k.scores, k.truth, kk);
                case "PSP" -> () -> TopKMetrics.pspAtK(k.scores, k.truth, k.w, kk);
                default -> () -> TopKMetrics.psndcgAtK(k.scores, k.truth, k.w, kk);
            };
        }
        return switch (metric) {
            case "average_precision_micro" -> () -> RankingMetrics.averagePrecisionMicro(k.scores, k.truth);
            case "average_precision_macro_sklearn" ->
                    () -> RankingMetrics.averagePrecisionMacro(k.scores, k.truth, RankingMetrics.ApMacro.SKLEARN);
            case "average_precision_macro_defined" ->
                    () -> RankingMetrics.averagePrecisionMacro(k.scores, k.truth, RankingMetrics.ApMacro.DEFINED);
            case "roc_auc_macro" -> () -> RankingMetrics.rocAucMacro(k.scores, k.truth).value();
            case "roc_auc_micro" -> () -> RankingMetrics.rocAucMicro(k.scores, k.truth);
            case "lrap" -> () -> RankingMetrics.labelRankingAveragePrecision(k.scores, k.truth);
            case "coverage_error" -> () -> RankingMetrics.coverageError(k.scores, k.truth);
            case "label_ranking_loss" -> () -> RankingMetrics.labelRankingLoss(k.scores, k.truth);
            default -> throw new AssertionError("unknown metric '" + metric + "' in the golden vectors: map it to fewhot in "
                    + "MetricParityTest.fewhot");
        };
    }

    private static double ruleThreshold(String tag, double fileThreshold, String metric) {
        double t = Double.parseDouble(tag);
        if (Math.abs(t - fileThreshold) > 1e-12) fail(metric + ": threshold " + t + " differs from the file's " + fileThreshold);
        return fileThreshold;
    }

    private static void note(Case k, String name, JsonNode v) {
        switch (name) {
            case "average_precision_labels_without_positives" -> {
                int[] counts = k.truth.labelCounts();
                List<Integer> none = new ArrayList<>();
                for (int j = 0; j < k.labels; j++) if (counts[j] == 0) none.add(j);
                assertEquals(ints(v), none, k.name + ": labels without positives");
                // DEFINED leaves them out, SKLEARN counts them 0
                double[] ap = RankingMetrics.averagePrecisionPerLabel(k.scores, k.truth);
                for (int j : none) assertEquals(0.0, ap[j]);
            }
            case "roc_auc_macro_skipped_single_class_labels" -> {
                MacroAuc auc = RankingMetrics.rocAucMacro(k.scores, k.truth);
                assertArrayEquals(ints(v).stream().mapToInt(Integer::intValue).toArray(), auc.skippedLabels(),
                        k.name + ": labels skipped by macro AUC");
            }
            case "roc_auc_macro_n_labels_used" ->
                    assertEquals(v.asInt(), RankingMetrics.rocAucMacro(k.scores, k.truth).labelsUsed(), k.name + ": labels used");
            default -> fail("unknown note '" + name + "' in the golden vectors: check it in MetricParityTest.note");
        }
    }

    private static void reportAgrees(Case k, JsonNode metrics, double threshold) {
        Report rep = Report.compute(k.scores, k.truth, new DecisionRule.Threshold(threshold), k.trainCounts, k.trainN);
        Map<String, Object> j = rep.toJson();
        String t = "_thr" + fmt(threshold);
        String[][] pairs = {
            {"micro_f1", "f1_micro" + t}, {"macro_f1", "f1_macro" + t}, {"samples_f1", "f1_samples" + t},
            {"weighted_f1", "f1_weighted" + t}, {"micro_precision", "precision_micro" + t}, {"micro_recall", "recall_micro" + t},
            {"macro_precision", "precision_macro" + t}, {"macro_recall", "recall_macro" + t},
            {"samples_precision", "precision_samples" + t}, {"samples_recall", "recall_samples" + t},
            {"weighted_precision", "precision_weighted" + t}, {"weighted_recall", "recall_weighted" + t},
            {"hamming_loss", "hamming_loss" + t}, {"subset_accuracy", "subset_accuracy" + t},
            {"map_macro", "average_precision_macro_defined"}, {"map_macro_sklearn", "average_precision_macro_sklearn"},
            {"map_micro", "average_precision_micro"}, {"auc_macro", "roc_auc_macro"}, {"auc_micro", "roc_auc_micro"},
            {"lrap", "lrap"}, {"coverage", "coverage_error"}, {"ranking_loss", "label_ranking_loss"},
            {"p@1", "P@1"}, {"p@3", "P@3"}, {"p@5", "P@5"}, {"ndcg@1", "nDCG@1"}, {"ndcg@3", "nDCG@3"}, {"ndcg@5", "nDCG@5"},
            {"psp@1", "PSP@1"}, {"psp@3", "PSP@3"}, {"psp@5", "PSP@5"},
            {"psndcg@1", "PSnDCG@1"}, {"psndcg@3", "PSnDCG@3"}, {"psndcg@5", "PSnDCG@5"},
        };
        for (String[] p : pairs) {
            JsonNode e = metrics.get(p[1]);
            if (e == null) fail(k.name + ": the file has no " + p[1]);
            near(k.name + " Report " + p[0], e.asDouble(), ((Number) j.get(p[0])).doubleValue());
        }
    }

    private static String fmt(double t) {
        String s = Double.toString(t);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    private static void orderKept(Case k) {
        for (int r = 0; r < k.rows; r++) {
            for (int i = 0; i < k.labels; i++) {
                for (int j = 0; j < k.labels; j++) {
                    checkPair(k, Double.compare(k.s64[r][i], k.s64[r][j]), k.scores[r * k.labels + i], k.scores[r * k.labels + j]);
                }
            }
        }
        // across all cells (micro measures): sort is enough to check neighbours
        int n = k.rows * k.labels;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        java.util.Arrays.sort(idx, (x, y) -> Double.compare(k.s64[x / k.labels][x % k.labels], k.s64[y / k.labels][y % k.labels]));
        for (int i = 1; i < n; i++) {
            int x = idx[i - 1], y = idx[i];
            checkPair(k, Double.compare(k.s64[x / k.labels][x % k.labels], k.s64[y / k.labels][y % k.labels]), k.scores[x], k.scores[y]);
        }
    }

    private static void checkPair(Case k, int c64, float a, float b) {
        if (Integer.signum(c64) != Integer.signum(Float.compare(a + 0f, b + 0f))) {
            fail(k.name + ": casting the scores to float32 changes their order (" + a + " vs " + b + ")");
        }
    }

    static void near(String what, double expected, double actual) {
        if (Double.isNaN(expected)) fail(what + ": the reference value is not a number");
        double tol = TOL * Math.max(1.0, Math.abs(expected));
        if (!(Math.abs(actual - expected) <= tol)) {
            fail(what + ": expected " + expected + ", got " + actual + " (|diff| " + Math.abs(actual - expected) + ")");
        }
    }

    private static List<Integer> ints(JsonNode v) {
        List<Integer> out = new ArrayList<>();
        for (JsonNode x : v) out.add(x.asInt());
        return out;
    }

    private static double[][] matrix(JsonNode m, int rows, int cols, String what) {
        if (!m.isArray() || m.size() != rows) fail(what + ": expected " + rows + " rows");
        double[][] out = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            JsonNode row = m.get(r);
            if (!row.isArray() || row.size() != cols) fail(what + ": row " + r + " must have " + cols + " values");
            for (int j = 0; j < cols; j++) out[r][j] = row.get(j).asDouble();
        }
        return out;
    }
}
