package dev.fewhot;

import dev.fewhot.blas.BlasChoice;
import dev.fewhot.data.AttributeEncoding;
import dev.fewhot.data.Dataset;
import dev.fewhot.data.Subsets;
import dev.fewhot.data.io.Datasets;
import dev.fewhot.decide.Objective;
import dev.fewhot.decide.Blend;
import dev.fewhot.decide.Stacking;
import dev.fewhot.forest.ForestSettings;
import dev.fewhot.forest.ForestTrainer;
import dev.fewhot.kernels.Activation;
import dev.fewhot.loss.LossKind;
import dev.fewhot.loss.LossSettings;
import dev.fewhot.loss.LossSpec;
import dev.fewhot.loss.Losses;
import dev.fewhot.model.InputTransform;
import dev.fewhot.model.Model;
import dev.fewhot.model.ModelConfig;
import dev.fewhot.optim.OptimizerSettings;
import dev.fewhot.train.AutoRecipe;
import dev.fewhot.train.Checkpointing;
import dev.fewhot.train.CrossFitTrainer;
import dev.fewhot.train.EarlyStopping;
import dev.fewhot.train.EnsembleTrainer;
import dev.fewhot.train.NetworkTrainer;
import dev.fewhot.train.Refit;
import dev.fewhot.train.RefitTrainer;
import dev.fewhot.train.SingleNetworkTrainer;
import dev.fewhot.train.ThresholdStrategy;
import dev.fewhot.train.TimeBudget;
import dev.fewhot.train.Thresholds;
import dev.fewhot.train.TrainerConfig;
import dev.fewhot.train.TrainingListener;
import dev.fewhot.train.sampling.MlRos;
import dev.fewhot.train.sampling.Sampler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Trains a {@link FewHotModel}: the whole job of {@code fewhot train} (validation split,
 * ensemble, refit, threshold tuning, provenance) as a builder. Every setting is optional; the
 * ones left unset take the {@link AutoRecipe auto recipe}'s choice when neither the loss kind,
 * the hidden widths nor the epochs are set (as {@code fewhot train} without {@code --loss},
 * {@code --hidden} and {@code --epochs}), else the manual defaults of {@link #MANUAL}:
 *
 * <pre>{@code
 * FewHotModel model = FewHot.trainer().seed(0).fit(train);                  // the auto recipe
 * FewHotModel asl = FewHot.trainer().loss(Losses.asl()).hidden(512).epochs(20)
 *         .validationSplit(0.1).earlyStopping(EarlyStopping.ValidationMetric.P_AT_1, 3)
 *         .thresholds(Thresholds.perLabel()).ensemble(3).refit(true).fit(train);
 * }</pre>
 *
 * A builder is not thread-safe; {@link #plan} and {@link #fit} do not change it.
 */
public final class FewHotTrainer {
    /**
     * The defaults when the auto recipe is off: loss asl, one hidden layer of 1024 (ReLU), no
     * dropout, 5 epochs of Adam at 1e-3, batch 256, no early stopping, no validation, raw
     * inputs, one network, no refit, threshold 0.5.
     */
    public static final String MANUAL = "asl, hidden 1024, dropout 0, 5 epochs, adam lr 1e-3, batch 256, patience 0, "
            + "ensemble 1, refit off, input raw";
    /** Epochs when the auto recipe is off and none are set. */
    public static final int MANUAL_EPOCHS = 5;
    /** Hidden width when the auto recipe is off and none is set. */
    public static final int MANUAL_HIDDEN = 1024;
    /** Mini-batch size when none is set. */
    public static final int DEFAULT_BATCH = 256;
    /** Peak learning rate when none is set. */
    public static final double DEFAULT_LR = 1e-3;

    private LossSettings loss = Losses.auto();
    private List<Integer> hidden;
    private Activation activation = Activation.RELU;
    private Double dropout;
    private Integer epochs;
    private Integer batchSize;
    private Double learningRate;
    private OptimizerSettings.Kind optimizer;
    private Double weightDecay;
    private Long warmupSteps;
    private TrainerConfig.Schedule schedule;
    private TimeBudget timeBudget;
    private double gradientClip;
    private EarlyStopping.ValidationMetric earlyStoppingMetric;
    private Integer patience;
    private long seed;
    private Integer threads;
    private BlasChoice blas = BlasChoice.AUTO;
    private TrainerConfig.OutputBiasInit outputBias;
    private Sampler sampler = Sampler.shuffle();
    private Double validationSplit;
    private InputTransform.Kind input;
    private Integer ensemble;
    private Refit refit;
    private Boolean crossFit;
    private Thresholds thresholds;
    private Boolean atLeastOne;
    private Objective objective;
    private Double mlRosPercent;
    private Checkpointing checkpoints = Checkpointing.NONE;
    private TrainingListener listener = TrainingListener.NONE;
    private String dataName;
    private boolean autoAllowed = true;
    private AttributeEncoding encoding;
    private Boolean forest;
    private ForestSettings forestSettings = ForestSettings.Kind.DEFAULT.settings();
    private Boolean stacking;

    FewHotTrainer() { }

    /** The loss; {@link Losses#auto()} (the default) lets the recipe choose the kind. */
    public FewHotTrainer loss(LossSettings s) { this.loss = s == null ? Losses.auto() : s; return this; }
    /** Hidden layer widths (none: a linear model). */
    public FewHotTrainer hidden(List<Integer> widths) { this.hidden = List.copyOf(widths); return this; }
    /** Hidden layer widths (none: a linear model). */
    public FewHotTrainer hidden(int... widths) {
        List<Integer> w = new ArrayList<>();
        for (int x : widths) w.add(x);
        return hidden(w);
    }
    /** Hidden activation (default ReLU). */
    public FewHotTrainer activation(Activation a) { this.activation = a; return this; }
    /** Dropout on hidden layers. */
    public FewHotTrainer dropout(double p) { this.dropout = p; return this; }
    /** Epochs (the most, with early stopping). */
    public FewHotTrainer epochs(int e) { this.epochs = e; return this; }
    /** Mini-batch size (default: the auto recipe's, else {@value #DEFAULT_BATCH}). */
    public FewHotTrainer batchSize(int b) { this.batchSize = b; return this; }
    /** Peak learning rate (default: the auto recipe's, else 1e-3). */
    public FewHotTrainer learningRate(double lr) { this.learningRate = lr; return this; }
    /** The optimiser (its PyTorch defaults). */
    public FewHotTrainer optimizer(OptimizerSettings.Kind k) { this.optimizer = k; return this; }
    /** Weight decay (default: the optimiser's). */
    public FewHotTrainer weightDecay(double wd) { this.weightDecay = wd; return this; }
    /** Learning-rate schedule after {@code warmupSteps} linear warm-up steps (default: the auto recipe's, else constant, none). */
    public FewHotTrainer schedule(TrainerConfig.Schedule s, long warmupSteps) {
        this.schedule = s;
        this.warmupSteps = warmupSteps;
        return this;
    }
    /**
     * The wall-clock budget of the job's networks: the next network of an ensemble trains only
     * when it fits ({@link TimeBudget}). Default: {@link TimeBudget#DEFAULT} (5 minutes) when the
     * auto recipe is on, else {@link TimeBudget#NONE}; {@code NONE} makes the result independent
     * of the machine's speed.
     */
    public FewHotTrainer timeBudget(TimeBudget b) { this.timeBudget = b; return this; }
    /** The learning-rate schedule alone (the warm-up stays the recipe's or none). */
    public FewHotTrainer schedule(TrainerConfig.Schedule s) { this.schedule = s; return this; }
    /** Linear warm-up steps alone (the schedule stays the recipe's or constant). */
    public FewHotTrainer warmupSteps(long steps) { this.warmupSteps = steps; return this; }
    /** Clip the global gradient norm (0: off). */
    public FewHotTrainer gradientClip(double norm) { this.gradientClip = norm; return this; }
    /** Early stopping on a validation measure after {@code patience} epochs without improvement (0: off). */
    public FewHotTrainer earlyStopping(EarlyStopping.ValidationMetric metric, int patience) {
        this.earlyStoppingMetric = metric;
        this.patience = patience;
        return this;
    }
    /** The early-stopping measure alone (the patience stays the recipe's or the default). */
    public FewHotTrainer earlyStoppingMetric(EarlyStopping.ValidationMetric metric) { this.earlyStoppingMetric = metric; return this; }
    /** The early-stopping patience alone. */
    public FewHotTrainer patience(int p) { this.patience = p; return this; }
    /** Seed of the split, initialisation, epoch orders, dropout; network k of an ensemble uses seed + k. */
    public FewHotTrainer seed(long s) { this.seed = s; return this; }
    /** Kernel threads (default: all cores); results depend on the seed and the thread count. */
    public FewHotTrainer threads(int t) { this.threads = t; return this; }
    /**
     * The GEMM back-end. Default {@link BlasChoice#AUTO}: OpenBLAS where it loads, runs the
     * trainer's thread count and times at least 10% faster on the network's products, else the
     * Java kernel. {@link BlasChoice#JAVA} gives the same model, bit for bit, on any machine.
     */
    public FewHotTrainer blas(BlasChoice b) { this.blas = b; return this; }
    /** Initial output bias (default: per loss, {@link TrainerConfig.OutputBiasInit#forLoss}). */
    public FewHotTrainer outputBias(TrainerConfig.OutputBiasInit b) { this.outputBias = b; return this; }
    /** Each epoch's row order (default: a seeded shuffle). */
    public FewHotTrainer sampler(Sampler s) { this.sampler = s; return this; }
    /** Hold out this share of the training rows (seeded) for early stopping and thresholds. */
    public FewHotTrainer validationSplit(double share) { this.validationSplit = share; return this; }
    /** The input transform fitted on the training rows. */
    public FewHotTrainer input(InputTransform.Kind k) { this.input = k; return this; }
    /** Train this many networks (seeds seed..seed+k-1) and average their probabilities. */
    public FewHotTrainer ensemble(int members) { this.ensemble = members; return this; }
    /**
     * Cross-fit the ensemble ({@link CrossFitTrainer}): network k of K trains on the rows outside
     * fold k of a seeded K-fold partition of the training rows and early-stops on fold k, and the
     * decision rule is tuned on every row's held-out score. Needs an ensemble, no refit and no
     * separate validation rows (default: the auto recipe's choice, else off).
     */
    public FewHotTrainer crossFit(boolean on) { this.crossFit = on; return this; }
    /** Retrain each network on all the rows for its best epoch count. */
    public FewHotTrainer refit(boolean on) { this.refit = on ? Refit.ON : Refit.OFF; return this; }
    /** How the decision rule is chosen. */
    public FewHotTrainer thresholds(Thresholds t) { this.thresholds = t; return this; }
    /**
     * The measure the decision rule is tuned for on the validation rows (its strategy: {@link
     * ThresholdStrategy#of}); the auto recipe's choice when unset (micro-F1 on label-dense sets,
     * macro-F1 below). Give it or {@link #thresholds}, not both with different strategies.
     */
    public FewHotTrainer objective(Objective o) { this.objective = o; return this; }
    /** Whether every row gets at least its best label (overrides the thresholds' own setting). */
    public FewHotTrainer atLeastOne(boolean b) { this.atLeastOne = b; return this; }
    /** Oversample rows of minority labels with ML-ROS, cloning up to this percentage of the rows. */
    public FewHotTrainer mlRos(double percent) { this.mlRosPercent = percent; return this; }
    /** Checkpoints of a single-network job (and the state to resume from). */
    public FewHotTrainer checkpoints(Checkpointing c) { this.checkpoints = c == null ? Checkpointing.NONE : c; return this; }
    /** Receives the job's training events. */
    public FewHotTrainer listener(TrainingListener l) { this.listener = l == null ? TrainingListener.NONE : l; return this; }
    /** The training data's name stored in the model's provenance ({@code train_file}). */
    public FewHotTrainer dataName(String name) { this.dataName = name; return this; }
    /**
     * The attribute encoding the training data was read with ({@link Datasets#readEncoded}), stored
     * in the model so that later files are read the same way (null: none).
     */
    public FewHotTrainer encoding(AttributeEncoding e) { this.encoding = e; return this; }
    /**
     * Whether a forest is grown on all the training rows and blended with the networks, the
     * networks' share chosen on the held-out rows ({@link Blend#choose}; 1 keeps the networks
     * alone). Needs held-out rows (a split, validation rows or cross-fitting). Default: the auto
     * recipe's choice ({@link AutoRecipe#forest()}), else off.
     */
    public FewHotTrainer forest(boolean on) { this.forest = on; return this; }
    /**
     * Whether a second level ({@link Stacking}) re-scores every label from the
     * held-out probabilities of all the labels, kept only when it beats the first level on the
     * held-out rows (out of fold); needs held-out rows. Default: the auto recipe's choice
     * ({@link AutoRecipe#stacking()}), else off.
     */
    public FewHotTrainer stacking(boolean on) { this.stacking = on; return this; }
    /** How the forest is grown (default {@link ForestSettings.Kind#DEFAULT}). */
    public FewHotTrainer forestSettings(ForestSettings s) {
        this.forestSettings = java.util.Objects.requireNonNull(s, "forestSettings");
        return this;
    }
    /** Whether unset settings may come from the auto recipe (default true). */
    public FewHotTrainer auto(boolean allowed) { this.autoAllowed = allowed; return this; }

    /** Whether a job on this builder applies the auto recipe: the loss kind, hidden widths and epochs are unset. */
    public boolean autoMode() {
        return autoAllowed && loss.kind() == null && hidden == null && epochs == null;
    }

    /** Trains on {@code train}, holding out a validation split when the settings ask for one. */
    public FewHotModel fit(Dataset train) {
        return plan(train, null).run().model();
    }

    /** Trains on {@code train} with separate validation rows. */
    public FewHotModel fit(Dataset train, Dataset valid) {
        return plan(train, valid).run().model();
    }

    /**
     * Resolves every setting for this training data (the auto recipe, the split, the loss for the
     * training labels) without training yet.
     *
     * @param valid separate validation rows, or null (then a split of {@code train} when asked for)
     */
    public TrainingPlan plan(Dataset train, Dataset valid) {
        if (train == null) throw new IllegalArgumentException("train must be set");
        if (valid != null) Datasets.requireSameShape(train, valid, "validation data");
        if (valid != null && validationSplit != null) {
            throw new IllegalArgumentException("validationSplit " + validationSplit + " and separate validation rows: give one "
                    + "(--valid FILE or --valid-split F)");
        }
        boolean auto = autoMode();
        AutoRecipe recipe = auto ? AutoRecipe.of(train) : null;
        Set<AutoRecipe.Choice> applied = EnumSet.noneOf(AutoRecipe.Choice.class);
        LossKind kind = loss.kind() != null ? loss.kind() : auto ? choose(applied, AutoRecipe.Choice.LOSS, recipe.loss()) : LossKind.ASL;
        List<Integer> widths = hidden != null ? hidden : auto ? List.of(choose(applied, AutoRecipe.Choice.HIDDEN, recipe.hidden()))
                : List.of(MANUAL_HIDDEN);
        double drop = dropout != null ? dropout : auto ? choose(applied, AutoRecipe.Choice.DROPOUT, recipe.dropout()) : 0.0;
        OptimizerSettings.Kind opt = optimizer != null ? optimizer
                : auto ? choose(applied, AutoRecipe.Choice.OPTIMIZER, recipe.optimizer()) : OptimizerSettings.Kind.ADAM;
        int maxEpochs = epochs != null ? epochs : auto ? choose(applied, AutoRecipe.Choice.EPOCHS, recipe.epochs()) : MANUAL_EPOCHS;
        EarlyStopping.ValidationMetric esMetric = earlyStoppingMetric != null ? earlyStoppingMetric
                : auto ? choose(applied, AutoRecipe.Choice.EARLY_STOPPING, recipe.earlyStopping()) : EarlyStopping.ValidationMetric.LOSS;
        int pat = patience != null ? patience : auto ? choose(applied, AutoRecipe.Choice.PATIENCE, recipe.patience()) : 0;
        Double split = valid != null ? null : validationSplit != null ? validationSplit
                : auto ? choose(applied, AutoRecipe.Choice.VALID_SPLIT, recipe.validSplit()) : null;
        InputTransform.Kind inputKind = input != null ? input
                : auto ? choose(applied, AutoRecipe.Choice.INPUT, recipe.input()) : InputTransform.Kind.RAW;
        int members = ensemble != null ? ensemble : auto ? choose(applied, AutoRecipe.Choice.ENSEMBLE, recipe.members()) : 1;
        // cross-fitting replaces the recipe's refit: decided first, from the refit the user gave
        boolean cross;
        if (crossFit != null) {
            cross = crossFit;
            if (!cross && auto && recipe.crossFit()) recipe = recipe.withoutCrossFit();
            if (cross && (valid != null || members < 2 || refit == Refit.ON || validationSplit != null)) {
                throw new IllegalArgumentException("--cross-fit on needs an ensemble (--ensemble >= 2, got " + members
                        + "), --refit off (got on) and no --valid or --valid-split: its folds are the "
                        + "validation rows");
            }
        } else {
            // the recipe's folds replace its split unless the user gave validation rows or asked for a split
            cross = auto && recipe.crossFit() && valid == null && validationSplit == null && members >= 2 && refit != Refit.ON;
            if (cross) choose(applied, AutoRecipe.Choice.CROSS_FIT, true);
            // validation rows, a split or one network given: the recipe's form without folds (asl refits)
            else if (auto && recipe.crossFit()) recipe = recipe.withoutCrossFit();
        }
        Refit refitMode = refit != null ? refit : auto ? choose(applied, AutoRecipe.Choice.REFIT, recipe.refit()) : Refit.OFF;
        if (cross) {
            split = null;
            applied.remove(AutoRecipe.Choice.VALID_SPLIT);
        }
        ThresholdStrategy strategy;
        boolean one;
        if (thresholds != null && objective != null && thresholds.strategy() != ThresholdStrategy.of(objective)) {
            throw new IllegalArgumentException("give --objective or --tune-thresholds, not both (--objective " + objective.id()
                    + " tunes " + ThresholdStrategy.of(objective).id() + ", --tune-thresholds is "
                    + (thresholds.strategy() == null ? "none" : thresholds.strategy().id()) + ")");
        }
        if (thresholds != null) {
            strategy = thresholds.strategy();
            one = atLeastOne != null ? atLeastOne : thresholds.atLeastOne();
        } else if (objective != null) {
            strategy = ThresholdStrategy.of(objective);
            one = atLeastOne != null ? atLeastOne : auto && choose(applied, AutoRecipe.Choice.AT_LEAST_ONE, recipe.atLeastOne());
        } else if (auto) {
            choose(applied, AutoRecipe.Choice.OBJECTIVE, recipe.objective());
            strategy = choose(applied, AutoRecipe.Choice.THRESHOLDS, recipe.thresholds());
            one = atLeastOne != null ? atLeastOne : choose(applied, AutoRecipe.Choice.AT_LEAST_ONE, recipe.atLeastOne());
        } else {
            strategy = null;
            one = atLeastOne != null && atLeastOne;
        }
        Thresholds rule = new Thresholds(strategy, one);

        if (members < 1) throw new IllegalArgumentException("--ensemble must be >= 1, got " + members);
        Dataset tr = train, va = valid;
        if (split != null) {
            Dataset[] parts = Subsets.split(train, split, seed);
            tr = parts[0];
            va = parts[1];
        }
        if (mlRosPercent != null && !cross) tr = Subsets.select(tr, MlRos.indices(tr.labels(), mlRosPercent, seed));
        if (refitMode == Refit.ON && va == null) {
            throw new IllegalArgumentException("--refit on needs validation data to choose each network's epochs: give "
                    + "--valid FILE or --valid-split F");
        }
        Dataset refitRows = null; // refit trains on every training row, the separate validation rows included
        if (refitMode == Refit.ON) {
            Dataset all = valid == null ? train : Subsets.concat(train, valid);
            refitRows = mlRosPercent == null ? all : Subsets.select(all, MlRos.indices(all.labels(), mlRosPercent, seed));
        }
        boolean forestOn = forest != null ? forest : auto && choose(applied, AutoRecipe.Choice.FOREST, recipe.forest());
        if (forestOn && va == null && !cross) {
            throw new IllegalArgumentException("--forest on needs held-out rows to choose the blend: give --valid FILE or "
                    + "--valid-split F");
        }
        boolean stackingOn = stacking != null ? stacking : auto && choose(applied, AutoRecipe.Choice.STACKING, recipe.stacking());
        if (stackingOn && va == null && !cross) {
            throw new IllegalArgumentException("--stacking on needs held-out rows to fit the second level on: give --valid FILE "
                    + "or --valid-split F");
        }
        if (rule.tuned() && va == null && !cross) {
            throw new IllegalArgumentException("--tune-thresholds needs validation data: give --valid FILE or --valid-split F");
        }
        LossSpec spec = loss.spec(kind, tr.labels());
        ModelConfig cfg = new ModelConfig(tr.numFeatures(), widths, tr.numLabels(), activation, drop);
        OptimizerSettings os = opt.defaults();
        if (weightDecay != null) os = os.withWeightDecay(weightDecay);
        int batch = batchSize != null ? batchSize : auto ? choose(applied, AutoRecipe.Choice.BATCH, recipe.batch()) : DEFAULT_BATCH;
        double lr = learningRate != null ? learningRate : auto ? choose(applied, AutoRecipe.Choice.LR, recipe.lr()) : DEFAULT_LR;
        long minSteps = auto ? choose(applied, AutoRecipe.Choice.MIN_STEPS, recipe.minSteps()) : 0;
        TrainerConfig.Schedule sched = schedule != null ? schedule
                : auto ? choose(applied, AutoRecipe.Choice.SCHEDULE, recipe.schedule()) : TrainerConfig.Schedule.CONSTANT;
        long warmup = warmupSteps != null ? warmupSteps : auto ? choose(applied, AutoRecipe.Choice.WARMUP, recipe.warmup()) : 0;
        TimeBudget budget = timeBudget != null ? timeBudget : auto ? TimeBudget.DEFAULT : TimeBudget.NONE;
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (t < 1) throw new IllegalArgumentException("--threads must be >= 1, got " + t);
        TrainerConfig tc = new TrainerConfig(maxEpochs, batch, lr, warmup, sched, os, gradientClip, seed, t,
                new EarlyStopping(esMetric, pat, minSteps), outputBias != null ? outputBias : TrainerConfig.OutputBiasInit.forLoss(spec.kind()),
                blas, sampler);
        InputTransform transform = inputKind.fit(tr.features());
        // the refit networks see all the rows: their transform (tf-idf, z-scores) is fitted on all of them too
        InputTransform refitTransform = refitRows == null ? null : inputKind.fit(refitRows.features());
        LossSpec refitSpec = refitRows == null ? null : loss.spec(kind, refitRows.labels());

        Map<String, String> prov = new LinkedHashMap<>();
        if (auto) prov.putAll(recipe.write(applied));
        if (transform != null) prov.put("input", transform.type());
        if (members > 1) prov.put("ensemble", String.valueOf(members));
        if (members > 1 && budget.limited()) prov.put("time_budget", budget.id());
        if (va != null || cross) prov.put("refit", refitMode.id());
        int[][] folds = cross ? Subsets.folds(tr.rows(), members, seed) : null;
        if (cross) prov.put("cross_fit", members + " folds");
        if (tc.earlyStopping().enabled() && (va != null || cross)) {
            prov.put("early_stopping", esMetric.id() + ", patience " + tc.earlyStopping().patience()
                    + (tc.earlyStopping().minSteps() > 0 ? ", at least " + tc.earlyStopping().minSteps() + " steps" : ""));
        }
        prov.put("hidden", cfg.hidden().toString());
        prov.put("dropout", String.valueOf(cfg.dropout()));
        prov.put("loss", spec.describe());
        if (dataName != null) prov.put("train_file", dataName);
        if (encoding != null && !encoding.isPlain()) prov.put("input_encoding", encoding.summary());
        if (objective != null) prov.put("objective", objective.id());
        prov.put("epochs", String.valueOf(tc.epochs()));
        prov.put("batch", String.valueOf(tc.batchSize()));
        prov.put("lr", String.valueOf(tc.lr()));
        prov.put("optimizer", tc.optimizer().kind().name());
        prov.put("output_bias", tc.outputBias().name());
        prov.put("sampler", tc.sampler().describe());
        if (mlRosPercent != null) prov.put("ml_ros_percent", String.valueOf(mlRosPercent));
        if (members > 1 && (checkpoints.sink() != null || checkpoints.resumeFrom() != null)) {
            throw new IllegalArgumentException("--checkpoint-dir and --resume apply to a single network, not to --ensemble "
                    + members);
        }
        NetworkTrainer network;
        if (cross) {
            // the builder's fields copied: a plan does not change when the builder does
            Map<String, String> foldProv = prov;
            Double ros = mlRosPercent;
            long rosSeed = seed;
            Checkpointing ck = checkpoints;
            network = new CrossFitTrainer(folds, tr, (foldTrain, foldValid) -> new SingleNetworkTrainer(tc, cfg, transform, spec,
                    ros == null ? foldTrain : Subsets.select(foldTrain, MlRos.indices(foldTrain.labels(), ros, rosSeed)),
                    foldValid, foldProv, ck));
        } else {
            network = new SingleNetworkTrainer(tc, cfg, transform, spec, tr, va, prov, checkpoints);
        }
        if (refitRows != null) network = new RefitTrainer(network, tc, cfg, refitTransform, refitSpec, refitRows, prov);
        return new TrainingPlan(recipe, Collections.unmodifiableSet(applied), recipe == null ? Map.of() : recipe.values(applied),
                tr, va, refitRows, spec, cfg, tc, inputKind, members, refitMode, rule, Collections.unmodifiableMap(prov),
                new EnsembleTrainer(network, members, seed, budget), listener, encoding, folds, forestOn ? forestSettings : null,
                stackingOn);
    }

    private static <T> T choose(Set<AutoRecipe.Choice> applied, AutoRecipe.Choice c, T value) {
        applied.add(c);
        return value;
    }

    /**
     * For {@link TrainingPlan#run()}, before the networks (so that the job's time budget counts
     * it): the plan's forest grown on every training row (the validation rows included), a held-out
     * row scored by the trees that did not draw it; null when the plan has none.
     */
    static ForestTrainer.Fit growForest(TrainingPlan p) {
        if (p.forest() == null) return null;
        long start = System.nanoTime();
        Dataset all = p.folds() != null || p.valid() == null ? p.train() : Subsets.concat(p.train(), p.valid());
        ForestTrainer.Fit fit = ForestTrainer.fit(all.features(), all.labels(), p.forest(), p.trainer().seed(),
                p.trainer().threads());
        p.listener().forestGrown(p.forest().trees(), (System.nanoTime() - start) / 1e9);
        return fit;
    }

    /** Row i of {@code a} then row i of {@code b} (both rows x labels), for every row. */
    private static float[] sideBySide(float[] a, float[] b, int rows, int labels) {
        float[] out = new float[Math.multiplyExact(rows, 2 * labels)];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(a, i * labels, out, i * 2 * labels, labels);
            System.arraycopy(b, i * labels, out, i * 2 * labels + labels, labels);
        }
        return out;
    }

    /** For {@link TrainingPlan#run()}: the model of a finished ensemble with its decision rule (and forest). */
    static Model finish(EnsembleTrainer.Result r, TrainingPlan p, Map<String, String> provenance, ForestTrainer.Fit fit) {
        Model heldOut = r.heldOut(provenance);
        boolean needScores = p.thresholds().tuned() || p.forest() != null || p.stacking();
        // the held-out rows: every row's fold (cross-fit) or the validation rows; their scores come
        // from networks that did not train on them
        float[] scores = null;
        dev.fewhot.data.LabelSets truth;
        int[] forestRows; // each held-out row's index among the forest's rows
        if (p.folds() != null) {
            int trained = r.networks().size(), labels = p.train().numLabels(), n = 0;
            for (int k = 0; k < trained; k++) n += p.folds()[k].length;
            int[] rows = new int[n];
            scores = needScores ? new float[Math.multiplyExact(n, labels)] : null;
            int at = 0;
            for (int k = 0; k < trained; k++) {
                int[] fold = p.folds()[k];
                System.arraycopy(fold, 0, rows, at, fold.length);
                if (scores != null) {
                    float[] s = r.networks().get(k).heldOut().model().predictor(p.trainer().threads())
                            .scores(Subsets.select(p.train(), fold).features());
                    System.arraycopy(s, 0, scores, at * labels, s.length);
                }
                at += fold.length;
            }
            truth = Subsets.select(p.train().labels(), rows);
            forestRows = rows;
        } else {
            if (needScores) scores = heldOut.predictor(p.trainer().threads()).scores(p.valid().features());
            truth = p.valid() == null ? null : p.valid().labels();
            forestRows = new int[p.valid() == null ? 0 : p.valid().rows()];
            for (int i = 0; i < forestRows.length; i++) forestRows[i] = p.train().rows() + i;
        }
        Map<String, String> prov = provenance;
        dev.fewhot.forest.Forest forest = null;
        double share = 1;
        float[] networkScores = null, forestScores = null; // the blend's parts
        if (fit != null) {
            int labels = p.train().numLabels();
            float[] oob = new float[scores.length];
            for (int i = 0; i < forestRows.length; i++) {
                System.arraycopy(fit.outOfBag(), forestRows[i] * labels, oob, i * labels, labels);
            }
            Blend.Choice c = Blend.choose(scores, oob, truth);
            share = c.share();
            prov = new LinkedHashMap<>(provenance);
            StringBuilder tried = new StringBuilder();
            for (int i = 0; i < Blend.SHARES.length; i++) {
                tried.append(i == 0 ? "" : ", ").append(Blend.SHARES[i]).append(": ")
                        .append(String.format(java.util.Locale.ROOT, "%.4f", c.criteria()[i]));
            }
            prov.put("forest", p.forest().describe() + "; network share " + share + " chosen on " + forestRows.length
                    + " held-out rows by P@1 + best micro-F1 (" + tried + ")" + (share == 1 ? ": networks alone" : ""));
            networkScores = scores;
            forestScores = oob;
            if (share < 1) {
                forest = fit.forest();
                scores = Blend.mix(scores, oob, share);
            }
        }
        Stacking stacking = null;
        double stackedShare = 0;
        if (p.stacking() && scores != null && truth != null) {
            int labels = p.train().numLabels(), n = truth.rows();
            if (prov == provenance) prov = new LinkedHashMap<>(provenance);
            if (Stacking.affordable(n, labels, forest != null ? 2 * labels : labels)) {
                // the second level reads the networks' probabilities, and the forest's beside them when it is blended in
                float[] inputs = forest == null ? scores : sideBySide(networkScores, forestScores, n, labels);
                Stacking.Choice sc = Stacking.choose(inputs, scores, truth, p.trainer().seed());
                prov.put("stacking", sc.describe(n) + (forest != null ? " (inputs: the networks' and the forest's probabilities)" : ""));
                stacking = sc.stacking();
                stackedShare = sc.share();
                scores = sc.heldOut();
            } else {
                prov.put("stacking", "skipped: " + n + " held-out rows and " + labels + " labels (at most "
                        + Stacking.MAX_INPUTS + " inputs, rows x labels x (inputs + 1)^2 at most "
                        + Stacking.MAX_WORK + ")");
            }
        }
        Model kept = r.refit() ? r.kept(prov) : prov == provenance ? heldOut : r.heldOut(prov);
        if (forest != null) kept = kept.withForest(forest, share);
        if (stacking != null) kept = kept.withStacking(stacking, stackedShare);
        return kept.withRule(p.thresholds().rule(kept.rule(), p.thresholds().tuned() ? scores : null, truth,
                p.train().labels().labelCounts(), p.train().rows()));
    }
}
