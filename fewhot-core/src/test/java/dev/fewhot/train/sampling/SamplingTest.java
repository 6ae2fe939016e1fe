package dev.fewhot.train.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fewhot.testing.Gen;
import dev.fewhot.testing.Properties;
import dev.fewhot.data.Dataset;
import dev.fewhot.data.DenseMatrix;
import dev.fewhot.data.LabelSets;
import dev.fewhot.data.stats.LabelStats;
import dev.fewhot.loss.BceWithLogits;
import dev.fewhot.loss.Reduction;
import dev.fewhot.model.ModelConfig;
import dev.fewhot.train.Trainer;
import dev.fewhot.train.TrainerConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Samplers and ML-ROS: hand-worked fixtures, seeded determinism, invariants. */
class SamplingTest {

    /** Rows given as label-id lists. */
    static LabelSets labels(int numLabels, int[]... rows) {
        int[] ptr = new int[rows.length + 1];
        for (int r = 0; r < rows.length; r++) ptr[r + 1] = ptr[r] + rows[r].length;
        int[] ids = new int[ptr[rows.length]];
        for (int r = 0; r < rows.length; r++) System.arraycopy(rows[r], 0, ids, ptr[r], rows[r].length);
        return new LabelSets(rows.length, numLabels, ptr, ids, null);
    }

    static int[][] repeat(int[] row, int times) {
        int[][] out = new int[times][];
        Arrays.fill(out, row);
        return out;
    }

    static int[][] concat(int[][]... parts) {
        return Arrays.stream(parts).flatMap(Arrays::stream).toArray(int[][]::new);
    }

    @Test
    void shuffleIsTheTrainersFormerSeededPermutation() {
        LabelSets y = labels(2, repeat(new int[] {0}, 37));
        for (int epoch = 0; epoch < 3; epoch++) {
            int[] want = new int[37];
            for (int i = 0; i < 37; i++) want[i] = i;
            SplittableRandom r = new SplittableRandom(Seeds.mix(42, epoch, -1));
            for (int i = 36; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = want[i]; want[i] = want[j]; want[j] = t;
            }
            assertArrayEquals(want, Sampler.shuffle().order(y, 42, epoch));
        }
    }

    @Test
    void labelAwareUniformBalancesLabelsAndSkipsEmptyRows() {
        // 90 rows of label 0, 10 rows of label 1, 20 rows without labels
        LabelSets y = labels(3, concat(repeat(new int[] {0}, 90), repeat(new int[] {1}, 10), repeat(new int[] {}, 20)));
        int[] order = LabelAwareSampler.uniform().order(y, 7, 0);
        assertEquals(120, order.length);
        int tail = 0;
        for (int r : order) {
            assertTrue(r < 100, "a row without labels was drawn: " + r);
            if (r >= 90) tail++;
        }
        // each of the 120 draws picks label 1 with probability 1/2 (label 2 has no positives)
        assertTrue(tail > 40 && tail < 80, "label-1 rows drawn " + tail + " of 120");
        assertArrayEquals(order, LabelAwareSampler.uniform().order(y, 7, 0));
        assertFalse(Arrays.equals(order, LabelAwareSampler.uniform().order(y, 7, 1)));
        int[] natural = new LabelAwareSampler(1).order(y, 7, 0);
        int tailNatural = 0;
        for (int r : natural) if (r >= 90) tailNatural++;
        assertTrue(tailNatural < 30, "power 1 draws labels by frequency: " + tailNatural);
        assertThrows(IllegalArgumentException.class, () -> new LabelAwareSampler(-1));
        assertThrows(IllegalArgumentException.class, () -> LabelAwareSampler.uniform().order(labels(2, new int[] {}), 1, 0));
    }

    @Test
    void mlRosStopsWhenTheMinorityLabelReachesMeanIr() {
        // counts 8, 2, 4 -> IRLbl 1, 4, 2, MeanIR 7/3; only label 1 is a minority label.
        LabelSets y = labels(3, concat(repeat(new int[] {0, 2}, 4), repeat(new int[] {0}, 4), repeat(new int[] {1}, 2)));
        assertEquals(7.0 / 3, LabelStats.of(y).meanIR(), 1e-12);
        int[] idx = MlRos.indices(y, 25, 1); // budget round(2.5) = 3
        // clone 1: n_1 = 3, IRLbl 8/3 > 7/3, keep; clone 2: n_1 = 4, IRLbl 2 <= 7/3, the bag leaves: 2 clones
        assertEquals(12, idx.length);
        for (int i = 0; i < 10; i++) assertEquals(i, idx[i]);
        assertTrue(idx[10] >= 8 && idx[11] >= 8);
        // a budget of 1 clone
        assertEquals(11, MlRos.indices(y, 10, 1).length);
        assertEquals(10, MlRos.indices(y, 0, 1).length);
    }

