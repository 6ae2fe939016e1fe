package dev.fewhot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fewhot.data.Dataset;
import dev.fewhot.data.DatasetBuilder;
import dev.fewhot.data.LabelSets;
import dev.fewhot.data.io.BadLinePolicy;
import dev.fewhot.data.io.Datasets;
import dev.fewhot.data.io.ReadOptions;
import dev.fewhot.data.synth.FewHotGenerator;
import dev.fewhot.data.synth.FewHotSettings;
import dev.fewhot.decide.DecisionRule;
import dev.fewhot.io.ModelFile;
import dev.fewhot.loss.LossKind;
import dev.fewhot.loss.Losses;
import dev.fewhot.metrics.Report;
import dev.fewhot.model.Model;
import dev.fewhot.model.ModelConfig;
import dev.fewhot.train.AutoRecipe;
import dev.fewhot.train.EarlyStopping;
import dev.fewhot.train.TrainResult;
import dev.fewhot.train.Trainer;
import dev.fewhot.train.TrainerConfig;
import dev.fewhot.train.Thresholds;
import dev.fewhot.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public entry point: train, predict, evaluate, save and load through {@link FewHot} alone. */
class FewHotApiTest {
    @TempDir Path dir;

    static Dataset data(FewHotGenerator.Split split, int labels, int features, int rows, long seed) {
        FewHotSettings s = FewHotSettings.defaults().withShape(labels, features).withRows(rows, rows / 4).withSeed(seed);
        DatasetBuilder b = new DatasetBuilder();
        new FewHotGenerator(s).generate(split, b);
        return b.build(features, labels, List.of(), List.of());
    }

    /** Records the events a job sends. */
    static final class Events implements TrainingListener {
        final List<String> log = new ArrayList<>();
        int epochs, batches;

        @Override public void networkStarted(int index, int count, Phase phase, int maxEpochs) {
            log.add("start " + phase + " " + (index + 1) + "/" + count);
        }
        @Override public void networkFinished(int index, int count, Phase phase, TrainResult r) {
            log.add("end " + phase + " " + (index + 1) + "/" + count + " kept " + r.bestEpoch());
        }
        @Override public void batchEnded(int epoch, int batch, int perEpoch, double loss, double rate) { batches++; }
        @Override public void epochEnded(int epoch, double loss, double valid) { epochs++; }
        @Override public void earlyStopped(int epoch, int best, double value) { log.add("early stop " + epoch + " best " + best); }
    }

    @Test
    void anEnsembleWithRefitTrainsEveryNetworkTwiceAndSavesWhatItPredicts() throws Exception {
        Dataset train = data(FewHotGenerator.Split.TRAIN, 40, 16, 600, 3), test = data(FewHotGenerator.Split.TEST, 40, 16, 600, 3);
        Events ev = new Events();
        Training t = FewHot.trainer().loss(Losses.asl()).hidden(32).epochs(6).validationSplit(0.2)
                .earlyStopping(EarlyStopping.ValidationMetric.P_AT_1, 2).thresholds(Thresholds.perLabel()).ensemble(3)
                .refit(true).seed(5).threads(2).listener(ev).plan(train, null).run();
        FewHotModel model = t.model();
        assertEquals(3, model.model().members());
        assertEquals(List.of("start TRAIN 1/3", "end TRAIN 1/3 kept " + t.bestEpochs().get(0), "start REFIT 1/3"),
                ev.log.stream().filter(s -> !s.startsWith("early")).toList().subList(0, 3));
        assertEquals(12, ev.log.stream().filter(s -> !s.startsWith("early")).count(), ev.log.toString());
        assertTrue(ev.epochs > 0 && ev.batches > 0);
        Map<String, String> p = model.provenance();
        assertEquals("3", p.get("ensemble"));
        assertEquals("on", p.get("refit"));
        assertEquals(t.bestEpochs().toString(), p.get("member_best_epochs"));
        assertEquals(t.bestEpochs().toString(), p.get("refit_epochs"), "each refit ran its network's best epoch count");
        assertEquals(String.valueOf(train.rows()), p.get("refit_rows"));
        assertEquals(t.epochsRun().toString(), p.get("epochs_run"));
        assertEquals(t.bestEpochs().toString(), p.get("epochs_kept"));
        assertFalse(p.containsKey("auto"));
        assertTrue(model.rule() instanceof DecisionRule.AtLeastOne a && a.inner() instanceof DecisionRule.PerLabel, model.rule().toString());
        assertTrue(t.describeNetworks().startsWith("3 networks: epochs run "), t.describeNetworks());

        float[] scores = model.scores(test.features());
        assertEquals(test.rows() * 40, scores.length);
        LabelSets predicted = model.predict(test);
        for (int r = 0; r < test.rows(); r++) assertTrue(predicted.count(r) >= 1, "at least one label per row");
        Report rep = model.evaluate(test);
        assertTrue(rep.at(1).p() > 0.1, "P@1 " + rep.at(1).p());
        assertNotNull(rep.toJson().get("micro_f1"));

        Path f = dir.resolve("m.fewhot");
        model.save(f);
        FewHotModel back = FewHotModel.load(f);
        assertArrayEquals(scores, back.scores(test.features()));
        assertEquals(model.rule().toString(), back.rule().toString());
    }

