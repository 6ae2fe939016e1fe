package dev.fewhot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fewhot.data.Dataset;
import dev.fewhot.data.Subsets;
import dev.fewhot.decide.DecisionRule;
import dev.fewhot.decide.ThresholdStrategy;
import dev.fewhot.io.CheckpointFile;
import dev.fewhot.io.ModelFile;
import dev.fewhot.train.Checkpointing;
import dev.fewhot.train.TrainingDivergedException;
import dev.fewhot.train.TrainingState;
import java.nio.file.Files;
import dev.fewhot.model.Model;
import dev.fewhot.loss.LossSpec;
import dev.fewhot.model.Activation;
import dev.fewhot.model.ModelConfig;
import dev.fewhot.optim.OptimizerSettings;
import dev.fewhot.train.EarlyStopping;
import dev.fewhot.train.TrainResult;
import dev.fewhot.train.Trainer;
import dev.fewhot.train.TrainerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fewhot train}: trains a linear model or an MLP and saves it. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a multi-label model (linear or MLP) and save it.",
                "",
                "Auto mode: without --loss, --hidden and --epochs, the recipe is chosen from the training data: "
                        + "loss asl when label cardinality / labels < 0.1 (else bce); raw inputs when the features are sparse "
                        + "(< 10%% non-zero) and non-negative, else column z-scores (--input standardize); one hidden layer "
                        + "of 1024 (512 under 1000 rows) with dropout 0.5; up to 100 epochs with early stopping "
                        + "(patience 5, on validation P@1 for asl, else loss) on a seeded split of the training rows (10%%, at "
                        + "least 100 rows, at most 25%%); AdamW (weight decay 0.01); an ensemble of 5 seeds when rows x stored values per row <= 5e7; "
                        + "per-label thresholds tuned on the split, at least one label per row; for asl, each network is then "
                        + "refit from scratch on all the training rows (split included) for its best epoch count (--refit on; "
                        + "on a bibtex development split, 10 seeds: P@1 0.644 -> 0.651, P@5 0.302 -> 0.304). Any option you give "
                        + "explicitly wins over the automatic choice; what was chosen is printed and stored in the model.",
                ""})
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec commandSpec;
    @Option(names = "--train", required = true, paramLabel = "FILE", description = "Training data.")
    Path train;

    @ArgGroup(exclusive = true)
    Validation validation;

    static final class Validation {
        @Option(names = "--valid", paramLabel = "FILE", description = "Validation data.")
        Path file;
        @Option(names = "--valid-split", paramLabel = "F", description = "Hold out this share of the training rows (seeded).")
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
            description = "Tune the decision rule on the validation data (--valid or --valid-split) and save it in the model.")
    String tuneThresholds;
    @Option(names = "--at-least-one", description = "Give every row at least its best label (on top of the decision rule).")
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
            description = "Input transform stored in the model: raw (default with --loss/--hidden/--epochs), tfidf "
                    + "(idf = ln((1+N)/(1+df))+1 from the training rows, then L2 row normalisation), or standardize "
                    + "(column z-scores from the training rows).")
    String input;
    @Option(names = "--ensemble", paramLabel = "K",
            description = "Train K networks with seeds seed..seed+K-1 and average their probabilities (default 1).")
    Integer ensemble;
    @Option(names = "--refit", paramLabel = "off|on",
            description = "on: after early stopping has chosen each network's best epoch E on the validation rows, "
                    + "retrain it from scratch (same seed and schedule) for E epochs on the training and validation "
                    + "rows together and keep that network; thresholds are still tuned on the validation scores of the "
                    + "networks that did not see those rows. Needs validation data; about doubles the training time "
                    + "(default: off; auto mode: on for asl).")
    String refit;

    private boolean given(String option) {
        return commandSpec != null && commandSpec.commandLine() != null
                && commandSpec.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** Auto mode: the user fixed none of --loss, --hidden and --epochs. */
    boolean autoMode() {
        return !given("--loss") && !given("--hidden") && !given("--epochs");
    }

    @Override
    public Integer call() throws IOException {
        Thread warmup = dev.fewhot.kernels.Warmup.start(); // compiles the kernels while the data loads
        long t0 = System.nanoTime();
        Dataset tr = data.load(train);
        Dataset all = tr; // every training row (and the --valid rows, added below): what --refit on trains on
        dev.fewhot.train.AutoRecipe auto = autoMode() ? dev.fewhot.train.AutoRecipe.of(tr) : null;
        Map<String, String> chosen = new LinkedHashMap<>();
        if (auto != null) applyAuto(auto, chosen);
        Dataset va = null;
        if (validation != null && validation.file != null) {
            va = data.load(validation.file, tr.numFeatures(), tr.numLabels(), tr.labelNames());
            checkSameShape(tr, va, validation.file);
            all = Subsets.concat(tr, va);
        } else if (validation != null && validation.split != null) {
            Dataset[] parts = Subsets.split(tr, validation.split, trainOptions.seed);
            tr = parts[0];
            va = parts[1];
        }
        dev.fewhot.kernels.Warmup.await(warmup); // the data is read: the first steps then run compiled code
        if (mlRos != null) {
            tr = Subsets.select(tr, dev.fewhot.train.sampling.MlRos.indices(tr.labels(), mlRos, trainOptions.seed));
        }
        dev.fewhot.train.Refit refitMode = dev.fewhot.train.Refit.fromId(refit == null ? "off" : refit);
        if (refitMode == dev.fewhot.train.Refit.ON && va == null) {
            throw new IllegalArgumentException("--refit on needs validation data to choose each network's epochs: give "
                    + "--valid FILE or --valid-split F");
        }
        Dataset refitData = refitMode == dev.fewhot.train.Refit.OFF ? null
                : mlRos == null ? all : Subsets.select(all, dev.fewhot.train.sampling.MlRos.indices(all.labels(), mlRos, trainOptions.seed));
        ThresholdStrategy strategy = tuneThresholds == null ? null : ThresholdStrategy.fromId(tuneThresholds);
        if (strategy != null && va == null) {
            throw new IllegalArgumentException("--tune-thresholds needs validation data: give --valid FILE or --valid-split F");
        }
        LossSpec spec = lossOptions.spec(tr.labels());
        ModelConfig cfg = modelOptions.config(tr.numFeatures(), tr.numLabels());
        TrainerConfig tc = trainOptions.config(spec.kind());
        dev.fewhot.model.InputTransform transform = inputTransform(tr);
        // the refit networks see all the rows: their transform (tf-idf, z-scores) is fitted on all of them too
        dev.fewhot.model.InputTransform refitTransform = refitData == null ? null : inputTransform(refitData);
        LossSpec refitSpec = refitData == null ? null : lossOptions.spec(refitData.labels());
        int members = ensemble == null ? 1 : ensemble;
        if (members < 1) throw new IllegalArgumentException("--ensemble must be >= 1, got " + members);
        Map<String, String> prov = new LinkedHashMap<>();
        if (auto != null) {
            prov.put("auto", "true");
            auto.facts().forEach((k, v) -> prov.put("auto_data_" + k, v));
            chosen.forEach((k, v) -> prov.put("auto_" + k, v));
        }
        if (transform != null) prov.put("input", transform.type());
        if (members > 1) prov.put("ensemble", String.valueOf(members));
        if (va != null) prov.put("refit", refitMode.id());
        if (tc.earlyStopping().enabled() && va != null) {
            prov.put("early_stopping", esMetricId() + ", patience " + tc.earlyStopping().patience());
        }
        prov.put("hidden", cfg.hidden().toString());
        prov.put("dropout", String.valueOf(cfg.dropout()));
        prov.put("loss", spec.describe());
        prov.put("train_file", train.getFileName().toString());
        prov.put("epochs", String.valueOf(tc.epochs()));
        prov.put("batch", String.valueOf(tc.batchSize()));
        prov.put("lr", String.valueOf(tc.lr()));
        prov.put("optimizer", tc.optimizer().kind().name());
        prov.put("output_bias", tc.outputBias().name());
        prov.put("sampler", tc.sampler().describe());
        if (mlRos != null) prov.put("ml_ros_percent", String.valueOf(mlRos));
        if (checkpointEvery < 0) throw new IllegalArgumentException("--checkpoint-every must be >= 0, got " + checkpointEvery);
        if (members > 1 && (checkpointDir != null || resumeDir != null)) {
            throw new IllegalArgumentException("--checkpoint-dir and --resume apply to a single network, not to --ensemble "
                    + members);
        }
        TrainingState resumeFrom = null;
        if (resumeDir != null) {
            Path ckFile = CheckpointFile.in(resumeDir);
            if (!Files.isRegularFile(ckFile)) {
                throw new IllegalArgumentException("--resume " + resumeDir + ": no checkpoint " + ckFile
                        + " (start without --resume, with --checkpoint-dir " + resumeDir + ")");
            }
            resumeFrom = CheckpointFile.load(ckFile);
        }
        Path ckDir = checkpointDir != null ? checkpointDir : resumeDir;
        if (ckDir != null) CheckpointFile.deleteStaleTemporaries(ckDir);
        Checkpointing ck = new Checkpointing(checkpointEvery,
                ckDir == null ? null : state -> CheckpointFile.save(state, CheckpointFile.in(ckDir)), resumeFrom);
        if (auto != null && !json) {
            System.out.println("auto: " + auto.facts() + " -> " + chosen);
        }
        TrainResult r = null, refitFirst = null;
        List<Integer> bestEpochs = new ArrayList<>(), refitEpochs = new ArrayList<>();
        float[] memberParams = members == 1 ? null : new float[Math.multiplyExact(members, cfg.parameterCount())];
        float[] refitParams = refitData == null ? null : new float[Math.multiplyExact(members, cfg.parameterCount())];
        double trainSeconds = 0, refitSeconds = 0;
        for (int k = 0; k < members; k++) {
            ProgressBar bar = new ProgressBar(members == 1 ? "train" : "train " + (k + 1) + "/" + members, tc.epochs(), !json);
            TrainResult rk;
            try {
                rk = new Trainer(k == 0 ? tc : tc.withSeed(tc.seed() + k), bar).train(cfg, transform, spec.build(), tr, va, prov,
                        members == 1 ? ck : Checkpointing.NONE);
            } catch (TrainingDivergedException e) {
                if (ckDir == null || !Files.isRegularFile(CheckpointFile.in(ckDir))) throw e;
                throw new TrainingDivergedException(e.getMessage() + "; the last good checkpoint is "
                        + CheckpointFile.in(ckDir), e.epoch(), e.batch());
            }
            if (r == null) r = rk;
            bestEpochs.add(rk.bestEpoch());
            trainSeconds += rk.trainSeconds();
            if (memberParams != null) {
                System.arraycopy(rk.model().parameters(), 0, memberParams, k * cfg.parameterCount(), cfg.parameterCount());
            }
            if (refitData != null) {
                ProgressBar rb = new ProgressBar(members == 1 ? "refit" : "refit " + (k + 1) + "/" + members, rk.bestEpoch(), !json);
                TrainResult fk = new Trainer(k == 0 ? tc : tc.withSeed(tc.seed() + k), rb).refit(cfg, refitTransform,
                        refitSpec.build(), refitData, rk.bestEpoch(), prov);
                if (refitFirst == null) refitFirst = fk;
                refitEpochs.add(fk.epochsRun());
                refitSeconds += fk.trainSeconds();
                System.arraycopy(fk.model().parameters(), 0, refitParams, k * cfg.parameterCount(), cfg.parameterCount());
            }
        }
        if (members > 1) prov.put("member_best_epochs", bestEpochs.toString());
        if (refitData != null) {
            prov.put("refit_epochs", refitEpochs.toString());
            prov.put("refit_rows", String.valueOf(refitData.rows()));
        }
        // the networks trained without the validation rows: their validation scores are held out
        Model heldOut = members == 1 ? r.model()
                : new Model(cfg, members, transform, memberParams, tc.seed(), tr.labelNames(), r.model().rule(), prov, r.model().prior());
        Model model = refitData == null ? heldOut
                : new Model(cfg, members, refitTransform, refitParams, tc.seed(), tr.labelNames(), r.model().rule(), prov,
                refitFirst.model().prior());
        if (strategy != null) {
            float[] vs = heldOut.predictor(tc.threads()).scores(va.features());
            model = model.withRule(strategy.tune(vs, va.labels(), tr.labels().labelCounts(), tr.rows(), atLeastOne));
        } else if (atLeastOne) {
            model = model.withRule(new DecisionRule.AtLeastOne(model.rule()));
        }
        ModelFile.save(model, modelOut);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (json) {
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("model", modelOut.toString());
            o.put("loss", spec.describe());
            o.put("epochs", r.epochsRun());
            o.put("best_epoch", r.bestEpoch());
            o.put("final_loss", r.finalLoss());
            o.put("train_samples_per_s", r.samplesPerSecond());
            var rates = o.putArray("epoch_samples_per_s");
            r.epochSamplesPerSecond().forEach(rates::add);
            o.put("train_seconds", r.trainSeconds());
            // epochs .. train_seconds describe the first network; with an ensemble, all of them:
            o.put("all_networks_train_seconds", trainSeconds);
            o.put("seconds", seconds);
            o.put("threads", tc.threads());
            o.put("blas", r.blas());
            o.put("decision_rule", model.rule().toString());
            o.put("parameters", (long) members * cfg.parameterCount());
            o.put("members", members);
            o.put("refit", refitMode.id());
            if (refitData != null) {
                o.put("refit_rows", refitData.rows());
                o.put("refit_train_seconds", refitSeconds);
                var re = o.putArray("refit_epochs");
                refitEpochs.forEach(re::add);
            }
            o.put("input", transform == null ? "raw" : transform.type());
            o.put("hidden", cfg.hidden().toString());
            o.put("dropout", cfg.dropout());
            o.put("auto", auto != null);
            if (auto != null) {
                ObjectNode a = o.putObject("auto_choices");
                chosen.forEach(a::put);
                ObjectNode fa = o.putObject("auto_data");
                auto.facts().forEach(fa::put);
            }
            var be = o.putArray("member_best_epochs");
            bestEpochs.forEach(be::add);
            var losses = o.putArray("epoch_losses");
            r.epochLosses().forEach(losses::add);
            var vals = o.putArray("validation");
            r.validationValues().forEach(vals::add);
            System.out.println(new ObjectMapper().writeValueAsString(o));
        } else {
            System.out.printf(Locale.ROOT, "trained %s on %d rows: %d epochs (kept epoch %d), final loss %.5g, "
                            + "%,.0f samples/s, %.1f s; model written to %s%n",
                    spec.describe(), tr.rows(), r.epochsRun(), r.bestEpoch(), r.finalLoss(), r.samplesPerSecond(),
                    seconds, modelOut);
            if (members > 1) System.out.println("ensemble of " + members + " networks, kept epochs " + bestEpochs);
            if (refitData != null) {
                System.out.printf(Locale.ROOT, "refit on all %d rows for epochs %s (%.1f s of training)%n", refitData.rows(),
                        refitEpochs, refitSeconds);
            }
            if (transform != null || auto != null) System.out.println("decision rule: " + model.rule());
        }
        return 0;
    }

    private dev.fewhot.model.InputTransform inputTransform(Dataset d) {
        return switch (input == null ? "raw" : input.trim().toLowerCase(Locale.ROOT)) {
            case "raw", "none" -> null;
            case "tfidf" -> dev.fewhot.model.InputTransform.tfIdf(d.features());
            case "standardize" -> dev.fewhot.model.InputTransform.standardize(d.features());
            default -> throw new IllegalArgumentException("--input must be raw, tfidf or standardize, got '" + input + "'");
        };
    }

    private String esMetricId() {
        return trainOptions.esMetric.toLowerCase(Locale.ROOT);
    }

    /** Fills every option the user did not give with the recipe's choice, recording what was chosen. */
    private void applyAuto(dev.fewhot.train.AutoRecipe a, Map<String, String> chosen) {
        if (!given("--loss")) chosen.put("loss", lossOptions.loss = a.loss());
        if (!given("--hidden")) chosen.put("hidden", modelOptions.hidden = String.valueOf(a.hidden()));
        if (!given("--dropout")) chosen.put("dropout", String.valueOf(modelOptions.dropout = a.dropout()));
        if (!given("--optimizer")) chosen.put("optimizer", trainOptions.optimizer = "adamw");
        if (!given("--epochs")) chosen.put("epochs", String.valueOf(trainOptions.epochs = a.epochs()));
        if (!given("--early-stopping")) chosen.put("early_stopping", trainOptions.esMetric = a.esMetric());
        if (!given("--patience")) chosen.put("patience", String.valueOf(trainOptions.patience = a.patience()));
        if (validation == null) {
            validation = new Validation();
            validation.split = a.validSplit();
            chosen.put("valid_split", String.format(Locale.ROOT, "%.3f", a.validSplit()));
        }
        if (input == null) chosen.put("input", input = a.input());
        if (ensemble == null) chosen.put("ensemble", String.valueOf(ensemble = a.members()));
        if (refit == null) chosen.put("refit", refit = a.refit().id());
        if (tuneThresholds == null) {
            chosen.put("thresholds", tuneThresholds = "per-label");
            if (!atLeastOne) {
                atLeastOne = true;
                chosen.put("at_least_one", "true");
            }
        }
    }

    static void checkSameShape(Dataset tr, Dataset other, Path file) {
        if (other.numFeatures() != tr.numFeatures()) {
            throw new IllegalArgumentException(file + ": " + other.numFeatures() + " features, the training data has " + tr.numFeatures());
        }
        if (other.numLabels() != tr.numLabels()) {
            throw new IllegalArgumentException(file + ": " + other.numLabels() + " labels, the training data has " + tr.numLabels());
        }
    }

    /** Architecture options. */
    public static final class ModelOptions {
        @Option(names = "--hidden", defaultValue = "1024", paramLabel = "W[,W..]",
                description = "Hidden layer widths, comma-separated (0 = linear model; default ${DEFAULT-VALUE}).")
        String hidden;
        @Option(names = "--activation", defaultValue = "relu", paramLabel = "relu|gelu", description = "Hidden activation (default ${DEFAULT-VALUE}).")
        String activation;
        @Option(names = "--dropout", defaultValue = "0", paramLabel = "P", description = "Dropout on hidden layers (default ${DEFAULT-VALUE}).")
        double dropout;

        ModelConfig config(int inputs, int labels) {
            List<Integer> widths = new ArrayList<>();
            for (String t : hidden.split(",")) {
                t = t.trim();
                int w;
                try {
                    w = Integer.parseInt(t);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--hidden must be comma-separated widths such as 1024,512, got '" + hidden + "'");
                }
                if (w < 0) throw new IllegalArgumentException("--hidden widths must be >= 0, got '" + hidden + "'");
                if (w > 0) widths.add(w);
            }
            Activation act = switch (activation.toLowerCase(Locale.ROOT)) {
                case "relu" -> Activation.RELU;
                case "gelu" -> Activation.GELU;
                default -> throw new IllegalArgumentException("--activation must be relu or gelu, got '" + activation + "'");
            };
            return new ModelConfig(inputs, widths, labels, act, dropout);
        }
    }

    /** Optimisation options. */
    public static final class TrainOptions {
        @Option(names = "--epochs", defaultValue = "5", description = "Epochs (default ${DEFAULT-VALUE}).")
        int epochs;
        @Option(names = "--batch", defaultValue = "256", description = "Mini-batch size (default ${DEFAULT-VALUE}).")
        int batch;
        @Option(names = "--lr", defaultValue = "1e-3", description = "Learning rate (default ${DEFAULT-VALUE}).")
        double lr;
        @Option(names = "--optimizer", defaultValue = "adam", paramLabel = "adam|adamw|sgd", description = "Optimiser (default ${DEFAULT-VALUE}).")
        String optimizer;
        @Option(names = "--weight-decay", paramLabel = "WD", description = "Weight decay (default: 0 for adam and sgd, 0.01 for adamw).")
        Double weightDecay;
        @Option(names = "--warmup", defaultValue = "0", paramLabel = "STEPS", description = "Linear warm-up steps (default ${DEFAULT-VALUE}).")
        long warmup;
        @Option(names = "--schedule", defaultValue = "constant", paramLabel = "constant|cosine", description = "Decay after warm-up (default ${DEFAULT-VALUE}).")
        String schedule;
        @Option(names = "--grad-clip", defaultValue = "0", paramLabel = "NORM", description = "Clip the gradient norm (0 = off; default ${DEFAULT-VALUE}).")
        double gradClip;
        @Option(names = "--early-stopping", paramLabel = "METRIC", defaultValue = "loss",
                description = "Validation measure for early stopping: loss, micro-f1, macro-f1, p@1, p@5 (default ${DEFAULT-VALUE}).")
        String esMetric;
        @Option(names = "--patience", defaultValue = "0", description = "Epochs without improvement before stopping (0 = off; default ${DEFAULT-VALUE}).")
        int patience;
        @Option(names = "--seed", defaultValue = "0", description = "Seed (default ${DEFAULT-VALUE}).")
        long seed;
        @Option(names = "--threads", paramLabel = "N", description = "Kernel threads (default: the number of cores).")
        Integer threads;
        @Option(names = "--blas", defaultValue = "java", paramLabel = "auto|java|native",
                description = "GEMM back-end: java (Vector API, deterministic), native (system OpenBLAS via JNI), "
                        + "auto (native when it loads and is faster here) (default ${DEFAULT-VALUE}).")
        String blas;
        @Option(names = "--output-bias", defaultValue = "auto", paramLabel = "auto|prior|uniform",
                description = "Initial output bias: prior = log-odds of each label's training frequency, uniform = PyTorch's "
                        + "default, auto = prior except for asl (default ${DEFAULT-VALUE}).")
        String outputBias;
        @Option(names = "--sampler", defaultValue = "shuffle", paramLabel = "shuffle|label-aware[:POWER]",
                description = "Epoch order: shuffle = every row once (default), label-aware = draw a label (uniformly, or "
                        + "by n_j^POWER) then a row holding it.")
        String sampler;

        dev.fewhot.train.sampling.Sampler sampler() {
            String v = sampler.trim().toLowerCase(Locale.ROOT);
            if (v.equals("shuffle")) return dev.fewhot.train.sampling.Sampler.shuffle();
            if (v.equals("label-aware")) return dev.fewhot.train.sampling.LabelAwareSampler.uniform();
            if (v.startsWith("label-aware:")) {
                try {
                    return new dev.fewhot.train.sampling.LabelAwareSampler(Double.parseDouble(v.substring(12)));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--sampler label-aware:POWER needs a number, got '" + sampler + "'");
                }
            }
            throw new IllegalArgumentException("--sampler must be shuffle, label-aware or label-aware:POWER, got '" + sampler + "'");
        }

        TrainerConfig config(dev.fewhot.loss.LossKind loss) {
            OptimizerSettings o = switch (optimizer.toLowerCase(Locale.ROOT)) {
                case "adam" -> OptimizerSettings.adam();
                case "adamw" -> OptimizerSettings.adamW();
                case "sgd" -> OptimizerSettings.sgd();
                default -> throw new IllegalArgumentException("--optimizer must be adam, adamw or sgd, got '" + optimizer + "'");
            };
            if (weightDecay != null) o = o.withWeightDecay(weightDecay);
            TrainerConfig.Schedule s = switch (schedule.toLowerCase(Locale.ROOT)) {
                case "constant" -> TrainerConfig.Schedule.CONSTANT;
                case "cosine" -> TrainerConfig.Schedule.COSINE;
                default -> throw new IllegalArgumentException("--schedule must be constant or cosine, got '" + schedule + "'");
            };
            EarlyStopping.ValidationMetric m = switch (esMetric.toLowerCase(Locale.ROOT)) {
                case "loss" -> EarlyStopping.ValidationMetric.LOSS;
                case "micro-f1" -> EarlyStopping.ValidationMetric.MICRO_F1;
                case "macro-f1" -> EarlyStopping.ValidationMetric.MACRO_F1;
                case "p@1" -> EarlyStopping.ValidationMetric.P_AT_1;
                case "p@5" -> EarlyStopping.ValidationMetric.P_AT_5;
                default -> throw new IllegalArgumentException("--early-stopping must be loss, micro-f1, macro-f1, p@1 or p@5, got '" + esMetric + "'");
            };
            int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            if (t < 1) throw new IllegalArgumentException("--threads must be >= 1, got " + t);
            return new TrainerConfig(epochs, batch, lr, warmup, s, o, gradClip, seed, t, new EarlyStopping(m, patience),
                    bias(loss), dev.fewhot.blas.BlasChoice.fromId(blas), sampler());
        }

        TrainerConfig.OutputBiasInit bias(dev.fewhot.loss.LossKind loss) {
            return switch (outputBias.toLowerCase(Locale.ROOT)) {
                case "auto" -> TrainerConfig.OutputBiasInit.forLoss(loss);
                case "prior" -> TrainerConfig.OutputBiasInit.PRIOR_LOG_ODDS;
                case "uniform" -> TrainerConfig.OutputBiasInit.UNIFORM;
                default -> throw new IllegalArgumentException("--output-bias must be auto, prior or uniform, got '" + outputBias + "'");
            };
        }
    }
}
