package dev.fewhot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fewhot.FewHot;
import dev.fewhot.FewHotTrainer;
import dev.fewhot.Training;
import dev.fewhot.TrainingPlan;
import dev.fewhot.blas.BlasChoice;
import dev.fewhot.data.Dataset;
import dev.fewhot.data.io.Datasets;
import dev.fewhot.train.CheckpointFile;
import dev.fewhot.model.InputTransform;
import dev.fewhot.model.ModelConfig;
import dev.fewhot.optim.OptimizerSettings;
import dev.fewhot.train.Checkpointing;
import dev.fewhot.train.EarlyStopping;
import dev.fewhot.train.AutoRecipe;
import dev.fewhot.decide.Objective;
import dev.fewhot.train.Refit;
import dev.fewhot.train.ThresholdStrategy;
import dev.fewhot.train.Thresholds;
import dev.fewhot.train.TimeBudget;
import dev.fewhot.train.TrainResult;
import dev.fewhot.train.TrainerConfig;
import dev.fewhot.train.TrainingDivergedException;
import dev.fewhot.train.TrainingState;
import dev.fewhot.train.sampling.Sampler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fewhot train}: parses its options into {@link FewHotTrainer} settings, runs the
 * library's training job, saves the model and prints a summary.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a multi-label model (linear or MLP) and save it.",
                "",
                "Auto mode: without --loss, --hidden and --epochs, the recipe is chosen from the training data: "
                        + "loss asl when label cardinality / labels < 0.1 (else bce); raw inputs when the features are sparse "
                        + "(< 10%% non-zero) and non-negative, else column z-scores (--input standardize); one hidden layer "
                        + "of 1024 (512 under 1000 rows) with dropout 0.5; up to 100 epochs with early stopping "
                        + "(patience 5, on validation P@1 for asl, else loss) on a seeded split of the training rows (10%%, at "
                        + "least 100 rows, at most 25%%); batch 256, or on fewer training rows the largest power of two (at "
                        + "least 16) giving 16 optimiser steps an epoch, lr 1e-3; early stopping only after 100 optimiser "
                        + "steps and with a patience of at least 50 steps; AdamW (weight decay 0.01); an ensemble of 5 seeds "
                        + "when rows x stored values per row <= 5e7; when an epoch is at least " + AutoRecipe.LONG_EPOCH_STEPS
                        + " optimiser steps (large sets), short runs instead: " + AutoRecipe.SHORT_RUN_EPOCHS + " epochs each, lr "
                        + AutoRecipe.SHORT_RUN_LR + " after " + AutoRecipe.SHORT_RUN_WARMUP + " warm-up steps with cosine decay, no "
                        + "dropout, early stopping or refit, 5 networks; the ensemble keeps only the networks that fit the "
                        + "time budget (--time-budget, 5 minutes); "
                        + "the decision rule tuned on the split for --objective (default micro-f1, a global threshold, when label "
                        + "cardinality / labels >= 0.1, else macro-f1, per-label thresholds), at least one "
                        + "label per row unless 10%% or more of the training rows have none; an ensemble is cross-fitted (except "
                        + "where 10%% or more of the training rows have no label): the "
                        + "split is replaced by 5 seeded folds, network k early-stops on fold k and the decision rule is tuned "
                        + "on every row's held-out score (--cross-fit on); an asl network that is not cross-fitted is then refit from scratch on "
                        + "all the training rows (split included) for its best epoch count (--refit on); on dense features of at "
                        + "most " + AutoRecipe.FOREST_MAX_ROWS + " rows, " + AutoRecipe.FOREST_MAX_FEATURES + " stored values a row and "
                        + AutoRecipe.FOREST_MAX_ROW_LABELS + " rows x labels, a "
                        + "forest of extremely randomized trees is blended in, its share chosen on the held-out rows (--forest on). Any option you give "
                        + "explicitly wins over the automatic choice; what was chosen is printed and stored in the model.",
                "",
                "An option described as \"auto: X; otherwise Y\" is X in a plain train and Y once --loss, --hidden or "
                        + "--epochs is given.",
                ""})