    @Test
    void aForestIsGrownBesideTheNetworksBlendedOnHeldOutRowsAndSaved() throws Exception {
        Dataset train = data(FewHotGenerator.Split.TRAIN, 8, 12, 400, 6), test = data(FewHotGenerator.Split.TEST, 8, 12, 400, 6);
        List<String> grown = new ArrayList<>();
        TrainingListener ev = new TrainingListener() {
            @Override public void forestGrown(int trees, double seconds) { grown.add(trees + " trees"); }
            @Override public void networkStarted(int index, int count, Phase phase, int maxEpochs) { grown.add("network"); }
        };
        // a one-epoch network is weak, so the held-out rows should prefer some of the forest
        java.util.function.IntFunction<Training> fit = threads -> FewHot.trainer().loss(Losses.bce()).hidden(8).epochs(1)
                .validationSplit(0.25).thresholds(Thresholds.global()).forest(true)
                .forestSettings(new dev.fewhot.forest.ForestSettings(40, 1, 0, dev.fewhot.forest.ForestSettings.Cuts.RANDOM, 5)).seed(3).threads(threads).listener(ev)
                .plan(train, null).run();
        Training t = fit.apply(2);
        Model m = t.model().model();
        assertEquals(List.of("40 trees", "network"), grown, "the forest first: the time budget counts it");
        assertTrue(m.networkShare() < 1 && m.forest() != null, "share " + m.networkShare() + ": " + m.provenance().get("forest"));
        assertEquals(4, m.formatVersion());
        assertTrue(m.provenance().get("forest").startsWith("40 extremely randomized trees, each on 4 of 5 folds, sqrt(features) a split"), m.provenance().get("forest"));

        float[] scores = t.model().scores(test.features());
        for (float v : scores) assertTrue(v >= 0 && v <= 1, "a blended probability: " + v);
        assertArrayEquals(scores, fit.apply(1).model().scores(test.features()), "the same model at 1 and 2 threads");
        Path f = dir.resolve("forest.fewhot");
        t.model().save(f);
        FewHotModel back = FewHotModel.load(f);
        assertArrayEquals(scores, back.scores(test.features()));
        assertEquals(m.networkShare(), back.model().networkShare());
        assertEquals(t.model().rule().toString(), back.rule().toString());
    }

