package dev.fewhot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fewhot.data.Dataset;
import dev.fewhot.data.Subsets;
import dev.fewhot.data.synth.FewHotGenerator;
import dev.fewhot.decide.DecisionRule;
import dev.fewhot.loss.Losses;
import dev.fewhot.train.AutoRecipe;
import dev.fewhot.train.EarlyStopping;
import dev.fewhot.train.Refit;
import dev.fewhot.train.ThresholdStrategy;
import dev.fewhot.train.Thresholds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cross-fitted ensembles: folds, each network's rows, the rule tuned on every row's held-out score. */
class CrossFitTest {
    @Test
    void foldsPartitionTheRowsEvenlyAndDependOnTheSeedAlone() {
        for (int rows : new int[] {5, 12, 103, 391}) {
            int[][] folds = Subsets.folds(rows, 5, 7);
            boolean[] seen = new boolean[rows];
            int min = Integer.MAX_VALUE, max = 0;
            for (int[] f : folds) {
                min = Math.min(min, f.length);
                max = Math.max(max, f.length);
                for (int i = 1; i < f.length; i++) assertTrue(f[i - 1] < f[i], "sorted");
                for (int r : f) {
                    assertTrue(!seen[r], "row " + r + " in two folds");
                    seen[r] = true;
                }
                int[] rest = Subsets.complement(rows, f);
                assertEquals(rows - f.length, rest.length);
                for (int r : rest) assertTrue(Arrays.binarySearch(f, r) < 0);
            }
            for (boolean b : seen) assertTrue(b, "every row in a fold");
            assertTrue(max - min <= 1, "fold sizes " + min + ".." + max);
            assertArrayEquals(folds[2], Subsets.folds(rows, 5, 7)[2], "same seed, same folds");
        }
        assertTrue(!Arrays.equals(Subsets.folds(100, 5, 1)[0], Subsets.folds(100, 5, 2)[0]), "another seed, other folds");
        assertThrows(IllegalArgumentException.class, () -> Subsets.folds(4, 5, 0));
        assertThrows(IllegalArgumentException.class, () -> Subsets.folds(10, 1, 0));
    }

    private static FewHotTrainer small() {
        return FewHot.trainer().loss(Losses.bce()).hidden(16).epochs(4).batchSize(32).threads(1).seed(3)
                .earlyStopping(EarlyStopping.ValidationMetric.LOSS, 2).thresholds(Thresholds.global()).ensemble(3);
    }

    @Test
    void eachNetworkHoldsOutItsFoldAndTheRuleIsTunedOnEveryRowsHeldOutScore() {
        Dataset train = FewHotApiTest.data(FewHotGenerator.Split.TRAIN, 12, 10, 300, 5);
        TrainingPlan plan = small().crossFit(true).plan(train, null);
        assertNull(plan.valid(), "no shared validation split");
        assertEquals(3, plan.folds().length);
        assertEquals("3 folds", plan.provenance().get("cross_fit"));
        Training t = plan.run();
        FewHotModel model = t.model();
        assertEquals(3, model.model().members());
        // the rule is the one tuned on the held-out scores: network k scores fold k
        int labels = train.numLabels();
        float[] scores = new float[train.rows() * labels];
        List<Integer> order = new ArrayList<>();
        int at = 0;
        for (int k = 0; k < 3; k++) {
            int[] fold = plan.folds()[k];
            var network = t.networks().networks().get(k).heldOut();
            // network k trained on the other folds and validated on fold k
            assertEquals(train.rows() - fold.length, network.model().prior().rows());
            float[] s = network.model().predictor(1).scores(Subsets.select(train, fold).features());
            System.arraycopy(s, 0, scores, at * labels, s.length);
            at += fold.length;
            for (int r : fold) order.add(r);
        }
        int[] rows = order.stream().mapToInt(Integer::intValue).toArray();
        DecisionRule expected = ThresholdStrategy.GLOBAL.tune(scores, Subsets.select(train, rows).labels(),
                train.labels().labelCounts(), train.rows(), false);
        assertEquals(expected, model.model().rule());
    }

    @Test
    void crossFitNeedsAnEnsembleNoRefitAndNoOtherValidation() {
        Dataset train = FewHotApiTest.data(FewHotGenerator.Split.TRAIN, 12, 10, 300, 5);
        String rule = "--cross-fit on needs an ensemble (--ensemble >= 2";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> small().ensemble(1).crossFit(true).plan(train, null))
                .getMessage().startsWith(rule));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> small().crossFit(true).refit(true).plan(train, null))
                .getMessage().startsWith(rule));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> small().crossFit(true).validationSplit(0.2).plan(train, null))
                .getMessage().startsWith(rule));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> small().crossFit(true).plan(train, train))
                .getMessage().startsWith(rule));
    }

    @Test
    void theRecipeCrossFitsItsEnsemblesAndRefitsASingleAslNetwork() {
        AutoRecipe dense = AutoRecipe.of(new AutoRecipe.DataFacts(400, 6, 1.9, 1.9 / 6, 1.0, 72, true, 0));
        assertTrue(dense.crossFit(), "bce with an ensemble");
        assertEquals(Refit.OFF, dense.refit());
        AutoRecipe sparse = AutoRecipe.of(new AutoRecipe.DataFacts(4000, 159, 2.4, 2.4 / 159, 0.01, 70, false, 0));
        assertTrue(sparse.crossFit(), "asl with an ensemble");
        assertEquals(Refit.OFF, sparse.refit(), "the folds replace the refit");
        assertEquals(Refit.ON, sparse.withoutCrossFit().refit(), "without folds, asl refits");
        assertTrue(!sparse.withoutCrossFit().crossFit());
        assertEquals(Refit.OFF, dense.withoutCrossFit().refit());
        // too much work for an ensemble: one network, refit with asl
        AutoRecipe one = AutoRecipe.of(new AutoRecipe.DataFacts(30_000, 3000, 5, 5.0 / 3000, 0.01, 2000, false, 0));
        assertEquals(1, one.members());
        assertTrue(!one.crossFit());
        assertEquals(Refit.ON, one.refit());
        // the plan applies the folds unless the user gave validation rows, a split or one network
        Dataset train = FewHotApiTest.data(FewHotGenerator.Split.TRAIN, 30, 10, 300, 5);
        TrainingPlan p = FewHot.trainer().threads(1).seed(1).plan(train, null);
        assertEquals(AutoRecipe.of(train).members(), p.folds().length, "one fold per network");
        assertTrue(p.folds().length >= AutoRecipe.MEMBERS);
        assertEquals("on", p.chosen().get("cross_fit"));
        assertEquals("off", p.chosen().get("refit"));
        assertTrue(!p.chosen().containsKey("valid_split"), "the folds replace the split");
        TrainingPlan split = FewHot.trainer().threads(1).validationSplit(0.2).plan(train, null);
        assertNull(split.folds(), "a split asked for wins");
        assertTrue(!split.chosen().containsKey("cross_fit"));
        TrainingPlan single = FewHot.trainer().threads(1).ensemble(1).plan(train, null);
        assertNull(single.folds());
        assertEquals(AutoRecipe.of(train).loss() == dev.fewhot.loss.LossKind.ASL ? "on" : "off", single.chosen().get("refit"));
        TrainingPlan off = FewHot.trainer().threads(1).crossFit(false).plan(train, null);
        assertNull(off.folds());
        assertEquals(single.chosen().get("refit"), off.chosen().get("refit"));
    }
}
