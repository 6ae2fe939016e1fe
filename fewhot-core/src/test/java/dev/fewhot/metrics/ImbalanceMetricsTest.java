package dev.fewhot.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fewhot.data.LabelSets;
import dev.fewhot.data.stats.LabelBands;
import dev.fewhot.decide.DecisionRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PSP@k against pyxclib's definition (golden vectors), tail recall and the label bands by hand. */
class ImbalanceMetricsTest {

    static Path vectors() {
        String root = System.getProperty("fewhot.root", System.getProperty("user.dir") + "/..");
        return Path.of(root).resolve("../shared/reference/metric_vectors.json").normalize();
    }

    @Test
    void pspMatchesTheGoldenVectors() throws Exception {
        Path p = vectors();
        assertTrue(Files.isRegularFile(p), "golden metric vectors not found at " + p);
        JsonNode root = new ObjectMapper().readTree(p.toFile());
        int checked = 0;
        for (JsonNode c : root.path("cases")) {
            int rows = c.path("shape").get(0).asInt(), cols = c.path("shape").get(1).asInt();
            float[] scores = new float[rows * cols];
            List<int[]> sets = new ArrayList<>();
            for (int r = 0; r < rows; r++) {
                List<Integer> pos = new ArrayList<>();
                for (int j = 0; j < cols; j++) {
                    scores[r * cols + j] = (float) c.path("scores").get(r).get(j).asDouble();
                    if (c.path("labels").get(r).get(j).asInt() == 1) pos.add(j);
                }
                sets.add(pos.stream().mapToInt(Integer::intValue).toArray());
            }
            LabelSets y = labels(cols, sets.toArray(int[][]::new));
            int[] counts = new int[cols];
            for (int j = 0; j < cols; j++) counts[j] = c.path("train_counts").get(j).asInt();
            double[] w = ImbalanceMetrics.inversePropensities(counts, c.path("train_n").asInt());
            for (int j = 0; j < cols; j++) assertEquals(c.path("inv_propensity").get(j).asDouble(), w[j], 1e-12);
            if (!distinctAsFloats(c, rows, cols)) continue; // float32 would merge scores the reference ranks apart
            for (int k : new int[] {1, 3, 5}) {
                double want = c.path("metrics").path("PSP@" + k).asDouble();
                assertEquals(want, ImbalanceMetrics.pspAtK(scores, y, w, k), 1e-12, c.path("name").asText() + " PSP@" + k);
            }
            checked++;
        }
        assertTrue(checked > 0);
    }

    private static boolean distinctAsFloats(JsonNode c, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            for (int a = 0; a < cols; a++) {
                for (int b = a + 1; b < cols; b++) {
                    double x = c.path("scores").get(r).get(a).asDouble(), z = c.path("scores").get(r).get(b).asDouble();
                    if (x != z && (float) x == (float) z) return false;
                }
            }
        }
        return true;
    }

    static LabelSets labels(int numLabels, int[]... rows) {
        int[] ptr = new int[rows.length + 1];
        for (int r = 0; r < rows.length; r++) ptr[r + 1] = ptr[r] + rows[r].length;
        int[] ids = new int[ptr[rows.length]];
        for (int r = 0; r < rows.length; r++) System.arraycopy(rows[r], 0, ids, ptr[r], rows[r].length);
        return new LabelSets(rows.length, numLabels, ptr, ids, null);
    }

    @Test
    void pspHandComputed() {
        // two rows, three labels, w = {1, 2, 4}; row 0 truth {0, 2}, row 1 truth {1}
        LabelSets y = labels(3, new int[] {0, 2}, new int[] {1});
        float[] s = {0.9f, 0.5f, 0.1f, 0.2f, 0.3f, 0.8f};
        double[] w = {1, 2, 4};
        // k = 1: hits row 0 label 0 (w 1), row 1 label 2 (miss) -> 1; best: 4 + 2 = 6
        assertEquals(1.0 / 6, ImbalanceMetrics.pspAtK(s, y, w, 1), 1e-15);
        // k = 2: row 0 top {0, 1} -> 1; row 1 top {2, 1} -> 2; best: (4 + 1) + 2 = 7
        assertEquals(3.0 / 7, ImbalanceMetrics.pspAtK(s, y, w, 2), 1e-15);
    }

    @Test
    void tailRecallAndBands() {
        int[] trainCounts = {50, 3, 20, 1, 9, 9, 0, 30, 2, 7};
        // ranks: 0 (50), 7 (30), 2 (20), 4 (9), 5 (9), 9 (7), 1 (3), 8 (2), 3 (1), 6 (0)
        LabelBands.Band[] b = LabelBands.of(trainCounts);
        assertEquals(LabelBands.Band.HEAD, b[0]);
        for (int j : new int[] {7, 2, 4, 5}) assertEquals(LabelBands.Band.TORSO, b[j], "label " + j);
        for (int j : new int[] {9, 1, 8, 3, 6}) assertEquals(LabelBands.Band.TAIL, b[j], "label " + j);
        boolean[] tail = LabelBands.tailMask(trainCounts);
        // truth: row 0 {0, 1}, row 1 {3, 9}; predictions at 0.5: row 0 {0, 1}, row 1 {0}
        LabelSets y = labels(10, new int[] {0, 1}, new int[] {3, 9});
        float[] s = new float[20];
        s[0] = 0.9f; s[1] = 0.7f; s[10] = 0.6f;
        Predictions p = Predictions.of(s, 2, 10, new DecisionRule.Threshold(0.5));
        // tail positives: 1, 3, 9 -> one found
        assertEquals(1.0 / 3, ImbalanceMetrics.recallOn(y, p, tail), 1e-15);
    }
}