public final class TrainCommand implements Callable<Integer> {
    @Option(names = "--train", required = true, paramLabel = "FILE", description = "Training data.")
    Path train;

    @ArgGroup(exclusive = true)
    Validation validation;

    static final class Validation {
        @Option(names = "--valid", paramLabel = "FILE", description = "Validation data.")
        Path file;
        @Option(names = "--valid-split", paramLabel = "F", description = "Hold out this share of the training rows (seeded; "
                + "auto: 10%%, at least 100 rows, at most 25%%, or folds with --cross-fit; otherwise none).")
        Double split;
    }

    @Option(names = "--model", required = true, paramLabel = "OUT", description = "Where to write the model.")
    Path modelOut;
    @Mixin
    DataOptions data = new DataOptions();
    @Mixin
    LossOptions lossOptions = new LossOptions();
    @Mixin
    ModelOptions modelOptions = new ModelOptions();
    @Mixin
    TrainOptions trainOptions = new TrainOptions();
    @Option(names = "--tune-thresholds", paramLabel = "global|per-label|pcut|top-k",
            description = "Tune the decision rule on the validation data (--valid or --valid-split) and save it in the model "
                    + "(auto: the --objective's; otherwise none: threshold 0.5).")
    String tuneThresholds;
    @Option(names = "--objective", paramLabel = "micro-f1|macro-f1|hamming|p@k",
            description = "The measure the decision rule is tuned for on the validation rows: macro-f1 (per-label "
                    + "thresholds; auto when label cardinality / labels < 0.1), micro-f1 (one global "
                    + "threshold; auto otherwise), hamming (the threshold "
                    + "matching the training label cardinality) or p@k (the best top-k). Sets --tune-thresholds.")
    String objective;
    @Option(names = "--at-least-one", description = "Give every row at least its best label (on top of the decision rule; "
            + "auto: on with the tuned thresholds unless 10%% or more of the training rows have no label).")
    boolean atLeastOne;
    @Option(names = "--json", description = "Print one JSON object (for machines) instead of text.")
    boolean json;
    @Option(names = "--ml-ros", paramLabel = "PCT", arity = "0..1", fallbackValue = "25",
            description = "Oversample rows of minority labels with ML-ROS (Charte et al. 2015), cloning up to PCT%% of the "
                    + "training rows (default 25 when given without a value).")
    Double mlRos;
    @Option(names = "--checkpoint-dir", paramLabel = "DIR",
            description = "Write DIR/" + CheckpointFile.NAME + " (atomically) at the end of every epoch and every "
                    + "--checkpoint-every batches, for --resume.")
    Path checkpointDir;
    @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "0",
            description = "With --checkpoint-dir or --resume: also checkpoint every N batches (0 = at epoch ends only; "
                    + "default ${DEFAULT-VALUE}).")
    int checkpointEvery;
    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue from DIR/" + CheckpointFile.NAME + " (give the same other options and data); "
                    + "the model equals that of an uninterrupted run byte for byte. Checkpoints keep going to DIR "
                    + "unless --checkpoint-dir says otherwise.")
    Path resumeDir;
    @Option(names = "--input", paramLabel = "raw|tfidf|standardize",
            description = "Input transform stored in the model: raw, tfidf (idf = ln((1+N)/(1+df))+1 from the training "
                    + "rows, then L2 row normalisation), or standardize (column z-scores from the training rows) (auto: raw "
                    + "for sparse non-negative features, else standardize; otherwise raw).")
    String input;
    @Option(names = "--ensemble", paramLabel = "K",
            description = "Train K networks with seeds seed..seed+K-1 and average their probabilities (auto: 5 when rows x "
                    + "stored values per row <= 5e7, else 1, 10 on label-dense sets of fewer than 1000 rows, and 5 in short "
                    + "runs; otherwise 1). Under a --time-budget, "
                    + "only the networks that fit it train.")
    Integer ensemble;
    @Option(names = "--refit", paramLabel = "off|on",
            description = "on: after early stopping has chosen each network's best epoch E on the validation rows, "
                    + "retrain it from scratch (same seed and schedule) for E epochs on the training and validation "
                    + "rows together and keep that network; thresholds are still tuned on the validation scores of the "
                    + "networks that did not see those rows. Needs validation data; about doubles the training time "
                    + "(auto: on for asl networks that are not cross-fitted; off for cross-fitted ensembles, bce and short runs; "
                    + "otherwise off).")
    String refit;
    @Option(names = "--cross-fit", paramLabel = "off|on",
            description = "on: network k of the ensemble trains on the rows outside fold k of a seeded K-fold partition "
                    + "of the training rows (K = --ensemble) and early-stops on fold k; the decision rule is tuned on every "
                    + "row's held-out score instead of one validation split. Needs an ensemble, --refit off and no --valid "
                    + "or --valid-split (auto: on with an ensemble, except in short runs and where 10%% or more of the training "
                    + "rows have no label; otherwise off).")
    String crossFit;
    @Option(names = "--forest", paramLabel = "off|on",
            description = "on: also grow a forest of multi-output regression trees (--forest-kind; split by the variance "
                    + "of the label vector) on all the training rows and blend its probabilities with the networks', the networks' "
                    + "share (1, 0.75, 0.5, 0.25 or 0) chosen by P@1 + best micro-F1 on the held-out rows, the forest's "
                    + "scores there from the trees that did not train on them. Needs held-out rows (auto: on for dense features of at most "
                    + AutoRecipe.FOREST_MAX_ROWS + " rows, " + AutoRecipe.FOREST_MAX_FEATURES + " stored values a row and "
                    + AutoRecipe.FOREST_MAX_ROW_LABELS + " rows x labels; otherwise off).")
    String forest;
    @Option(names = "--stacking", paramLabel = "off|on",
            description = "on: try a second level on the held-out rows' probabilities (stacked binary relevance: one logistic "
                    + "regression a label over the networks' probabilities of all the labels, and the forest's beside them "
                    + "when it is blended in; L2 penalty 1 on the weights) and keep it in place of the blend when its "
                    + "out-of-fold P@1 + best micro-F1 beats the first level's (" + dev.fewhot.decide.Stacking.FOLDS
                    + " folds of the held-out rows); the decision rule is then tuned on its scores. Needs held-out rows "
                    + "(auto: on with a cross-fitted ensemble and at most " + dev.fewhot.decide.Stacking.MAX_INPUTS
                    + " inputs a row; otherwise off).")
    String stacking;
    @Option(names = "--forest-kind", paramLabel = "breiman|extra-trees",
            description = "The forest's trees. breiman: " + dev.fewhot.forest.ForestSettings.DEFAULT_TREES + " trees on bootstrap "
                    + "samples, the best cut of each feature drawn, held-out scores out of bag (Breiman 2001). extra-trees: "
                    + dev.fewhot.forest.ForestSettings.EXTRA_TREES + " extremely randomized trees, one random cut of each "
                    + "feature drawn (Geurts et al. 2006), tree t grown on the rows outside fold t mod "
                    + dev.fewhot.forest.ForestSettings.EXTRA_FOLDS + " of a seeded partition, a row's held-out score from the "
                    + "trees of its fold. Both: sqrt(features) features drawn a split, fully grown (default: "
                    + "extra-trees).")
    String forestKind;

    @Override
    public Integer call() throws IOException {
        dev.fewhot.loss.LossSettings loss = lossOptions.settings();
        // compiles the kernels while the data loads: of the loss kernels, only the training's
        Thread warmup = dev.fewhot.kernels.Warmup.start(loss.warmupKernels());
        long t0 = System.nanoTime();
        Dataset tr = data.load(train);
        Dataset va = null;
        if (validation != null && validation.file != null) {
            va = data.load(validation.file, tr.numFeatures(), tr.numLabels(), tr.labelNames());
            checkSameShape(tr, va, validation.file);
        }
        ProgressBar bar = new ProgressBar("train", !json, true);
        FewHotTrainer trainer = FewHot.trainer().dataName(train.getFileName().toString()).listener(bar)
                .loss(loss).encoding(data.encoding);
        modelOptions.applyTo(trainer);
        trainOptions.applyTo(trainer);
        if (validation != null && validation.split != null) trainer.validationSplit(validation.split);
        if (tuneThresholds != null) trainer.thresholds(new Thresholds(ThresholdStrategy.fromId(tuneThresholds), false));
        if (atLeastOne) trainer.atLeastOne(true);
        if (objective != null) trainer.objective(Objective.fromId(objective));
        if (mlRos != null) trainer.mlRos(mlRos);
        if (input != null) trainer.input(InputTransform.Kind.fromId(input));
        if (ensemble != null) trainer.ensemble(ensemble);
        if (refit != null) trainer.refit(Refit.fromId(refit) == Refit.ON);
        if (crossFit != null) trainer.crossFit(onOff("--cross-fit", crossFit));
        if (forest != null) trainer.forest(onOff("--forest", forest));
        if (stacking != null) trainer.stacking(onOff("--stacking", stacking));
        if (forestKind != null) trainer.forestSettings(dev.fewhot.forest.ForestSettings.Kind.fromId(forestKind).settings());
        if (checkpointEvery < 0) throw new IllegalArgumentException("--checkpoint-every must be >= 0, got " + checkpointEvery);
        Path ckDir = checkpointDir != null ? checkpointDir : resumeDir;
        if (ckDir != null || resumeDir != null) trainer.checkpoints(checkpoints(ckDir));
        TrainingPlan plan = trainer.plan(tr, va);
        bar.plan(plan);
        dev.fewhot.kernels.Warmup.await(warmup); // the data is read: the first steps then run compiled code
        if (plan.auto() && !json) {
            System.out.println("auto: " + plan.recipe().facts().toMap() + " -> " + plan.chosen());
            for (String line : plan.recipe().describe(plan.applied(), plan.forest())) System.out.println("  " + line);
        }
        Training t;
        try {
            t = plan.run();
        } catch (TrainingDivergedException e) {
            if (ckDir == null || !Files.isRegularFile(CheckpointFile.in(ckDir))) throw e;
            throw new TrainingDivergedException(e.getMessage() + "; the last good checkpoint is "
                    + CheckpointFile.in(ckDir), e.epoch(), e.batch());
        }
        t.model().save(modelOut);
        double seconds = (System.nanoTime() - t0) / 1e9;
        print(t, seconds);
        return 0;
    }

    /** Parses an off|on option value (any case). */
    static boolean onOff(String option, String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("on")) return true;
        if (v.equals("off")) return false;
        throw new IllegalArgumentException(option + " must be off or on, got '" + value + "'");
    }

    private Checkpointing checkpoints(Path ckDir) throws IOException {
        TrainingState resumeFrom = null;
        if (resumeDir != null) {
            Path ckFile = CheckpointFile.in(resumeDir);
            if (!Files.isRegularFile(ckFile)) {
                throw new IllegalArgumentException("--resume " + resumeDir + ": no checkpoint " + ckFile
                        + " (start without --resume, with --checkpoint-dir " + resumeDir + ")");
            }
            resumeFrom = CheckpointFile.load(ckFile);
        }
        CheckpointFile.deleteStaleTemporaries(ckDir);
        return new Checkpointing(checkpointEvery, state -> CheckpointFile.save(state, CheckpointFile.in(ckDir)), resumeFrom);
    }

    private void print(Training t, double seconds) throws IOException {
        TrainingPlan p = t.plan();
        TrainResult r = t.first();
        var nets = t.networks();
        if (json) {
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("model", modelOut.toString());
            o.put("loss", p.loss().describe());
            o.put("epochs", r.epochsRun());
            o.put("best_epoch", r.bestEpoch());
            o.put("final_loss", r.finalLoss());
            o.put("train_samples_per_s", r.samplesPerSecond());
            var rates = o.putArray("epoch_samples_per_s");
            r.epochSamplesPerSecond().forEach(rates::add);
            o.put("train_seconds", r.trainSeconds());
            // epochs .. train_seconds describe the first network; with an ensemble, all of them:
            o.put("all_networks_train_seconds", nets.trainSeconds());
            o.put("all_networks_samples_per_s", t.samplesPerSecond());
            o.put("seconds", seconds);
            o.put("threads", p.trainer().threads());
            o.put("blas", r.blas());
            r.backend().forEach((key, v) -> {   // gemm_kernel, gemm_java_gflops, gemm_native_gflops
                if (key.endsWith("_gflops")) o.put(key, Double.parseDouble(v));
                else if (!key.equals("blas")) o.put(key, v);
            });
            o.put("decision_rule", t.model().rule().toString());
            o.put("parameters", (long) p.members() * p.model().parameterCount());
            o.put("members", nets.networks().size());
            if (nets.cutByBudget()) o.put("members_planned", nets.planned());
            if (p.ensemble().budget().limited()) o.put("time_budget_s", p.ensemble().budget().seconds());
            o.put("refit", p.refit().id());
            o.put("cross_fit", p.folds() != null);
            if (p.forest() != null) {
                ObjectNode fo = o.putObject("forest");
                fo.put("trees", p.forest().trees());
                fo.put("network_share", t.model().model().networkShare());
                fo.put("kept", t.model().model().forest() != null);
                fo.put("choice", t.model().provenance().getOrDefault("forest", ""));
            }
            if (p.stacking()) {
                ObjectNode so = o.putObject("stacking");
                so.put("kept", t.model().model().stacking() != null);
                so.put("choice", t.model().provenance().getOrDefault("stacking", ""));
            }
            if (p.refitRows() != null) {
                o.put("refit_rows", p.refitRows().rows());
                o.put("refit_train_seconds", nets.refitSeconds());
                var re = o.putArray("refit_epochs");
                nets.refitEpochs().forEach(re::add);
            }
            o.put("input", p.input().id());
            o.put("hidden", p.model().hidden().toString());
            o.put("dropout", p.model().dropout());
            o.put("auto", p.auto());
            if (p.auto()) {
                ObjectNode a = o.putObject("auto_choices");
                p.chosen().forEach(a::put);
                ObjectNode fa = o.putObject("auto_data");
                p.recipe().facts().toMap().forEach(fa::put);
            }
            var er = o.putArray("member_epochs");
            t.epochsRun().forEach(er::add);
            var be = o.putArray("member_best_epochs");
            t.bestEpochs().forEach(be::add);
            var losses = o.putArray("epoch_losses");
            r.epochLosses().forEach(losses::add);
            var vals = o.putArray("validation");
            r.validationValues().forEach(vals::add);
            System.out.println(new ObjectMapper().writeValueAsString(o));
            return;
        }
        if (p.members() == 1) {
            System.out.printf(Locale.ROOT, "trained %s on %d rows: %d epochs (kept epoch %d), final loss %.5g, "
                            + "%,.0f samples/s, %.1f s; model written to %s%n",
                    p.loss().describe(), p.train().rows(), r.epochsRun(), r.bestEpoch(), r.finalLoss(), r.samplesPerSecond(),
                    seconds, modelOut);
        } else {
            System.out.printf(Locale.ROOT, "trained %s on %d rows: %s, %,.0f samples/s, %.1f s; model written to %s%n",
                    p.loss().describe(), p.train().rows(), t.describeNetworks(), t.samplesPerSecond(), seconds, modelOut);
        }
        System.out.println("GEMM: " + describeBackend(r.backend()));
        if (p.refitRows() != null) {
            System.out.printf(Locale.ROOT, "refit on all %d rows for epochs %s (%.1f s of training)%n", p.refitRows().rows(),
                    nets.refitEpochs(), nets.refitSeconds());
        }
        if (p.forest() != null) System.out.println("forest: " + t.model().provenance().get("forest"));
        if (p.stacking()) System.out.println("stacking: " + t.model().provenance().get("stacking"));
        if (p.input() != InputTransform.Kind.RAW || p.auto()) System.out.println("decision rule: " + t.model().rule());
    }

    static void checkSameShape(Dataset tr, Dataset other, Path file) {
        Datasets.requireSameShape(tr, other, file.toString());
    }

    /** Architecture options. */
    public static final class ModelOptions {
        @Option(names = "--hidden", paramLabel = "W[,W..]",
                description = "Hidden layer widths, comma-separated (0 = linear model) (auto: 1024, 512 under 1000 rows; "
                        + "otherwise 1024).")
        String hidden;
        @Option(names = "--activation", defaultValue = "relu", paramLabel = "relu|gelu", description = "Hidden activation (default ${DEFAULT-VALUE}).")
        String activation;
        @Option(names = "--dropout", paramLabel = "P", description = "Dropout on hidden layers (auto: 0.5, 0 in short runs; otherwise 0).")
        Double dropout;

        /** Passes the given options to the trainer. */
        void applyTo(FewHotTrainer t) {
            if (hidden != null) t.hidden(ModelConfig.hiddenWidths(hidden));
            t.activation(ModelConfig.activation(activation));
            if (dropout != null) t.dropout(dropout);
        }
    }

    /** Optimisation options. */
    public static final class TrainOptions {
        @Option(names = "--epochs", description = "Epochs (auto: up to 100 with early stopping, " + AutoRecipe.SHORT_RUN_EPOCHS
                + " in short runs; otherwise 5).")
        Integer epochs;
        @Option(names = "--batch", description = "Mini-batch size (auto: " + AutoRecipe.MAX_BATCH + ", or on fewer training "
                + "rows the largest power of two (at least " + AutoRecipe.MIN_BATCH + ") giving " + AutoRecipe.STEPS_PER_EPOCH
                + " optimiser steps an epoch; otherwise " + FewHotTrainer.DEFAULT_BATCH + ").")
        Integer batch;
        @Option(names = "--lr", description = "Learning rate (auto: " + AutoRecipe.LR + ", " + AutoRecipe.SHORT_RUN_LR
                + " in short runs; otherwise " + FewHotTrainer.DEFAULT_LR + ").")
        Double lr;
        @Option(names = "--optimizer", paramLabel = "adam|adamw|sgd", description = "Optimiser (auto: adamw; otherwise adam).")
        String optimizer;
        @Option(names = "--weight-decay", paramLabel = "WD", description = "Weight decay (default: 0 for adam and sgd, 0.01 for adamw).")
        Double weightDecay;
        @Option(names = "--warmup", paramLabel = "STEPS", description = "Linear warm-up steps (auto: "
                + AutoRecipe.SHORT_RUN_WARMUP + " in short runs, else 0; otherwise 0).")
        Long warmup;
        @Option(names = "--schedule", paramLabel = "constant|cosine", description = "Decay after warm-up (auto: cosine in "
                + "short runs, else constant; otherwise constant).")
        String schedule;
        @Option(names = "--time-budget", paramLabel = "DURATION|none",
                description = "Wall-clock budget of the networks, e.g. 90s, 5m, 1h: the next network of an ensemble trains only "
                        + "when the time so far plus the mean time of a network stays within it, so a long job ends near "
                        + "the budget with fewer networks (saved in the model). none: every planned network trains and the "
                        + "result depends on the seed and threads alone (auto: 5m; otherwise none).")
        String timeBudget;
        @Option(names = "--grad-clip", defaultValue = "0", paramLabel = "NORM", description = "Clip the gradient norm (0 = off; default ${DEFAULT-VALUE}).")
        double gradClip;
        @Option(names = "--early-stopping", paramLabel = "METRIC",
                description = "Validation measure for early stopping: loss, micro-f1, macro-f1, p@1, p@5 (auto: p@1 for asl, "
                        + "else loss; otherwise loss); an epoch with the same value as the best improves on it when its "
                        + "validation loss is lower.")
        String esMetric;
        @Option(names = "--patience", description = "Epochs without improvement before stopping (0 = off) (auto: 5, more on small sets so that it covers at least " + AutoRecipe.PATIENCE_STEPS + " optimiser steps; "
                + "early stopping only after " + AutoRecipe.MIN_STEPS + " steps; 0 in short runs; otherwise 0).")
        Integer patience;
        @Option(names = "--seed", defaultValue = "0", description = "Seed (default ${DEFAULT-VALUE}).")
        long seed;
        @Option(names = "--threads", paramLabel = "N", description = "Kernel threads (default: the number of cores).")
        Integer threads;
        @Option(names = "--blas", paramLabel = "auto|java|native",
                description = "GEMM back-end: auto (default: native when it loads, runs --threads threads and is at least "
                        + "10%% faster on this network's products, timed once per machine, JVM and shape and kept in "
                        + "~/.cache/fewhot/gemm-auto.txt so that later runs choose the same; -Dfewhot.cache.dir=DIR|off), "
                        + "java (Vector API: the same model, bit for bit, on any machine and thread count), native "
                        + "(system OpenBLAS via JNI).")
        String blas;
        @Option(names = "--deterministic",
                description = "The Java GEMM (--blas java): the same model for a seed, bit for bit, whatever the machine.")
        boolean deterministic;
        @Option(names = "--output-bias", defaultValue = "auto", paramLabel = "auto|prior|uniform",
                description = "Initial output bias: prior = log-odds of each label's training frequency, uniform = PyTorch's "
                        + "default, auto = prior except for asl (default ${DEFAULT-VALUE}).")
        String outputBias;
        @Option(names = "--sampler", defaultValue = "shuffle", paramLabel = "shuffle|label-aware[:POWER]",
                description = "Epoch order: shuffle = every row once (default), label-aware = draw a label (uniformly, or "
                        + "by n_j^POWER) then a row holding it.")
        String sampler;

        /** Passes the options to the trainer (the ones not given stay the recipe's or the defaults). */
        void applyTo(FewHotTrainer t) {
            if (epochs != null) t.epochs(epochs);
            if (batch != null) t.batchSize(batch);
            if (lr != null) t.learningRate(lr);
            if (schedule != null) t.schedule(TrainerConfig.Schedule.fromId(schedule));
            if (warmup != null) {
                if (warmup < 0) throw new IllegalArgumentException("--warmup must be >= 0, got " + warmup);
                t.warmupSteps(warmup);
            }
            if (timeBudget != null) t.timeBudget(TimeBudget.parse(timeBudget));
            t.gradientClip(gradClip).seed(seed).sampler(Sampler.parse(sampler));
            if (deterministic) {
                if (blas != null && BlasChoice.fromId(blas) != BlasChoice.JAVA) {
                    throw new IllegalArgumentException("--deterministic runs the Java GEMM, so --blas must be java or "
                            + "left out, got '" + blas + "'");
                }
                t.blas(BlasChoice.JAVA);
            } else if (blas != null) {
                t.blas(BlasChoice.fromId(blas));
            }
            if (optimizer != null) t.optimizer(OptimizerSettings.Kind.fromId(optimizer));
            if (weightDecay != null) t.weightDecay(weightDecay);
            if (esMetric != null) t.earlyStoppingMetric(EarlyStopping.ValidationMetric.fromId(esMetric));
            if (patience != null) t.patience(patience);
            if (threads != null) t.threads(threads); // checked by the trainer
            if (!outputBias.equalsIgnoreCase("auto")) t.outputBias(TrainerConfig.OutputBiasInit.fromId(outputBias));
        }
    }

    /**
     * The back-end in one line: its kernel, and for {@code auto} how it was chosen, e.g.
     * {@code openblas (auto, measured: Java kernel 53.9 GFLOPS, OpenBLAS 81.3 on this network's products)}.
     */
    static String describeBackend(java.util.Map<String, String> b) {
        String kernel = b.getOrDefault("gemm_kernel", b.getOrDefault("blas", "?"));
        String how = b.get("gemm_choice");
        if (how == null) return kernel;
        String jg = b.get("gemm_java_gflops"), ng = b.get("gemm_native_gflops");
        if (jg == null) return kernel + " (auto, " + how + ")";
        return kernel + " (auto, " + how + ": Java kernel " + jg + " GFLOPS"
                + (ng == null ? "" : ", OpenBLAS " + ng) + " on this network's products)";
    }
}
