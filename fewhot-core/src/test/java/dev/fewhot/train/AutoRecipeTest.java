package dev.fewhot.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fewhot.data.Dataset;
import dev.fewhot.data.DatasetBuilder;
import dev.fewhot.data.Subsets;
import dev.fewhot.loss.LossKind;
import dev.fewhot.loss.LossSpec;
import dev.fewhot.decide.Objective;
import dev.fewhot.kernels.Activation;
import dev.fewhot.model.ModelConfig;
import dev.fewhot.optim.OptimizerSettings;
import java.util.List;
import java.util.EnumSet;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The auto recipe's choices that depend on the size of the training set. */
class AutoRecipeTest {
    /**
     * A small sparse text-like set: 500 binary features (about 20 a row), 40 labels, one label a
     * row, drawn independently of the features: nothing can be learnt, so the validation measure
     * does not improve and early stopping stops as soon as it is allowed to.
     */
    static Dataset noise(int rows) {
        SplittableRandom r = new SplittableRandom(3);
        DatasetBuilder b = new DatasetBuilder();
        int[] f = new int[20];
        float[] v = new float[20];
        java.util.Arrays.fill(v, 1f);
        for (int i = 0; i < rows; i++) {
            int start = r.nextInt(480);
            for (int k = 0; k < 20; k++) f[k] = start + k;
            b.row(new int[] {r.nextInt(40)}, null, 1, f, v, 20);
        }
        return b.build(500, 40, List.of(), List.of());
    }

    /** Optimiser steps of a run under the recipe's (or the given) batch and early stopping. */
    private static long steps(AutoRecipe a, Dataset d, int batch, EarlyStopping es) {
        Dataset[] parts = Subsets.split(d, a.validSplit(), 0);
        TrainerConfig tc = new TrainerConfig(a.epochs(), batch, a.lr(), 0, TrainerConfig.Schedule.CONSTANT,
                OptimizerSettings.adamW(), 0, 0, 2, es, TrainerConfig.OutputBiasInit.forLoss(a.loss()),
                dev.fewhot.blas.BlasChoice.JAVA, dev.fewhot.train.sampling.Sampler.shuffle());
        ModelConfig cfg = new ModelConfig(d.numFeatures(), List.of(32), d.numLabels(), Activation.RELU, a.dropout());
        TrainResult r = new Trainer(tc, null).train(cfg, LossSpec.of(a.loss()).build(), parts[0], parts[1],
                Map.of());
        return (long) r.epochsRun() * ((parts[0].rows() + batch - 1) / batch);
    }

    @Test
    void onThreeHundredRowsTheRecipeTakesAtLeastFiftyStepsBeforeItMayStop() {
        Dataset d = noise(300);
        AutoRecipe a = AutoRecipe.of(d);
        assertEquals(LossKind.ASL, a.loss());
        assertEquals(16, a.batch(), "225 training rows: 16 rows a batch give 15 steps an epoch");
        assertEquals(15, a.stepsPerEpoch());
        long taken = steps(a, d, a.batch(), a.earlyStoppingSettings());
        assertTrue(taken >= 50, "the recipe stopped after " + taken + " optimiser steps");
        assertTrue(taken >= a.minSteps(), taken + " steps, minimum " + a.minSteps());
        // the recipe before it adapted to the row count (batch 256, no minimum) stopped well before 50 steps
        long before = steps(a, d, 256, new EarlyStopping(EarlyStopping.ValidationMetric.P_AT_1, AutoRecipe.PATIENCE));
        assertTrue(before < 50, "batch 256 without a minimum: " + before + " steps");
    }

    @Test
    void batchAndPatienceFollowTheRows() {
        assertEquals(256, AutoRecipe.batchFor(4392), "bibtex's training rows keep 256");
        assertEquals(64, AutoRecipe.batchFor(1350));
        assertEquals(16, AutoRecipe.batchFor(225));
        assertEquals(16, AutoRecipe.batchFor(50), "never below 16");
        AutoRecipe tiny = AutoRecipe.of(noise(129)); // flags-sized: 97 training rows, 7 steps an epoch
        assertEquals(16, tiny.batch());
        assertEquals(8, tiny.patience(), "patience covers at least 50 steps");
        AutoRecipe large = AutoRecipe.of(noise(5000));
        assertEquals(256, large.batch());
        assertEquals(AutoRecipe.PATIENCE, large.patience());
    }