    @Test
    void mlRosVisitsTheMinorityBagsRoundRobin() {
        // counts 16, 2, 2 -> IRLbl 1, 8, 8, MeanIR 17/3; one clone lifts n_j to 3 and IRLbl to 16/3 < 17/3
        LabelSets y = labels(3, concat(repeat(new int[] {0}, 16), repeat(new int[] {1}, 2), repeat(new int[] {2}, 2)));
        int[] idx = MlRos.indices(y, 50, 3);
        assertEquals(22, idx.length);
        assertTrue(idx[20] == 16 || idx[20] == 17, "first clone from label 1's bag: " + idx[20]);
        assertTrue(idx[21] == 18 || idx[21] == 19, "second clone from label 2's bag: " + idx[21]);
    }

    /** The inputs of an ML-ROS property check. */
    record RosCase(int n, int L, long seed, int pct) { }

    @Test
    void mlRosInvariants() {
        Gen<Integer> ns = Gen.ints(1, 60), ls = Gen.ints(1, 8), pcts = Gen.ints(0, 100);
        Gen<Long> seeds = Gen.longs();
        Properties.forAll(100, g -> new RosCase(ns.next(g), ls.next(g), seeds.next(g), pcts.next(g)), t -> {
            int n = t.n(), L = t.L(), pct = t.pct();
            long seed = t.seed();
            SplittableRandom r = new SplittableRandom(seed);
            int[][] rows = new int[n][];
            for (int i = 0; i < n; i++) {
                rows[i] = java.util.stream.IntStream.range(0, L).filter(j -> r.nextDouble() < 0.8 / (j + 1)).toArray();
            }
            LabelSets y = labels(L, rows);
            int[] idx = MlRos.indices(y, pct, seed);
            assertTrue(idx.length >= n && idx.length <= n + Math.round(n * pct / 100.0));
            for (int i = 0; i < n; i++) assertEquals(i, idx[i]);
            LabelStats s = LabelStats.of(y);
            for (int k = n; k < idx.length; k++) {
                int row = idx[k];
                boolean minority = Arrays.stream(rows[row]).anyMatch(j -> s.irLbl()[j] > s.meanIR());
                assertTrue(minority, "clone of row " + row + " holds no minority label");
            }
            assertArrayEquals(idx, MlRos.indices(y, pct, seed));
        });
    }

    @Test
    void trainingWithTheLabelAwareSamplerIsDeterministic() {
        int n = 64, f = 4, L = 3;
        float[] x = new float[n * f];
        int[][] rows = new int[n][];
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < f; k++) x[i * f + k] = (float) r.nextGaussian();
            rows[i] = i < 4 ? new int[] {2} : x[i * f] > 0 ? new int[] {0} : new int[] {1};
        }
        Dataset d = new Dataset(new DenseMatrix(n, f, x), labels(L, rows));
        ModelConfig cfg = ModelConfig.mlp(f, List.of(8), L);
        TrainerConfig tc = TrainerConfig.defaults().withEpochs(2).withBatch(16).withThreads(1)
                .withSampler(LabelAwareSampler.uniform());
        float[] a = new Trainer(tc, null).train(cfg, BceWithLogits.unweighted(Reduction.MEAN), d, null, Map.of()).model().parameters();
        float[] b = new Trainer(tc, null).train(cfg, BceWithLogits.unweighted(Reduction.MEAN), d, null, Map.of()).model().parameters();
        assertArrayEquals(a, b);
        float[] c = new Trainer(tc.withSampler(Sampler.shuffle()), null)
                .train(cfg, BceWithLogits.unweighted(Reduction.MEAN), d, null, Map.of()).model().parameters();
        assertFalse(Arrays.equals(a, c));
        assertEquals(Sampler.shuffle(), TrainerConfig.defaults().sampler());
    }
}
