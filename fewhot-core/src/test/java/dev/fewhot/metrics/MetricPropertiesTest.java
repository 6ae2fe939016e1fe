package dev.fewhot.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.fewhot.data.LabelSets;
import dev.fewhot.decide.DecisionRule;
import dev.fewhot.kernels.KernelPool;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Properties of the measures on seeded random instances (plain loops, fixed seeds): agreement with
 * the textbook definitions ({@link Naive}) on sizes that take the radix-sort and table paths,
 * invariance under row and label permutations, best and worst values for perfect and reversed
 * scores, and bit-identical results whatever the number of threads.
 */
class MetricPropertiesTest {
    /** A random instance: scores (continuous or quantised with ties), truth, training counts. */
    record Instance(int n, int L, float[] s, LabelSets truth, int[] counts, int trainN) { }

    static Instance random(SplittableRandom r, int n, int L, boolean ties, boolean distinctCounts) {
        float[] s = new float[n * L];
        int[][] y = new int[n][L];
        double density = 0.05 + 0.4 * r.nextDouble();
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(10); // 0: empty row, 1: all positive, else random
            for (int j = 0; j < L; j++) {
                y[i][j] = kind == 0 ? 0 : kind == 1 ? 1 : r.nextDouble() < density ? 1 : 0;
                double v = r.nextDouble() + 0.3 * y[i][j];
                if (ties) v = Math.round(v * 8) / 8.0;
                s[i * L + j] = (float) (v - 0.4);  // negatives and zeros too
            }
        }
        if (L > 2) for (int i = 0; i < n; i++) y[i][L - 1] = 0; // a label never positive
        if (!ties && n > 0) for (int j = 0; j < L; j++) s[j] = j == 0 ? -0f : s[j];
        int[] counts = new int[L];
        Set<Integer> used = new HashSet<>();
        for (int j = 0; j < L; j++) {
            int c;
            do { c = r.nextInt(distinctCounts ? 100_000 : 5); } while (distinctCounts && !used.add(c));
            counts[j] = c;
        }
        return new Instance(n, L, s, MetricCase.truth(y, L), counts, 1000 + r.nextInt(100_000));
    }

    static Report report(Instance x) {
        return Report.compute(x.s, x.truth, new DecisionRule.Threshold(0.5), x.counts, x.trainN);
    }

    static void close(String what, double expected, double actual) {
        if (!(Math.abs(expected - actual) <= 1e-12 * Math.max(1, Math.abs(expected)))) {
            fail(what + ": expected " + expected + ", got " + actual);
        }
    }

    static void sameReport(String what, Map<String, Object> a, Map<String, Object> b, Set<String> except) {
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) {
            if (except.contains(k)) continue;
            close(what + " " + k, ((Number) a.get(k)).doubleValue(), ((Number) b.get(k)).doubleValue());
        }
    }

    @Test
    void rankingMeasuresMatchTheDefinitionsOnLargerInstances() {
        SplittableRandom r = new SplittableRandom(17);
        int[][] shapes = {{600, 7}, {300, 33}, {1, 5}, {257, 3}, {2000, 2}};
        for (int[] sh : shapes) {
            for (boolean ties : new boolean[] {false, true}) {
                Instance x = random(r, sh[0], sh[1], ties, false);
                boolean[][] y = Naive.y(x.truth);
                RankingMetrics.Scores got = RankingMetrics.all(x.s, x.truth);
                double[] ap = RankingMetrics.averagePrecisionPerLabel(x.s, x.truth);
                double aucSum = 0, apSum = 0;
                int aucN = 0, apN = 0;
                for (int j = 0; j < x.L; j++) {
                    float[] c = Naive.column(x.s, x.n, x.L, j);
                    boolean[] p = Naive.column(y, j);
                    close("AP label " + j, Naive.ap(c, p), ap[j]);
                    double auc = Naive.auc(c, p);
                    if (!Double.isNaN(auc)) { aucSum += auc; aucN++; }
                    if (x.truth.labelCounts()[j] > 0) { apSum += ap[j]; apN++; }
                }
                String w = Arrays.toString(sh) + (ties ? " ties" : "");
                close(w + " macro AUC", aucN == 0 ? 0 : aucSum / aucN, got.aucMacro().value());
                assertEquals(aucN, got.aucMacro().labelsUsed());
                close(w + " macro AP", apN == 0 ? 0 : apSum / apN, got.apMacroDefined());
                double microAuc = Naive.auc(x.s, Naive.flat(y));
                close(w + " micro AUC", Double.isNaN(microAuc) ? 0 : microAuc, got.aucMicro()); // one class: 0 by convention
                close(w + " micro AP", Naive.ap(x.s, Naive.flat(y)), got.apMicro());
                double[] rm = Naive.rowMeasures(x.s, y, x.L);
                close(w + " LRAP", rm[0], got.lrap());
                close(w + " coverage", rm[1], got.coverage());
                close(w + " ranking loss", rm[2], got.rankingLoss());
            }
        }
    }

    @Test
    void rowsWithManyPositivesTakeTheSortedPathAndAgree() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 50, L = 80;
        float[] s = new float[n * L];
        int[][] y = new int[n][L];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < L; j++) {
                y[i][j] = r.nextInt(3) == 0 ? 0 : 1; // ~53 positives per row: above the sweep limit
                s[i * L + j] = (float) (Math.round(r.nextDouble() * 20) / 20.0);
            }
        }
        LabelSets t = MetricCase.truth(y, L);
        double[] rm = Naive.rowMeasures(s, Naive.y(t), L);
        RankingMetrics.Scores got = RankingMetrics.all(s, t);
        close("LRAP", rm[0], got.lrap());
        close("coverage", rm[1], got.coverage());
        close("ranking loss", rm[2], got.rankingLoss());
    }

    @Test
    void permutingRowsChangesNothing() {
        SplittableRandom r = new SplittableRandom(5);
        for (int it = 0; it < 30; it++) {
            Instance x = random(r, r.nextInt(60), 1 + r.nextInt(12), r.nextBoolean(), false);
            int[] perm = permutation(r, x.n);
            Instance p = permuteRows(x, perm);
            sameReport("rows permuted", report(x).toJson(), report(p).toJson(), Set.of());
        }
    }

    @Test
    void permutingLabelsWithTheirPropensitiesChangesNothingForOrderFreeMeasures() {
        SplittableRandom r = new SplittableRandom(6);
        // with ties in the scores, the top-k lists depend on label ids (tie rule): those measures are excluded
        Set<String> idDependent = Set.of("p@1", "p@3", "p@5", "ndcg@1", "ndcg@3", "ndcg@5", "psp@1", "psp@3", "psp@5",
                "psndcg@1", "psndcg@3", "psndcg@5");
        for (int it = 0; it < 40; it++) {
            boolean ties = it % 2 == 0;
            Instance x = random(r, r.nextInt(60), 1 + r.nextInt(12), ties, true);
            int[] perm = permutation(r, x.L);
            Instance p = permuteLabels(x, perm);
            // distinct training counts: the frequency bands move with the labels
            sameReport("labels permuted", report(x).toJson(), report(p).toJson(), ties ? idDependent : Set.of());
        }
    }

    @Test
    void perfectScoresGiveTheBestValuesAndReversedScoresTheWorst() {
        SplittableRandom r = new SplittableRandom(7);
        for (int it = 0; it < 20; it++) {
            int n = 1 + r.nextInt(40), L = 6 + r.nextInt(10);
            int[][] y = new int[n][L];
            for (int i = 0; i < n; i++) {
                int k = 1 + r.nextInt(5);
                for (int q = 0; q < k; q++) y[i][r.nextInt(L)] = 1;
            }
            LabelSets t = MetricCase.truth(y, L);
            int[] counts = new int[L];
            for (int j = 0; j < L; j++) counts[j] = r.nextInt(50);
            // positives above negatives, and ordered by inverse propensity (so PSP and PSnDCG reach 1 too)
            double[] inv = Propensity.jain(counts, 500);
            double wmax = Arrays.stream(inv).max().getAsDouble();
            float[] best = new float[n * L], worst = new float[n * L];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < L; j++) {
                    best[i * L + j] = y[i][j] == 1 ? (float) (0.6 + 0.3 * inv[j] / wmax) : (float) (0.1 + r.nextDouble() * 0.1);
                    worst[i * L + j] = 1 - best[i * L + j];
                }
            }
            Map<String, Object> b = Report.compute(best, t, new DecisionRule.Threshold(0.5), counts, 500).toJson();
            for (String k : new String[] {"micro_f1", "samples_f1", "weighted_f1", "micro_precision", "micro_recall",
                "subset_accuracy", "map_macro", "map_micro", "auc_macro", "auc_micro", "lrap", "ndcg@1", "ndcg@3", "ndcg@5",
                "psp@1", "psp@3", "psp@5", "psndcg@1", "psndcg@3", "psndcg@5", "head_recall"}) {
                close("best " + k, 1.0, num(b, k));
            }
            close("best hamming", 0, num(b, "hamming_loss"));
            close("best ranking loss", 0, num(b, "ranking_loss"));
            close("best coverage = cardinality", Collapse.trueCardinality(t), num(b, "coverage"));
            close("best p@1", 1, num(b, "p@1"));
            close("best empty rows", 0, num(b, "empty_rows"));
            close("best mean predicted = cardinality", Collapse.trueCardinality(t), num(b, "mean_predicted"));

            Map<String, Object> w = Report.compute(worst, t, new DecisionRule.Threshold(0.5), counts, 500).toJson();
            for (String k : new String[] {"micro_f1", "macro_f1", "samples_f1", "weighted_f1", "micro_recall", "subset_accuracy",
                "auc_macro", "auc_micro", "p@1", "ndcg@1", "psp@1", "psndcg@1", "head_recall", "torso_recall", "tail_recall"}) {
                close("worst " + k, 0.0, num(w, k));
            }
            close("worst hamming", 1.0, num(w, "hamming_loss"));
            close("worst ranking loss", 1.0, num(w, "ranking_loss"));
            close("worst coverage", L, num(w, "coverage"));
            assertTrue(num(w, "lrap") < num(b, "lrap"));
        }
    }

    @Test
    void resultsDoNotDependOnTheThreads() {
        SplittableRandom r = new SplittableRandom(8);
        Instance x = random(r, 5000, 40, false, false);
        Map<String, Object> parallel = report(x).toJson();
        // a pool call from inside a running task runs all its parts on that thread
        Object[] single = new Object[1];
        KernelPool.common().invoke(i -> { if (i == 0) single[0] = report(x).toJson(); }, 2);
        assertEquals(parallel, single[0]);
        assertEquals(parallel, report(x).toJson());
    }

    private static double num(Map<String, Object> m, String k) {
        Object v = m.get(k);
        if (v == null) fail("no key " + k);
        return ((Number) v).doubleValue();
    }

    static int[] permutation(SplittableRandom r, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int k = r.nextInt(i + 1), t = p[i];
            p[i] = p[k];
            p[k] = t;
        }
        return p;
    }

    /** Row i of the result is row perm[i] of x. */
    static Instance permuteRows(Instance x, int[] perm) {
        float[] s = new float[x.s.length];
        int[][] y = MetricCase.dense(x.truth), yp = new int[x.n][];
        for (int i = 0; i < x.n; i++) {
            System.arraycopy(x.s, perm[i] * x.L, s, i * x.L, x.L);
            yp[i] = y[perm[i]];
        }
        return new Instance(x.n, x.L, s, MetricCase.truth(yp, x.L), x.counts, x.trainN);
    }

    /** Label j of the result is label perm[j] of x (scores, truth and training counts). */
    static Instance permuteLabels(Instance x, int[] perm) {
        float[] s = new float[x.s.length];
        int[][] y = MetricCase.dense(x.truth), yp = new int[x.n][x.L];
        int[] counts = new int[x.L];
        for (int j = 0; j < x.L; j++) {
            counts[j] = x.counts[perm[j]];
            for (int i = 0; i < x.n; i++) {
                s[i * x.L + j] = x.s[i * x.L + perm[j]];
                yp[i][j] = y[i][perm[j]];
            }
        }
        return new Instance(x.n, x.L, s, MetricCase.truth(yp, x.L), counts, x.trainN);
    }
}