    @Test
    void largeSetsGetShortCosineRunsAndSmallerOnesKeepEarlyStopping() {
        // the facts of the seed-shaped set: 50,000 dense rows of 256 features, 512 labels, 5 a row
        AutoRecipe.DataFacts seedShaped = new AutoRecipe.DataFacts(50_000, 512, 5.0, 5.0 / 512, 1.0, 256, true, 0);
        AutoRecipe big = AutoRecipe.of(seedShaped);
        assertEquals(176, big.stepsPerEpoch(), "45,000 training rows at batch 256");
        assertTrue(big.shortRuns());
        assertEquals(TrainerConfig.Schedule.COSINE, big.schedule());
        assertEquals(AutoRecipe.SHORT_RUN_EPOCHS, big.epochs());
        assertEquals(AutoRecipe.SHORT_RUN_LR, big.lr());
        assertEquals(AutoRecipe.SHORT_RUN_WARMUP, big.warmup());
        assertEquals(0, big.patience(), "no early stopping");
        assertTrue(!big.earlyStoppingSettings().enabled());
        assertEquals(Refit.OFF, big.refit());
        assertEquals(0.0, big.dropout());
        assertEquals(AutoRecipe.MEMBERS, big.members());
        assertTrue(big.describe().stream().anyMatch(l -> l.startsWith("schedule: 10 epochs, lr 0.005 after 200 warm-up steps")),
                big.describe().toString());
        // just below the boundary (127 steps an epoch) and bibtex-sized sets keep the early-stopped recipe
        int rows = (int) Math.floor(127 * 256 / 0.9);
        AutoRecipe below = AutoRecipe.of(new AutoRecipe.DataFacts(rows, 512, 5.0, 5.0 / 512, 1.0, 256, true, 0));
        assertTrue(below.stepsPerEpoch() < AutoRecipe.LONG_EPOCH_STEPS, below.stepsPerEpoch() + " steps");
        assertTrue(!below.shortRuns());
        assertEquals(TrainerConfig.Schedule.CONSTANT, below.schedule());
        assertEquals(0, below.warmup());
        assertEquals(AutoRecipe.LR, below.lr());
        assertTrue(below.crossFit(), "an ensemble, cross-fitted");
        assertEquals(Refit.ON, below.withoutCrossFit().refit());
        assertEquals(0.5, below.dropout());
        Map<String, String> prov = big.write(EnumSet.allOf(AutoRecipe.Choice.class));
        assertEquals("cosine", prov.get("auto_schedule"));
        assertEquals("200", prov.get("auto_warmup"));
    }

