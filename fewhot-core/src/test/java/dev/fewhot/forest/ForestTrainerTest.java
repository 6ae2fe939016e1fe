package dev.fewhot.forest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fewhot.data.CsrMatrix;
import dev.fewhot.data.DenseMatrix;
import dev.fewhot.data.LabelSets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ForestTrainerTest {
    /** n rows x d features, uniform in [0, 1), with column 0 overwritten by {@code first}. */
    static DenseMatrix noise(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble();
        return new DenseMatrix(n, d, x);
    }

    static LabelSets labels(int numLabels, List<int[]> rows) {
        return LabelSets.of(numLabels, rows.toArray(new int[0][]));
    }

    @Test
    void splitsOnceOnTheFeatureThatSeparatesTheLabels() {
        // 40 rows: feature 0 is 0..19 (label 1) or 100..119 (label 0); features 1-2 are noise
        int n = 40, d = 3;
        DenseMatrix x = noise(n, d, 3);
        List<int[]> y = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            x.data()[r * d] = r < 20 ? r : 80 + r;
            y.add(new int[] {r < 20 ? 1 : 0});
        }
        // every feature tried at every split: the root must take feature 0, and both leaves are pure
        Forest f = ForestTrainer.fit(x, labels(2, y), new ForestSettings(5, 1, 1.0), 7, 1).forest();
        assertEquals(5, f.trees());
        assertEquals(15, f.nodes(), "a root and two pure leaves a tree");
        float[] s = f.scores(x);
        for (int r = 0; r < n; r++) {
            assertEquals(r < 20 ? 0f : 1f, s[r * 2], 0f, "row " + r + " label 0");
            assertEquals(r < 20 ? 1f : 0f, s[r * 2 + 1], 0f, "row " + r + " label 1");
        }
        // a row between the two groups goes by the threshold, which lies between 19 and 100
        float[] probe = f.scores(DenseMatrix.of(3, new float[] {18.5f, 0.5f, 0.5f}, new float[] {100.5f, 0.5f, 0.5f}));
        assertArrayEquals(new float[] {0, 1, 1, 0}, probe, 0f);
    }

    @Test
    void leavesHoldTheMeanLabelVector() {
        // all rows share one feature value: nothing can split, the one leaf is the bootstrap sample's mean
        int n = 10;
        DenseMatrix x = new DenseMatrix(n, 1, new float[n]);
        List<int[]> y = new ArrayList<>();
        for (int r = 0; r < n; r++) y.add(r < 3 ? new int[] {0} : new int[0]);
        Forest f = ForestTrainer.fit(x, labels(1, y), new ForestSettings(200, 1, 0), 1, 2).forest();
        assertEquals(200, f.nodes(), "one leaf a tree");
        // the mean over 200 bootstrap samples of the share of label 0 is close to 0.3
        assertEquals(0.3, f.scores(x)[0], 0.03);
    }

    @Test
    void sameForestAndOutOfBagScoresForAnyThreadCount() {
        int n = 200, d = 10, L = 4;
        DenseMatrix x = noise(n, d, 5);
        SplittableRandom r = new SplittableRandom(9);
        List<int[]> y = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Integer> row = new ArrayList<>();
            for (int l = 0; l < L; l++) if (x.data()[i * d + l] + 0.3 * r.nextDouble() > 0.7) row.add(l);
            y.add(row.stream().mapToInt(Integer::intValue).toArray());
        }
        ForestSettings s = new ForestSettings(30, 2, 0);
        ForestTrainer.Fit one = ForestTrainer.fit(x, labels(L, y), s, 11, 1);
        ForestTrainer.Fit three = ForestTrainer.fit(x, labels(L, y), s, 11, 3);
        assertArrayEquals(one.forest().toBytes(), three.forest().toBytes());
        assertArrayEquals(one.outOfBag(), three.outOfBag());
        assertFalse(Arrays.equals(one.forest().toBytes(), ForestTrainer.fit(x, labels(L, y), s, 12, 1).forest().toBytes()),
                "another seed, another forest");
    }

    @Test
    void sparseInputGrowsTheSameForestAsDense() {
        int n = 60, d = 5;
        DenseMatrix x = noise(n, d, 21);
        for (int i = 0; i < x.data().length; i += 2) x.data()[i] = 0; // zeros to leave out of the CSR form
        List<int[]> y = new ArrayList<>();
        for (int i = 0; i < n; i++) y.add(x.data()[i * d + 1] > 0.5 ? new int[] {0, 1} : new int[] {1});
        int[] ptr = new int[n + 1];
        List<Integer> idx = new ArrayList<>();
        List<Float> val = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                if (x.data()[i * d + j] != 0) {
                    idx.add(j);
                    val.add(x.data()[i * d + j]);
                }
            }
            ptr[i + 1] = idx.size();
        }
        float[] v = new float[val.size()];
        for (int i = 0; i < v.length; i++) v[i] = val.get(i);
        CsrMatrix csr = new CsrMatrix(n, d, ptr, idx.stream().mapToInt(Integer::intValue).toArray(), v);
        ForestSettings s = new ForestSettings(10, 1, 0);
        Forest dense = ForestTrainer.fit(x, labels(2, y), s, 4, 1).forest();
        Forest sparse = ForestTrainer.fit(csr, labels(2, y), s, 4, 1).forest();
        assertArrayEquals(dense.toBytes(), sparse.toBytes());
        assertArrayEquals(dense.scores(x), sparse.scores(csr));
    }

    @Test
    void aRowThatEverySampleDrewTakesTheMeanOverAllTheTrees() {
        // one tree: a row its sample left out is scored by it, a row it drew falls back to all the
        // trees, which is the same tree; either way the out-of-bag score is the forest's
        DenseMatrix x = noise(50, 3, 8);
        List<int[]> y = new ArrayList<>();
        for (int i = 0; i < 50; i++) y.add(x.data()[i * 3] > 0.5f ? new int[] {0} : new int[] {1});
        ForestTrainer.Fit fit = ForestTrainer.fit(x, labels(2, y), new ForestSettings(1, 1, 0), 2, 2);
        assertArrayEquals(fit.forest().scores(x), fit.outOfBag());
    }

    @Test
    void outOfBagScoresDoNotSeeTheRowsOwnLabel() {
        // labels independent of the features: fully grown trees memorise the training rows, so the
        // forest's own scores on them are far better than chance; the out-of-bag ones are not
        int n = 400;
        DenseMatrix x = noise(n, 5, 13);
        SplittableRandom r = new SplittableRandom(17);
        List<int[]> y = new ArrayList<>();
        boolean[] truth = new boolean[n];
        for (int i = 0; i < n; i++) {
            truth[i] = r.nextBoolean();
            y.add(truth[i] ? new int[] {0} : new int[0]);
        }
        ForestTrainer.Fit fit = ForestTrainer.fit(x, labels(1, y), new ForestSettings(100, 1, 0), 3, 2);
        float[] own = fit.forest().scores(x);
        int ownRight = 0, oobRight = 0;
        for (int i = 0; i < n; i++) {
            if ((own[i] > 0.5f) == truth[i]) ownRight++;
            if ((fit.outOfBag()[i] > 0.5f) == truth[i]) oobRight++;
        }
        assertTrue(ownRight > 0.9 * n, "in-sample accuracy " + ownRight + " / " + n);
        assertTrue(oobRight > 0.35 * n && oobRight < 0.65 * n, "out-of-bag accuracy " + oobRight + " / " + n);
    }

    @Test
    void bytesRoundTripAndCorruptTreesAreRefused() {
        DenseMatrix x = noise(50, 4, 2);
        List<int[]> y = new ArrayList<>();
        for (int i = 0; i < 50; i++) y.add(x.data()[i * 4] > 0.5f ? new int[] {0} : new int[] {1});
        Forest f = ForestTrainer.fit(x, labels(2, y), new ForestSettings(3, 1, 0), 1, 1).forest();
        Forest back = Forest.fromBytes(f.toBytes());
        assertArrayEquals(f.scores(x), back.scores(x));
        byte[] b = f.toBytes();
        // the first node's right child (after the header, the roots, the features and the thresholds) made to point at itself
        int nodes = f.nodes(), rightAt = 16 + 4 * f.trees() + 8 * nodes;
        java.nio.ByteBuffer.wrap(b).putInt(rightAt, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Forest.fromBytes(b));
        assertTrue(e.getMessage().contains("not a valid split"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Forest.fromBytes(Arrays.copyOf(f.toBytes(), 20)));
        // the second tree's root moved past the last node (found by fuzzing: an index out of bounds before)
        byte[] c = f.toBytes();
        java.nio.ByteBuffer.wrap(c).putInt(16 + 4, nodes + 5);
        e = assertThrows(IllegalArgumentException.class, () -> Forest.fromBytes(c));
        assertTrue(e.getMessage().contains("tree 0 has no nodes or starts out of order"), e.getMessage());
        byte[] d = f.toBytes();
        java.nio.ByteBuffer.wrap(d).putInt(16, 1);
        e = assertThrows(IllegalArgumentException.class, () -> Forest.fromBytes(d));
        assertTrue(e.getMessage().contains("tree 0 has no nodes or starts out of order"), e.getMessage());
    }

    /** A row's held-out score must not change when only that row's labels change. */
    static void heldOutScoresIgnoreTheRowsOwnLabels(ForestSettings s) {
        int n = 120, d = 6, L = 3;
        DenseMatrix x = noise(n, d, 31);
        List<int[]> y = new ArrayList<>();
        for (int i = 0; i < n; i++) y.add(x.data()[i * d] > 0.5f ? new int[] {0, 2} : new int[] {1});
        ForestTrainer.Fit base = ForestTrainer.fit(x, labels(L, y), s, 5, 2);
        for (int row : new int[] {0, 17, 119}) {
            List<int[]> flipped = new ArrayList<>(y);
            flipped.set(row, y.get(row).length == 2 ? new int[] {1} : new int[] {0, 2});
            ForestTrainer.Fit other = ForestTrainer.fit(x, labels(L, flipped), s, 5, 2);
            assertArrayEquals(Arrays.copyOfRange(base.outOfBag(), row * L, row * L + L),
                    Arrays.copyOfRange(other.outOfBag(), row * L, row * L + L), s.describe() + ": row " + row);
            assertFalse(Arrays.equals(base.forest().toBytes(), other.forest().toBytes()), "the row's label changed the forest");
        }
    }

    @Test
    void heldOutScoresIgnoreTheRowsOwnLabelsWithBootstrapAndWithFolds() {
        heldOutScoresIgnoreTheRowsOwnLabels(new ForestSettings(40, 1, 0));
        heldOutScoresIgnoreTheRowsOwnLabels(new ForestSettings(40, 1, 0, ForestSettings.Cuts.RANDOM, 5));
        heldOutScoresIgnoreTheRowsOwnLabels(new ForestSettings(40, 1, 0, ForestSettings.Cuts.BEST, 4));
    }

    @Test
    void withFoldsARowIsScoredByTheTreesOfItsFold() {
        // 6 trees on 3 folds: trees 0 and 3 leave out fold 0, trees 1 and 4 fold 1, trees 2 and 5 fold 2
        int n = 90, d = 4, k = 3;
        DenseMatrix x = noise(n, d, 41);
        List<int[]> y = new ArrayList<>();
        for (int i = 0; i < n; i++) y.add(x.data()[i * d + 1] > 0.4f ? new int[] {0} : new int[] {1});
        ForestSettings s = new ForestSettings(6, 1, 0, ForestSettings.Cuts.RANDOM, k);
        ForestTrainer.Fit fit = ForestTrainer.fit(x, labels(2, y), s, 9, 2);
        int[] foldOf = ForestTrainer.foldOf(n, k, 9);
        int[] sizes = new int[k];
        for (int f : foldOf) sizes[f]++;
        assertArrayEquals(new int[] {30, 30, 30}, sizes);
        for (int r = 0; r < n; r++) {
            double[] sum = new double[2];
            fit.forest().addTree(foldOf[r], x.data(), r * d, sum);
            fit.forest().addTree(foldOf[r] + k, x.data(), r * d, sum);
            assertEquals(sum[0] / 2, fit.outOfBag()[r * 2], 1e-6, "row " + r);
            assertEquals(sum[1] / 2, fit.outOfBag()[r * 2 + 1], 1e-6, "row " + r);
        }
    }

    @Test
    void randomCutsFallBetweenTheNodesValuesAndSeparateTwoValues() {
        // one feature with values 0 and 1, the label set by it: every random cut lies in [0, 1), so
        // each tree is a root and two pure leaves, whatever it draws
        int n = 30;
        float[] v = new float[n];
        List<int[]> y = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            v[r] = r % 2;
            y.add(r % 2 == 1 ? new int[] {0} : new int[0]);
        }
        DenseMatrix x = new DenseMatrix(n, 1, v);
        Forest f = ForestTrainer.fit(x, labels(1, y), ForestSettings.extraTrees(), 3, 2).forest();
        assertEquals(ForestSettings.EXTRA_TREES, f.trees());
        assertEquals(3 * ForestSettings.EXTRA_TREES, f.nodes());
        float[] s = f.scores(x);
        for (int r = 0; r < n; r++) assertEquals(r % 2, s[r], 0f, "row " + r);
        float[] probe = f.scores(DenseMatrix.of(1, new float[] {-0.01f}, new float[] {1.01f}));
        assertArrayEquals(new float[] {0, 1}, probe, 0f);
    }

    @Test
    void extraTreesAreTheSameForAnyThreadCountAndDifferFromBestCuts() {
        int n = 150, d = 8, L = 3;
        DenseMatrix x = noise(n, d, 6);
        List<int[]> y = new ArrayList<>();
        for (int i = 0; i < n; i++) y.add(x.data()[i * d] + x.data()[i * d + 1] > 1 ? new int[] {0, 1} : new int[] {2});
        ForestSettings s = new ForestSettings(25, 1, 0, ForestSettings.Cuts.RANDOM, 5);
        ForestTrainer.Fit one = ForestTrainer.fit(x, labels(L, y), s, 2, 1);
        ForestTrainer.Fit two = ForestTrainer.fit(x, labels(L, y), s, 2, 2);
        assertArrayEquals(one.forest().toBytes(), two.forest().toBytes());
        assertArrayEquals(one.outOfBag(), two.outOfBag());
        ForestSettings best = new ForestSettings(25, 1, 0, ForestSettings.Cuts.BEST, 5);
        assertFalse(Arrays.equals(one.forest().toBytes(), ForestTrainer.fit(x, labels(L, y), best, 2, 1).forest().toBytes()));
    }

    @Test
    void blocksOfRowsScoreAsEachRowAlone() {
        // more rows than a block, and a range starting inside the data: each row's score is the
        // tree-ordered double sum of its leaves, as one row alone through the trees gives it
        int n = Forest.ROW_BLOCK * 2 + 37, d = 6, L = 3;
        DenseMatrix x = noise(n, d, 51);
        List<int[]> y = new ArrayList<>();
        for (int i = 0; i < n; i++) y.add(x.data()[i * d] > 0.5f ? new int[] {0, 2} : new int[] {1});
        Forest f = ForestTrainer.fit(x, labels(L, y), ForestSettings.extraTrees(), 4, 2).forest();
        int from = 5, rows = n - 9;
        float[] got = new float[rows * L];
        f.scores(x, from, rows, got, 0);
        for (int r = 0; r < rows; r++) {
            double[] sum = new double[L];
            for (int t = 0; t < f.trees(); t++) f.addTree(t, x.data(), (from + r) * d, sum);
            for (int l = 0; l < L; l++) assertEquals((float) (sum[l] / f.trees()), got[r * L + l], 0f, "row " + r + " label " + l);
        }
        for (int threads : new int[] {2, 3}) {
            float[] shared = new float[rows * L + 4];
            f.scores(x, from, rows, shared, 4, threads);
            assertArrayEquals(got, Arrays.copyOfRange(shared, 4, shared.length), threads + " threads");
        }
    }

    @Test
    void settingsAreValidated() {
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
                () -> new ForestSettings(10, 1, 0, ForestSettings.Cuts.RANDOM, 1));
        assertTrue(f.getMessage().contains("folds") && f.getMessage().contains("1"), f.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ForestSettings(10, 1, 0, null, 0));
        assertEquals(new ForestSettings(7, 1, 0, ForestSettings.Cuts.BEST, 0), new ForestSettings(7, 1, 0));
        assertEquals(ForestSettings.extraTrees(), ForestSettings.Kind.fromId(" Extra-Trees").settings());
        assertEquals(ForestSettings.breiman(), ForestSettings.Kind.fromId("breiman").settings());
        assertEquals(ForestSettings.Kind.EXTRA_TREES, ForestSettings.Kind.DEFAULT);
        IllegalArgumentException k = assertThrows(IllegalArgumentException.class, () -> ForestSettings.Kind.fromId("boosted"));
        assertTrue(k.getMessage().contains("--forest-kind") && k.getMessage().contains("'boosted'"), k.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ForestSettings(0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new ForestSettings(10, 0, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ForestSettings(10, 1, 1.5));
        assertTrue(e.getMessage().contains("featureShare") && e.getMessage().contains("1.5"), e.getMessage());
        assertEquals(8, ForestSettings.breiman().featuresPerSplit(72)); // round(8.49)
        assertEquals(1, ForestSettings.breiman().featuresPerSplit(1));
        assertEquals(3, new ForestSettings(1, 1, 0.3).featuresPerSplit(10));
    }
}