    @Test
    void aSecondLevelIsChosenOnHeldOutRowsAndTheModelScoresAsItWasChosen() throws Exception {
        Dataset train = data(FewHotGenerator.Split.TRAIN, 8, 12, 400, 6), test = data(FewHotGenerator.Split.TEST, 8, 12, 400, 6);
        java.util.function.IntFunction<Training> fit = threads -> FewHot.trainer().loss(Losses.bce()).hidden(8).epochs(1)
                .validationSplit(0.25).thresholds(Thresholds.global()).forest(true).stacking(true)
                .forestSettings(new dev.fewhot.forest.ForestSettings(40, 1, 0, dev.fewhot.forest.ForestSettings.Cuts.RANDOM, 5))
                .seed(3).threads(threads).plan(train, null).run();
        Training t = fit.apply(2);
        Model m = t.model().model();
        String choice = m.provenance().get("stacking");
        assertNotNull(choice, "the choice is in the provenance");
        boolean kept = choice.startsWith("kept, share ");
        assertTrue(kept || choice.startsWith("not kept: "), choice);
        assertEquals(kept, m.stacking() != null, choice);
        // with these one-epoch networks, this forest and this seed the second level pays on the held-out rows
        assertTrue(kept, choice);
        assertEquals(5, m.formatVersion());
        assertEquals((m.forest() != null ? 2 : 1) * 8, m.stacking().inputs(), "the networks' probabilities (and the forest's)");
        assertTrue(choice.contains("share " + m.stackedShare()), choice);
        float[] scores = t.model().scores(test.features());
        for (float v : scores) assertTrue(v >= 0 && v <= 1, "a probability: " + v);
        assertArrayEquals(scores, fit.apply(1).model().scores(test.features()), "the same model at 1 and 2 threads");
        Path f = dir.resolve("stacked.fewhot");
        t.model().save(f);
        assertArrayEquals(scores, FewHotModel.load(f).scores(test.features()));
        // without held-out rows there is nothing to fit the second level on
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FewHot.trainer().loss(Losses.bce()).hidden(8).epochs(1).stacking(true).plan(train, null));
        assertTrue(e.getMessage().startsWith("--stacking on needs held-out rows"), e.getMessage());
    }

    /** The shape of the library tour: read, train with typed settings, predict, score, evaluate, save, load. */
    @Test
    void theLibraryTourCompilesAndRuns() throws Exception {
        Path trainFile = dir.resolve("train.txt"), testFile = dir.resolve("test.txt");
        dev.fewhot.data.io.XcFormat.write(trainFile, data(FewHotGenerator.Split.TRAIN, 30, 10, 400, 8));
        dev.fewhot.data.io.XcFormat.write(testFile, data(FewHotGenerator.Split.TEST, 30, 10, 400, 8));
        TrainingListener progress = new Events();

        Dataset train = dev.fewhot.data.io.Datasets.read(trainFile);      // format detected
        FewHotModel model = FewHot.trainer()                               // the auto recipe unless told otherwise
                .loss(Losses.asl())                                        // typed, validated settings
                .validationSplit(0.1).thresholds(Thresholds.perLabel())
                .ensemble(2).refit(true).seed(0).threads(1)
                .listener(progress)                                        // epochs, steps, early stopping, checkpoints
                .fit(train);
        Dataset test = dev.fewhot.data.io.Datasets.read(testFile);
        LabelSets predicted = model.predict(test);
        float[] scores = model.scores(test.features());
        Map<String, Object> json = model.evaluate(test).toJson();
        model.save(dir.resolve("tour.fewhot"));
        FewHotModel back = FewHotModel.load(dir.resolve("tour.fewhot"));

        assertEquals(test.rows(), predicted.rows());
        assertArrayEquals(scores, back.scores(test.features()));
        assertTrue(json.containsKey("p@1") && json.containsKey("macro_f1"), json.keySet().toString());
        assertEquals("[1024]", back.provenance().get("hidden"), "the loss is given: no auto recipe, the manual width");
    }

    @Test
    void theEnsembleIsTheNetworksTrainedOneByOneWithTheirSeeds() {
        Dataset train = data(FewHotGenerator.Split.TRAIN, 20, 12, 300, 9);
        FewHotModel m = FewHot.trainer().loss(Losses.bce()).hidden(16).epochs(2).ensemble(2).seed(40).threads(1).fit(train);
        float[] joined = m.model().parameters();
        ModelConfig cfg = m.model().config();
        TrainerConfig tc = TrainerConfig.defaults().withEpochs(2).withThreads(1).withSeed(40);
        for (int k = 0; k < 2; k++) {
            float[] one = new Trainer(tc.withSeed(40 + k), null).train(cfg, Losses.bce().spec(train.labels()).build(), train, null, Map.of())
                    .model().parameters();
            float[] part = java.util.Arrays.copyOfRange(joined, k * cfg.parameterCount(), (k + 1) * cfg.parameterCount());
            assertArrayEquals(one, part, "network " + k + " trained with seed " + (40 + k));
        }
    }

    @Test
    void aPlainTrainerAppliesTheAutoRecipeAndRecordsIt() {
        Dataset train = data(FewHotGenerator.Split.TRAIN, 60, 12, 400, 2);
        TrainingPlan plan = FewHot.trainer().threads(1).ensemble(1).plan(train, null);
        assertTrue(plan.auto());
        AutoRecipe r = plan.recipe();
        assertEquals(r.loss(), plan.loss().kind());
        assertEquals(List.of(r.hidden()), plan.model().hidden());
        assertEquals(r.epochs(), plan.trainer().epochs());
        assertEquals(r.patience(), plan.trainer().earlyStopping().patience());
        assertFalse(plan.applied().contains(AutoRecipe.Choice.ENSEMBLE), "ensemble was given");
        assertEquals(1, plan.members());
        assertEquals("true", plan.provenance().get("auto"));
        assertEquals(r.loss().id(), plan.provenance().get("auto_loss"));
        assertFalse(plan.provenance().containsKey("auto_ensemble"));
        assertEquals(r.batch(), plan.trainer().batchSize(), "the batch follows the training rows");
        assertEquals(r.minSteps(), plan.trainer().earlyStopping().minSteps());
        assertEquals(r.objective().id(), plan.provenance().get("auto_objective"));
        assertEquals(12, r.describe().size(), r.describe().toString());
        assertEquals(r.forest(), plan.forest() != null, "the plan grows a forest when the recipe says so");
        assertEquals(r.stacking(), plan.stacking(), "the plan tries a second level when the recipe says so");
        List<String> explained = r.describe(plan.applied());
        assertEquals(11, explained.size(), "the ensemble was given: " + explained);
        assertTrue(explained.stream().noneMatch(l -> l.startsWith("ensemble")), explained.toString());
        assertTrue(explained.get(0).startsWith("loss " + r.loss().id() + ": label density"), explained.get(0));
        // any of loss kind, hidden widths or epochs turns the recipe off
        TrainingPlan manual = FewHot.trainer().epochs(3).threads(1).plan(train, null);
        assertFalse(manual.auto());
        assertEquals(LossKind.ASL, manual.loss().kind());
        assertEquals(1, manual.members());
        assertEquals(null, manual.valid());
    }

    @Test
    void theRecipeWritesAndReadsItsProvenance() {
        Dataset train = data(FewHotGenerator.Split.TRAIN, 60, 12, 400, 2);
        AutoRecipe r = AutoRecipe.of(train);
        EnumSet<AutoRecipe.Choice> applied = EnumSet.of(AutoRecipe.Choice.LOSS, AutoRecipe.Choice.VALID_SPLIT, AutoRecipe.Choice.REFIT);
        Map<String, String> prov = r.write(applied);
        AutoRecipe.Applied back = AutoRecipe.read(prov).orElseThrow();
        assertEquals(applied, back.choices().keySet());
        assertEquals(r.loss().id(), back.choices().get(AutoRecipe.Choice.LOSS));
        assertEquals(r.facts().rows(), back.facts().rows());
        assertEquals(r.facts().labels(), back.facts().labels());
        assertEquals(r.facts().labelDensity(), back.facts().labelDensity(), 1e-3 * r.facts().labelDensity());
        assertTrue(AutoRecipe.read(Map.of("loss", "bce")).isEmpty());
        assertEquals(r, AutoRecipe.of(train), "a function of the data");
    }

    @Test
    void settingsThatNeedValidationSayWhat() {
        Dataset train = data(FewHotGenerator.Split.TRAIN, 20, 12, 200, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FewHot.trainer().epochs(1).refit(true).plan(train, null));
        assertTrue(e.getMessage().contains("--refit on needs validation data"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FewHot.trainer().epochs(1).thresholds(Thresholds.global()).plan(train, null));
        assertTrue(e.getMessage().contains("needs validation data"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FewHot.trainer().epochs(1).ensemble(0).plan(train, null));
        assertTrue(e.getMessage().contains("must be >= 1, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> FewHot.trainer().loss(Losses.asl().withClassBalanced(0.99)).epochs(1).plan(train, null));
        assertTrue(e.getMessage().contains("not to asl"), e.getMessage());
        Dataset narrow = data(FewHotGenerator.Split.TEST, 20, 10, 200, 4);
        e = assertThrows(IllegalArgumentException.class, () -> FewHot.trainer().epochs(1).plan(train, narrow));
        assertTrue(e.getMessage().contains("10 features, the training data has 12"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FewHot.trainer().epochs(1).validationSplit(0.1).plan(train, train));
        assertTrue(e.getMessage().contains("give one"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FewHot.trainer().epochs(1).forest(true).plan(train, null));
        assertTrue(e.getMessage().contains("--forest on needs held-out rows"), e.getMessage());
    }

    @Test
    void aModelRejectsRowsOfAnotherWidth() throws Exception {
        Dataset train = data(FewHotGenerator.Split.TRAIN, 10, 8, 100, 1);
        FewHotModel m = FewHot.trainer().loss(Losses.bce()).hidden().epochs(1).threads(1).fit(train);
        Dataset other = data(FewHotGenerator.Split.TRAIN, 10, 9, 100, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.scores(other.features()));
        assertTrue(e.getMessage().contains("9 features, the model expects 8"), e.getMessage());
        Path f = dir.resolve("linear.fewhot");
        m.save(f);
        Model loaded = ModelFile.load(f);
        assertEquals(List.of(), loaded.config().hidden());
        assertTrue(Files.size(f) > 0);
    }

    @Test
    void theTrainingFilesAttributeEncodingTravelsWithTheModel() throws Exception {
        Path trainFile = Path.of(getClass().getResource("/dev/fewhot/data/io/arff/unseen-train.arff").toURI());
        Path testFile = Path.of(getClass().getResource("/dev/fewhot/data/io/arff/unseen-test.arff").toURI());
        Datasets.Read r = Datasets.readEncoded(trainFile, ReadOptions.defaults(), Datasets.Shape.any(), BadLinePolicy.fail());
        assertNotNull(r.encoding(), "a nominal attribute: an encoding");
        assertEquals(4, r.data().numFeatures(), "place one-hot (3 columns) and x");
        FewHotModel m = FewHot.trainer().epochs(1).hidden(4).threads(1).encoding(r.encoding()).fit(r.data());
        Path f = dir.resolve("enc.fewhot");
        m.save(f);
        assertEquals(3, java.nio.ByteBuffer.wrap(Files.readAllBytes(f), 8, 4).getInt(), "format version 3 with ENCD");
        FewHotModel back = FewHot.load(f);
        assertEquals(r.encoding().columns(), back.model().encoding().columns());
        // the test file declares its values in another order and one more: read as the training file was
        Dataset te = back.read(testFile);
        assertEquals(4, te.numFeatures());
        Dataset fitted = Datasets.read(testFile, ReadOptions.defaults());
        assertEquals(5, fitted.numFeatures(), "fitted on the test file itself: 4 one-hot columns and x");
        // a model without an encoding stays at format version 1 and reads files as they are
        FewHotModel plain = FewHot.trainer().epochs(1).hidden(4).threads(1).fit(r.data());
        plain.save(dir.resolve("plain.fewhot"));
        assertEquals(1, java.nio.ByteBuffer.wrap(Files.readAllBytes(dir.resolve("plain.fewhot")), 8, 4).getInt());
    }
}