    @Test
    void atLeastOneLabelOnlyWhenTheTrainingRowsAllHaveLabels() {
        AutoRecipe labelled = AutoRecipe.of(noise(300));
        assertTrue(labelled.atLeastOne());
        assertEquals(Objective.MACRO_F1, labelled.objective(), "40 labels, one a row: macro-F1");
        // a third of the rows without labels (birds has 44%): the rule may leave rows empty
        DatasetBuilder b = new DatasetBuilder();
        for (int i = 0; i < 300; i++) {
            b.row(i % 3 == 0 ? new int[0] : new int[] {i % 5}, null, i % 3 == 0 ? 0 : 1, new int[] {i % 7}, new float[] {1f}, 1);
        }
        AutoRecipe sparse = AutoRecipe.of(b.build(7, 5, List.of(), List.of()));
        assertTrue(!sparse.atLeastOne());
        assertEquals(Objective.MICRO_F1, sparse.objective(), "5 labels, 0.67 a row: label-dense, micro-F1");
        assertEquals("0.3333", sparse.facts().toMap().get("rows_without_labels"));
        // nor are its networks cross-fitted: thresholds from single networks' held-out scores left
        // too many rows empty there; the split stays, and an asl ensemble is refit
        assertTrue(labelled.crossFit(), "labelled rows: cross-fitted");
        assertEquals(Refit.OFF, labelled.refit());
        assertTrue(!sparse.crossFit(), "a third of the rows unlabelled: no folds");
        assertTrue(sparse.describe().toString().contains("no cross-fit: rows without labels 0.3333 >= 0.1"),
                sparse.describe().toString());
        AutoRecipe.DataFacts birdsLike = new AutoRecipe.DataFacts(322, 19, 1.06, 1.06 / 19, 0.59, 260, false, 0.44);
        AutoRecipe birds = AutoRecipe.of(birdsLike);
        assertTrue(!birds.crossFit());
        assertEquals(Refit.ON, birds.refit(), "asl, not cross-fitted: refit");
        assertEquals(5, birds.members());
        // label-dense and under SMALL_ROWS rows: ten cross-fitted networks; many labels keep five
        AutoRecipe.DataFacts emotionsLike = new AutoRecipe.DataFacts(391, 6, 1.87, 1.87 / 6, 1.0, 72, true, 0);
        AutoRecipe emotions = AutoRecipe.of(emotionsLike);
        assertEquals(AutoRecipe.SMALL_DENSE_MEMBERS, emotions.members());
        assertTrue(emotions.crossFit());
        assertTrue(emotions.describe().toString().contains("10 networks (label density >= 0.1, under 1000 training rows)"),
                emotions.describe().toString());
        assertTrue(emotions.describe().toString().contains("every row trains 9 of the 10 networks"), emotions.describe().toString());
        AutoRecipe scene = AutoRecipe.of(new AutoRecipe.DataFacts(1211, 6, 1.07, 1.07 / 6, 1.0, 294, true, 0));
        assertEquals(AutoRecipe.MEMBERS, scene.members(), "1,211 rows: five");
        assertEquals(AutoRecipe.MEMBERS, labelled.members(), "many labels: five");
    }

    @Test
    void aForestIsGrownOnlyOnDenseDataWhereTreesAreCheap() {
        AutoRecipe.DataFacts emotionsLike = new AutoRecipe.DataFacts(391, 6, 1.87, 1.87 / 6, 1.0, 72, true, 0);
        AutoRecipe.DataFacts birdsLike = new AutoRecipe.DataFacts(322, 19, 1.06, 1.06 / 19, 0.59, 260, false, 0.44);
        AutoRecipe.DataFacts yeastLike = new AutoRecipe.DataFacts(1500, 14, 4.24, 4.24 / 14, 1.0, 103, true, 0);
        for (AutoRecipe.DataFacts f : List.of(emotionsLike, birdsLike, yeastLike)) {
            AutoRecipe r = AutoRecipe.of(f);
            assertTrue(r.forest(), f.toString());
            assertTrue(r.describe().stream().anyMatch(l -> l.startsWith("forest: 500 extremely randomized trees, each on 4 of 5 folds")), r.describe().toString());
        }
        // bag-of-words text, many rows, wide rows, many rows x labels: networks alone
        AutoRecipe.DataFacts bibtexLike = new AutoRecipe.DataFacts(4880, 159, 2.4, 2.4 / 159, 0.04, 69, false, 0);
        AutoRecipe.DataFacts seedShaped = new AutoRecipe.DataFacts(50_000, 512, 5.0, 5.0 / 512, 1.0, 256, true, 0);
        AutoRecipe.DataFacts wide = new AutoRecipe.DataFacts(500, 6, 1.5, 1.5 / 6, 1.0, AutoRecipe.FOREST_MAX_FEATURES + 1, true, 0);
        AutoRecipe.DataFacts manyLabels = new AutoRecipe.DataFacts(2000, 26, 3.0, 3.0 / 26, 1.0, 100, true, 0);
        for (AutoRecipe.DataFacts f : List.of(bibtexLike, seedShaped, wide, manyLabels)) {
            AutoRecipe r = AutoRecipe.of(f);
            assertFalse(r.forest(), f.toString());
            assertTrue(r.describe().stream().anyMatch(l -> l.startsWith("forest: off")), r.describe().toString());
        }
        assertTrue(AutoRecipe.of(new AutoRecipe.DataFacts(2000, 25, 3.0, 3.0 / 25, 1.0, 100, true, 0)).forest(),
                "50,000 rows x labels is the bound");
        assertEquals("on", AutoRecipe.of(emotionsLike).write(EnumSet.allOf(AutoRecipe.Choice.class)).get("auto_forest"));
        // a job that chose the forest's kind: the line names the trees it grows
        List<String> lines = AutoRecipe.of(yeastLike).describe(EnumSet.allOf(AutoRecipe.Choice.class),
                dev.fewhot.forest.ForestSettings.Kind.BREIMAN.settings());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("forest: 300 trees, bootstrap samples")), lines.toString());
    }

    @Test
    void aSecondLevelIsTriedWithCrossFittedEnsemblesWhereItIsCheap() {
        AutoRecipe.DataFacts yeastLike = new AutoRecipe.DataFacts(1500, 14, 4.24, 4.24 / 14, 1.0, 103, true, 0);
        AutoRecipe.DataFacts genbaseLike = new AutoRecipe.DataFacts(463, 27, 1.25, 1.25 / 27, 0.3, 1186, false, 0);
        for (AutoRecipe.DataFacts f : List.of(yeastLike, genbaseLike)) {
            AutoRecipe r = AutoRecipe.of(f);
            assertTrue(r.crossFit() && r.stacking(), f.toString());
            assertTrue(r.describe().stream().anyMatch(l -> l.startsWith("stacking: a second level")), r.describe().toString());
        }
        // not cross-fitted (rows without labels), too many labels, too many rows x labels
        AutoRecipe.DataFacts birdsLike = new AutoRecipe.DataFacts(322, 19, 1.06, 1.06 / 19, 0.59, 260, false, 0.44);
        AutoRecipe.DataFacts manyLabels = new AutoRecipe.DataFacts(2000, 100, 3.0, 3.0 / 100, 1.0, 100, true, 0);
        AutoRecipe.DataFacts tmcLike = new AutoRecipe.DataFacts(21519, 22, 2.2, 2.2 / 22, 0.09, 43, false, 0);
        for (AutoRecipe.DataFacts f : List.of(birdsLike, manyLabels, tmcLike)) {
            AutoRecipe r = AutoRecipe.of(f);
            assertFalse(r.stacking(), f.toString());
            assertTrue(r.describe().stream().anyMatch(l -> l.startsWith("stacking: off")), r.describe().toString());
        }
        assertEquals("on", AutoRecipe.of(yeastLike).write(EnumSet.allOf(AutoRecipe.Choice.class)).get("auto_stacking"));
    }

    @Test
    void theSizeChoicesAndTheObjectiveAreStoredAndReadBack() {
        AutoRecipe a = AutoRecipe.of(noise(300));
        Map<String, String> prov = a.write(EnumSet.allOf(AutoRecipe.Choice.class));
        assertEquals("16", prov.get("auto_batch"));
        assertEquals("100", prov.get("auto_min_steps"));
        assertEquals("macro-f1", prov.get("auto_objective"));
        AutoRecipe.Applied back = AutoRecipe.read(prov).orElseThrow();
        assertEquals("16", back.choices().get(AutoRecipe.Choice.BATCH));
        assertEquals(String.valueOf(AutoRecipe.LR), back.choices().get(AutoRecipe.Choice.LR));
        assertEquals("macro-f1", back.choices().get(AutoRecipe.Choice.OBJECTIVE));
        assertEquals(0.0, back.facts().emptyRowShare());
        assertTrue(a.describe().stream().anyMatch(l -> l.startsWith("batch 16 and lr 0.001 for 225 training rows")),
                a.describe().toString());
    }

    @Test
    void objectivesMapToTheirRules() {
        assertEquals(ThresholdStrategy.PER_LABEL, ThresholdStrategy.of(Objective.fromId("macro-f1")));
        assertEquals(ThresholdStrategy.GLOBAL, ThresholdStrategy.of(Objective.fromId("Micro-F1")));
        assertEquals(ThresholdStrategy.PCUT, ThresholdStrategy.of(Objective.fromId("hamming")));
        assertEquals(ThresholdStrategy.TOP_K, ThresholdStrategy.of(Objective.fromId("p@k")));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Objective.fromId("f2"));
        assertTrue(e.getMessage().contains("micro-f1, macro-f1, hamming or p@k, got 'f2'"), e.getMessage());
    }
}
