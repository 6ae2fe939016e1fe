package dev.fewhot.train;

import dev.fewhot.data.CsrMatrix;
import dev.fewhot.data.Dataset;
import dev.fewhot.data.DenseMatrix;
import dev.fewhot.data.Features;
import dev.fewhot.decide.Objective;
import dev.fewhot.loss.LossKind;
import dev.fewhot.model.InputTransform;
import dev.fewhot.optim.OptimizerSettings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * fewhot's data-driven training recipe ({@code fewhot train} without {@code --loss},
 * {@code --hidden} or {@code --epochs}; {@code FewHot.trainer()} without a loss kind, hidden
 * widths or epochs). Chosen from the training file alone, before any split; {@link #describe()}
 * explains each choice, and {@link #write}/{@link #read} store what was applied in a model's
 * provenance:
 *
 * <ul>
 *   <li>loss: {@code asl} when the label density (cardinality / labels) is below
 *       {@value #ASL_DENSITY}, i.e. many labels with few positives each, else {@code bce};</li>
 *   <li>input: {@code raw} (tf-idf measured no better on a bibtex validation split) when the features are sparse (non-zero share below
 *       {@value #SPARSE_DENSITY}) and non-negative (bag-of-words style), else column z-scores
 *       ({@code standardize}) from the training rows;</li>
 *   <li>network: one hidden layer of 1024 (512 under {@value #SMALL_ROWS} training rows), dropout
 *       0.5, AdamW (weight decay 0.01) at 1e-3;</li>
 *   <li>epochs: up to {@value #MAX_EPOCHS}, early stopping with patience {@value #PATIENCE} on the
 *       validation P@1 (label density below {@value #ASL_DENSITY}) or loss, keeping the best epoch;</li>
 *   <li>batch and learning rate from the training rows (those left after the validation split):
 *       the largest power of two that still gives {@value #STEPS_PER_EPOCH} optimiser steps an
 *       epoch, between {@value #MIN_BATCH} and {@value #MAX_BATCH} (so large sets keep 256; 300
 *       rows get 16), at a learning rate of {@value #LR} (Adam's step size does not grow with the
 *       batch, so small batches need no smaller rate; see docs/recipe-small-data.md);</li>
 *   <li>early stopping on small sets: it may stop only after {@value #MIN_STEPS} optimiser steps,
 *       and its patience covers at least {@value #PATIENCE_STEPS} steps (more epochs than
 *       {@value #PATIENCE} when an epoch is short), so that the noise of a validation measure on a
 *       few dozen rows cannot stop a network that has barely started (with batch 256, 300 rows
 *       were one step an epoch and early stopping ended after 3-4 steps);</li>
 *   <li>validation: a seeded split of the training rows, 10% but at least 100 rows and at most
 *       25%; it also tunes the decision rule for the {@linkplain #objectiveFor objective}: on
 *       label-dense sets (label density at least {@value #ASL_DENSITY}) micro-F1, with one global
 *       threshold, else macro-F1, with per-label thresholds (on development splits of six training
 *       files, see docs/recipe-small-data.md: on the four label-dense ones micro-F1 +1.3 points,
 *       Hamming loss -2.4 points, macro-F1 -0.7 points against per-label thresholds; on birds and
 *       genbase micro-F1 +1.7 but macro-F1 -5.2 points); every row gets at least its best label unless
 *       {@value #EMPTY_ROWS_SHARE} or more of the training rows have no label (birds: 44%; stackex_cooking's
 *       1.3% stay below, and without the rule 4.7% of its test rows were left empty): there
 *       the rule may leave a row empty, as the data does;</li>
 *   <li>ensemble: {@value #MEMBERS} networks with seeds seed..seed+4 averaged in probability
 *       space when the training work (rows x stored values per row) is at most
 *       {@value #ENSEMBLE_WORK}, else 1; {@value #SMALL_DENSE_MEMBERS} on label-dense sets of fewer
 *       than {@value #SMALL_ROWS} rows ({@link #SMALL_DENSE_MEMBERS});</li>
 *   <li>cross-fit: an ensemble is cross-fitted ({@link CrossFitTrainer}): network k of 5 trains
 *       outside fold k of the training rows and early-stops on it, and the decision rule is tuned on
 *       every row's held-out score (development splits of eight training files:
 *       docs/recipe-small-data.md); no refit then. Not where {@value #EMPTY_ROWS_SHARE} or more of
 *       the training rows have no label (birds): there the thresholds tuned on single networks'
 *       held-out scores, applied to the five-network average, left 50-58% of the development rows
 *       empty against 47% in the data (a split and refit: 39-45%, P@1 0.339 against 0.318), so
 *       such a set keeps the split and, with {@code asl}, the refit;</li>
 *   <li>stacking ({@link #stacking()}): with a cross-fitted ensemble, a second level
 *       ({@link dev.fewhot.decide.Stacking}) over the held-out probabilities of all the labels,
 *       mixed in at the share that scores best out of fold (on six development splits each of
 *       yeast, emotions, scene and flags: P@1 +0.003 and micro-F1 +0.003 on average,
 *       docs/recipe-small-data.md);</li>
 *   <li>refit ({@link Refit#ON}) for an ensemble that is not cross-fitted (one network, many rows
 *       without labels, or a job with its own validation rows, see {@link #withoutCrossFit}) when the label density is below {@value #ASL_DENSITY} (the
 *       {@code asl} / P@1 branch), else off: once early stopping has found a network's best
 *       epoch E on the validation split, the network is retrained from scratch (same seed, same
 *       schedule) for E epochs on all the training rows, validation rows included, and that
 *       network is kept; the thresholds are still tuned on the validation scores of the networks
 *       that did not train on those rows. It costs a second, shorter training of each network (E
 *       epochs instead of E + patience, on 11% more rows, without validation passes): the
 *       command took 1.6x as long on the bibtex development split.</li>
 * </ul>
 *
 * <p>Refit was adopted on a development split of bibtex's training file (80% to train with the
 * recipe's own 10% validation split, 20% = 976 rows to score; the official test file untouched),
 * the same recipe with and without refit, paired by seed:
 *
 * <table>
 *   <caption>bibtex development split, mean over seeds</caption>
 *   <tr><th>refit</th><th>seeds</th><th>P@1</th><th>P@5</th><th>macro-F1</th><th>PSP@5</th><th>refit better (P@1)</th></tr>
 *   <tr><td>off</td><td>0-2</td><td>0.6414</td><td>0.3018</td><td>0.3895</td><td>0.6159</td><td></td></tr>
 *   <tr><td>on</td><td>0-2</td><td>0.6530</td><td>0.3050</td><td>0.4004</td><td>0.6252</td><td>3 of 3</td></tr>
 *   <tr><td>off</td><td>0-9</td><td>0.6444</td><td>0.3017</td><td>0.3913</td><td>0.6157</td><td></td></tr>
 *   <tr><td>on</td><td>0-9</td><td>0.6508</td><td>0.3043</td><td>0.3986</td><td>0.6236</td><td>8 of 10</td></tr>
 * </table>
 *
 * <p>(P@1 gain +0.0065, standard deviation of the paired gains 0.0088 over the 10 seeds; P@5
 * better on 8 of 10, PSP@5 on 8 of 10.) The same comparison on 80/20 development splits of the
 * yeast and emotions training files (the {@code bce} / loss branch, seeds 0-2) showed no
 * consistent gain: yeast micro-F1 0.6086 off, 0.6061 on (lower on 3 of 3 seeds), macro-F1
 * 0.4820 / 0.4737; emotions (78 scored rows) micro-F1 0.6777 / 0.6783, macro-F1 0.6723 /
 * 0.6746, mixed by seed. Refit stays off there: that branch is judged by thresholded measures,
 * and the thresholds come from networks trained without the validation rows, a mismatch the
 * rankings (P@k) do not see.
 *
Each setting the recipe chooses is a {@link Choice}; a training job applies
 * the choices the user did not make, and stores those (with the data facts) through
 * {@link #write}. To add a setting, add a component and a {@link Choice} constant.
 *
 * @param facts        the data measures behind the choice
 * @param loss         the loss
 * @param hidden       hidden width (one layer)
 * @param dropout      dropout rate
 * @param optimizer    the optimiser (AdamW)
 * @param epochs       maximum epochs
 * @param earlyStopping early-stopping measure
 * @param patience     early-stopping patience
 * @param validSplit   share of the training rows held out
 * @param input        input transform
 * @param members      ensemble size
 * @param refit        whether each network is retrained on all the rows for its best epoch count
 * @param batch        mini-batch rows
 * @param lr           peak learning rate
 * @param minSteps     optimiser steps before early stopping may stop
 * @param objective    the measure the decision rule is tuned for on the held-out rows
 * @param thresholds   how the decision rule is tuned on the held-out rows (the objective's strategy)
 * @param atLeastOne   whether every row gets at least its best label (when fewer than
 *                     {@value #EMPTY_ROWS_SHARE} of the training rows have none)
 * @param schedule     the learning-rate decay (cosine in short runs)
 * @param warmup       linear warm-up steps
 * @param crossFit     whether the ensemble is cross-fitted ({@link CrossFitTrainer}: network k
 *                     early-stops on fold k, the rule is tuned on every row's held-out score)
 */
public record AutoRecipe(DataFacts facts, LossKind loss, int hidden, double dropout, OptimizerSettings.Kind optimizer,
                         int epochs, EarlyStopping.ValidationMetric earlyStopping, int patience, double validSplit,
                         InputTransform.Kind input, int members, Refit refit, int batch, double lr, long minSteps,
                         Objective objective, ThresholdStrategy thresholds, boolean atLeastOne,
                         TrainerConfig.Schedule schedule, long warmup, boolean crossFit) {
    public static final double ASL_DENSITY = 0.1;
    public static final double SPARSE_DENSITY = 0.1;
    /** The input transform of sparse non-negative features. */
    public static final InputTransform.Kind SPARSE_INPUT = InputTransform.Kind.RAW;
    public static final int SMALL_ROWS = 1000;
    public static final int MAX_EPOCHS = 100;
    public static final int PATIENCE = 5;
    public static final int MEMBERS = 5;
    /**
     * Networks of a label-dense set (the {@code bce} branch) with fewer than {@value #SMALL_ROWS}
     * training rows: ten 10-fold cross-fitted networks, each trained on 90% of the rows. On
     * development splits of emotions and flags (two splits each, seeds 0-2) P@1 went up by 0.4,
     * 2.6, 3.8 and 2.1 points against five networks, micro-F1 by -0.2, +0.8, +0.1 and 0.0; on
     * genbase ({@code asl}, per-label thresholds tuned on 37-row folds) micro-F1 fell in two seeds
     * of three (0.926 -> 0.727), so the many-label branch keeps {@value #MEMBERS}.
     */
    public static final int SMALL_DENSE_MEMBERS = 10;
    public static final long ENSEMBLE_WORK = 50_000_000L;
    public static final int MAX_BATCH = 256;
    public static final int MIN_BATCH = 16;
    /** Optimiser steps an epoch the batch size aims for. */
    public static final int STEPS_PER_EPOCH = 16;
    /** Optimiser steps before early stopping may stop. */
    public static final long MIN_STEPS = 100;
    /** Optimiser steps the patience covers at least. */
    public static final int PATIENCE_STEPS = 50;
    public static final double LR = 1e-3;
    /** Optimiser steps an epoch from which the recipe trains short cosine runs instead of early-stopped ones. */
    public static final int LONG_EPOCH_STEPS = 128;
    /** Epochs of a short cosine run. */
    public static final int SHORT_RUN_EPOCHS = 10;
    /** Peak learning rate of a short cosine run. */
    public static final double SHORT_RUN_LR = 5e-3;
    /** Linear warm-up steps of a short cosine run. */
    public static final long SHORT_RUN_WARMUP = 200;
    /** Share of training rows without labels below which every row gets at least one label. */
    public static final double EMPTY_ROWS_SHARE = 0.1;
    /** Most training rows for which the recipe grows a forest beside the networks. */
    public static final int FOREST_MAX_ROWS = 5000;
    /** Most stored feature values per row (the columns of dense features) for which the recipe grows a forest. */
    public static final int FOREST_MAX_FEATURES = 1000;
    /**
     * Most training rows x labels for which the recipe grows a forest: its leaves hold a label
     * vector each (about 0.63 x rows leaves a tree), so this bounds the model to about 40 MB and
     * the split search, which reads every label of a node's rows, to about a minute on 2 cores.
     */
    public static final int FOREST_MAX_ROW_LABELS = 50_000;
    /** Provenance key marking a model trained with (part of) the recipe. */
    public static final String KEY = "auto";

    public AutoRecipe {
        if (facts == null || loss == null || optimizer == null || earlyStopping == null || input == null || refit == null
                || thresholds == null || objective == null || schedule == null) {
            throw new IllegalArgumentException("every setting of the auto recipe must be set");
        }
        if (hidden < 1) throw new IllegalArgumentException("hidden must be >= 1, got " + hidden);
        if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        if (patience < 0) throw new IllegalArgumentException("patience must be >= 0, got " + patience);
        if (!(validSplit > 0 && validSplit < 1)) throw new IllegalArgumentException("validSplit must be in (0, 1), got " + validSplit);
        if (members < 1) throw new IllegalArgumentException("members must be >= 1, got " + members);
        if (batch < 1) throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        if (!(lr > 0)) throw new IllegalArgumentException("lr must be > 0, got " + lr);
        if (minSteps < 0) throw new IllegalArgumentException("minSteps must be >= 0, got " + minSteps);
        if (warmup < 0) throw new IllegalArgumentException("warmup must be >= 0, got " + warmup);
    }

    /** Whether the recipe trains short cosine runs (an epoch of at least {@value #LONG_EPOCH_STEPS} steps). */
    public boolean shortRuns() {
        return schedule == TrainerConfig.Schedule.COSINE;
    }

    /**
     * The objective of the decision rule unless told otherwise: macro-F1 (per-label thresholds)
     * when the label density is below {@value #ASL_DENSITY}, micro-F1 (one global threshold) above.
     */
    public static Objective objectiveFor(double labelDensity) {
        return labelDensity < ASL_DENSITY ? Objective.MACRO_F1 : Objective.MICRO_F1;
    }

    /**
     * The batch for {@code trainRows} training rows: the largest power of two with at least
     * {@value #STEPS_PER_EPOCH} steps an epoch, within [{@value #MIN_BATCH}, {@value #MAX_BATCH}].
     */
    public static int batchFor(int trainRows) {
        int b = Integer.highestOneBit(Math.max(1, trainRows / STEPS_PER_EPOCH));
        return Math.max(MIN_BATCH, Math.min(MAX_BATCH, b));
    }

    /** Training rows left after the validation split of {@code rows} at {@code share} (as {@link dev.fewhot.data.Subsets#split} rounds). */
    static int trainRows(int rows, double share) {
        int validRows = (int) Math.min(Math.max(0, rows - 1), Math.max(1, Math.round(share * rows)));
        return Math.max(1, rows - validRows);
    }

    /** Optimiser steps an epoch of the recipe's training rows at its batch. */
    public int stepsPerEpoch() {
        int t = trainRows(facts.rows(), validSplit);
        return (t + batch - 1) / batch;
    }

    /** The recipe's early stopping: its measure, patience and minimum of optimiser steps. */
    public EarlyStopping earlyStoppingSettings() {
        return new EarlyStopping(earlyStopping, patience, minSteps);
    }

    /**
     * The measures of a training set the recipe is chosen from.
     *
     * @param rows             training rows
     * @param labels           labels
     * @param labelCardinality mean positives per row
     * @param labelDensity     cardinality / labels
     * @param featureDensity   share of non-zero feature values
     * @param storedPerRow     stored feature values per row (the ensemble's work measure; not stored in provenance)
     * @param negativeFeatures whether any feature value is negative (not stored in provenance)
     * @param emptyRowShare    share of the rows without any label (NaN when read from a model stored without it)
     */
    public record DataFacts(int rows, int labels, double labelCardinality, double labelDensity, double featureDensity,
                            double storedPerRow, boolean negativeFeatures, double emptyRowShare) {
        /** The measures of a training set. */
        public static DataFacts of(Dataset train) {
            int n = train.rows(), L = train.numLabels();
            double cardinality = n == 0 ? 0 : (double) train.labels().totalPositives() / n;
            Features x = train.features();
            int empty = 0;
            for (int r = 0; r < n; r++) if (train.labels().count(r) == 0) empty++;
            return new DataFacts(n, L, cardinality, cardinality / L,
                    n == 0 ? 0 : countNonZero(x) / ((double) n * x.cols()),
                    (double) x.storedValues() / Math.max(1, n), hasNegative(x), n == 0 ? 0 : (double) empty / n);
        }

        /** The provenance form (rows, labels, label_cardinality, label_density, feature_density, rows_without_labels). */
        public Map<String, String> toMap() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("rows", String.valueOf(rows));
            m.put("labels", String.valueOf(labels));
            m.put("label_cardinality", fmt(labelCardinality));
            m.put("label_density", fmt(labelDensity));
            m.put("feature_density", fmt(featureDensity));
            if (!Double.isNaN(emptyRowShare)) m.put("rows_without_labels", fmt(emptyRowShare));
            return Collections.unmodifiableMap(m);
        }

        /** Reads {@link #toMap()}'s form back (to its 4 significant digits; the unstored fields are NaN / false). */
        public static DataFacts fromMap(Map<String, String> m) {
            return new DataFacts(Integer.parseInt(m.get("rows")), Integer.parseInt(m.get("labels")),
                    Double.parseDouble(m.get("label_cardinality")), Double.parseDouble(m.get("label_density")),
                    Double.parseDouble(m.get("feature_density")), Double.NaN, false,
                    m.containsKey("rows_without_labels") ? Double.parseDouble(m.get("rows_without_labels")) : Double.NaN);
        }
    }

    /** A setting the recipe chooses, with its provenance key and value. */
    public enum Choice {
        LOSS("loss", r -> r.loss().id()),
        HIDDEN("hidden", r -> String.valueOf(r.hidden())),
        DROPOUT("dropout", r -> String.valueOf(r.dropout())),
        OPTIMIZER("optimizer", r -> r.optimizer().id()),
        EPOCHS("epochs", r -> String.valueOf(r.epochs())),
        EARLY_STOPPING("early_stopping", r -> r.earlyStopping().id()),
        PATIENCE("patience", r -> String.valueOf(r.patience())),
        VALID_SPLIT("valid_split", r -> String.format(Locale.ROOT, "%.3f", r.validSplit())),
        INPUT("input", r -> r.input().id()),
        ENSEMBLE("ensemble", r -> String.valueOf(r.members())),
        REFIT("refit", r -> r.refit().id()),
        BATCH("batch", r -> String.valueOf(r.batch())),
        LR("lr", r -> String.valueOf(r.lr())),
        MIN_STEPS("min_steps", r -> String.valueOf(r.minSteps())),
        OBJECTIVE("objective", r -> r.objective().id()),
        THRESHOLDS("thresholds", r -> r.thresholds().id()),
        AT_LEAST_ONE("at_least_one", r -> String.valueOf(r.atLeastOne())),
        SCHEDULE("schedule", r -> r.schedule().id()),
        WARMUP("warmup", r -> String.valueOf(r.warmup())),
        CROSS_FIT("cross_fit", r -> r.crossFit() ? "on" : "off"),
        FOREST("forest", r -> r.forest() ? "on" : "off"),
        STACKING("stacking", r -> r.stacking() ? "on" : "off");

        private final String key;
        private final Function<AutoRecipe, String> value;

        Choice(String key, Function<AutoRecipe, String> value) {
            this.key = key;
            this.value = value;
        }

        /** The key (in provenance: {@code auto_} + key). */
        public String key() { return key; }

        /** The recipe's value for this setting, as stored. */
        public String value(AutoRecipe r) { return value.apply(r); }

        static Optional<Choice> ofKey(String key) {
            for (Choice c : values()) if (c.key.equals(key)) return Optional.of(c);
            return Optional.empty();
        }
    }

    /** The recipe for a training set. */
    public static AutoRecipe of(Dataset train) {
        return of(DataFacts.of(train));
    }

    /** The recipe for a training set's measures. */
    public static AutoRecipe of(DataFacts f) {
        int n = f.rows();
        boolean sparse = f.featureDensity() < SPARSE_DENSITY && !f.negativeFeatures();
        boolean manyLabels = f.labelDensity() < ASL_DENSITY;
        double validSplit = Math.min(0.25, Math.max(0.1, n == 0 ? 0.1 : 100.0 / n));
        long work = (long) (n * Math.max(1.0, f.storedPerRow()));
        int members = work > ENSEMBLE_WORK ? 1 : smallAndDense(f) ? SMALL_DENSE_MEMBERS : MEMBERS;
        int trainRows = trainRows(n, validSplit);
        int batch = batchFor(trainRows);
        int stepsPerEpoch = (trainRows + batch - 1) / batch;
        Objective objective = objectiveFor(f.labelDensity());
        boolean atLeastOne = !(f.emptyRowShare() >= EMPTY_ROWS_SHARE);
        LossKind loss = manyLabels ? LossKind.ASL : LossKind.BCE;
        EarlyStopping.ValidationMetric watched = manyLabels ? EarlyStopping.ValidationMetric.P_AT_1 : EarlyStopping.ValidationMetric.LOSS;
        InputTransform.Kind input = sparse ? SPARSE_INPUT : InputTransform.Kind.STANDARDIZE;
        int hidden = n < SMALL_ROWS ? 512 : 1024;
        if (stepsPerEpoch >= LONG_EPOCH_STEPS) {
            // short cosine runs: no early stopping (patience 0), no refit, no dropout
            return new AutoRecipe(f, loss, hidden, 0.0, OptimizerSettings.Kind.ADAMW, SHORT_RUN_EPOCHS, watched, 0, validSplit,
                    input, MEMBERS, Refit.OFF, batch, SHORT_RUN_LR, 0, objective, ThresholdStrategy.of(objective), atLeastOne,
                    TrainerConfig.Schedule.COSINE, SHORT_RUN_WARMUP, false);
        }
        int patience = Math.max(PATIENCE, (PATIENCE_STEPS + stepsPerEpoch - 1) / stepsPerEpoch);
        // folds for an ensemble, except where many rows have no label (see the class comment)
        boolean crossFit = members > 1 && atLeastOne;
        return new AutoRecipe(f, loss, hidden, 0.5, OptimizerSettings.Kind.ADAMW, MAX_EPOCHS, watched, patience, validSplit, input,
                members, manyLabels && !crossFit ? Refit.ON : Refit.OFF, batch, LR, MIN_STEPS, objective,
                ThresholdStrategy.of(objective), atLeastOne, TrainerConfig.Schedule.CONSTANT, 0, crossFit);
    }

    /**
     * Whether a forest ({@link dev.fewhot.forest.ForestSettings.Kind#DEFAULT}) is grown on all the
     * training rows and blended with the networks, their share chosen on the held-out rows
     * ({@link dev.fewhot.decide.Blend#choose}): for dense or signed features (not bag-of-words) of at
     * most {@value #FOREST_MAX_ROWS} rows, {@value #FOREST_MAX_FEATURES} stored values a row and
     * {@value #FOREST_MAX_ROW_LABELS} rows x labels, where trees are
     * strong and cheap (docs/recipe-small-data.md).
     */
    public boolean forest() {
        boolean sparse = facts.featureDensity() < SPARSE_DENSITY && !facts.negativeFeatures();
        return !sparse && facts.rows() <= FOREST_MAX_ROWS && facts.storedPerRow() <= FOREST_MAX_FEATURES
                && (long) facts.rows() * facts.labels() <= FOREST_MAX_ROW_LABELS;
    }

    /**
     * Whether a second level ({@link dev.fewhot.decide.Stacking}) is tried on the held-out
     * probabilities (the networks', and the forest's beside them when it is grown) and kept when it
     * beats the first level out of fold: with a cross-fitted ensemble (every training row has a
     * held-out score) where the second level is cheap ({@link dev.fewhot.decide.Stacking#affordable};
     * docs/recipe-small-data.md).
     */
    public boolean stacking() {
        return crossFit && dev.fewhot.decide.Stacking.affordable(facts.rows(), facts.labels(),
                (forest() ? 2 : 1) * facts.labels());
    }

    /** A label-dense set (the {@code bce} branch) of fewer than {@value #SMALL_ROWS} rows: {@link #SMALL_DENSE_MEMBERS} networks. */
    private static boolean smallAndDense(DataFacts f) {
        return f.labelDensity() >= ASL_DENSITY && f.rows() < SMALL_ROWS;
    }

    /**
     * This recipe without cross-fitting (when the job has validation rows, a split or one network):
     * one validation split, and for {@code asl} each network refit on all the rows.
     */
    public AutoRecipe withoutCrossFit() {
        if (!crossFit) return this;
        return new AutoRecipe(facts, loss, hidden, dropout, optimizer, epochs, earlyStopping, patience, validSplit, input, members,
                loss == LossKind.ASL ? Refit.ON : Refit.OFF, batch, lr, minSteps, objective, thresholds, atLeastOne, schedule,
                warmup, false);
    }

    /** The values of the applied choices by key, in {@link Choice} order (e.g. loss=asl, hidden=1024). */
    public Map<String, String> values(Set<Choice> applied) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Choice c : Choice.values()) if (applied.contains(c)) m.put(c.key(), c.value(this));
        return Collections.unmodifiableMap(m);
    }

    /**
     * The provenance entries of a job that applied these choices: {@code auto=true}, the data
     * facts as {@code auto_data_*}, each applied choice as {@code auto_*}. {@link #read} parses them.
     */
    public Map<String, String> write(Set<Choice> applied) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(KEY, "true");
        facts.toMap().forEach((k, v) -> m.put("auto_data_" + k, v));
        values(applied).forEach((k, v) -> m.put("auto_" + k, v));
        return Collections.unmodifiableMap(m);
    }

    /**
     * What a model's provenance says of the recipe: the data facts and the applied choices with
     * their stored values, or empty when the model was not trained with the recipe.
     *
     * @param facts   the data measures
     * @param choices each applied choice with its stored value, in {@link Choice} order
     */
    public record Applied(DataFacts facts, Map<Choice, String> choices) { }

    /** Parses {@link #write}'s entries from a model's provenance. */
    public static Optional<Applied> read(Map<String, String> provenance) {
        if (!"true".equals(provenance.get(KEY))) return Optional.empty();
        Map<String, String> facts = new LinkedHashMap<>();
        Map<Choice, String> choices = new EnumMap<>(Choice.class);
        provenance.forEach((k, v) -> {
            if (k.startsWith("auto_data_")) {
                facts.put(k.substring(10), v);
            } else if (k.startsWith("auto_")) {
                Choice.ofKey(k.substring(5)).ifPresent(c -> choices.put(c, v));
            }
        });
        try {
            return Optional.of(new Applied(DataFacts.fromMap(facts), Collections.unmodifiableMap(choices)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("provenance: incomplete auto recipe data facts " + facts, e);
        }
    }

    /** One line per setting: what the recipe chose and why, for printing. */
    public List<String> describe() {
        return describe(EnumSet.allOf(Choice.class));
    }

    /** {@link #describe()} for the choices a job applied (the lines of settings the user gave are left out). */
    public List<String> describe(Set<Choice> applied) {
        return describe(applied, dev.fewhot.forest.ForestSettings.Kind.DEFAULT.settings());
    }

    /**
     * {@link #describe(Set)} for a job that grows {@code forest} (the user may have chosen its
     * kind while the recipe turned it on), so that the forest's line names the trees grown.
     *
     * @param forest the job's forest settings; null or the default: the default forest
     */
    public List<String> describe(Set<Choice> applied, dev.fewhot.forest.ForestSettings forest) {
        dev.fewhot.forest.ForestSettings grown = forest != null ? forest : dev.fewhot.forest.ForestSettings.Kind.DEFAULT.settings();
        List<String> lines = new ArrayList<>();
        boolean many = facts.labelDensity() < ASL_DENSITY;
        boolean folds = crossFit && applied.contains(Choice.CROSS_FIT); // a split given by the user wins over the folds
        add(lines, applied, EnumSet.of(Choice.LOSS), "loss " + loss.id() + ": label density " + fmt(facts.labelDensity())
                + (many ? " < " : " >= ") + ASL_DENSITY + (many ? " (many labels, few positives each)" : ""));
        add(lines, applied, EnumSet.of(Choice.INPUT), "input " + input.id() + ": features " + (input == SPARSE_INPUT
                ? "sparse (non-zero share " + fmt(facts.featureDensity()) + " < " + SPARSE_DENSITY + ") and non-negative"
                : "dense or signed (non-zero share " + fmt(facts.featureDensity()) + ")"));
        add(lines, applied, EnumSet.of(Choice.HIDDEN, Choice.DROPOUT, Choice.OPTIMIZER), "network: one hidden layer of " + hidden
                + " (" + (facts.rows() < SMALL_ROWS ? "under " : "at least ") + SMALL_ROWS + " training rows), dropout " + dropout
                + ", " + optimizer.id());
        if (shortRuns()) {
            add(lines, applied, EnumSet.of(Choice.EPOCHS, Choice.SCHEDULE, Choice.WARMUP, Choice.LR, Choice.EARLY_STOPPING,
                    Choice.PATIENCE, Choice.MIN_STEPS), String.format(Locale.ROOT, "schedule: %d epochs, lr %s after %d warm-up "
                    + "steps with cosine decay, no early stopping (an epoch is %d >= %d optimiser steps: short runs of "
                    + "many networks beat one long early-stopped run)", epochs, lr, warmup, stepsPerEpoch(), LONG_EPOCH_STEPS));
            add(lines, applied, EnumSet.of(Choice.BATCH), String.format(Locale.ROOT, "batch %d for %d training rows", batch,
                    trainRows(facts.rows(), validSplit)));
        } else {
            add(lines, applied, EnumSet.of(Choice.EPOCHS, Choice.EARLY_STOPPING, Choice.PATIENCE, Choice.SCHEDULE, Choice.WARMUP),
                    "epochs: up to " + epochs + ", constant lr, early stopping on validation " + earlyStopping.id()
                    + " with patience " + patience + ", keeping the best epoch");
            add(lines, applied, EnumSet.of(Choice.BATCH, Choice.LR, Choice.MIN_STEPS), String.format(Locale.ROOT,
                    "batch %d and lr %s for %d training rows (%d optimiser steps an epoch%s); early stopping after at least "
                            + "%d steps, patience %d epochs", batch, lr, trainRows(facts.rows(), validSplit), stepsPerEpoch(),
                    folds ? ", chosen for a 10-25% split; a cross-fitted network trains on 80%" : "", minSteps, patience));
        }
        if (folds) add(lines, applied, EnumSet.of(Choice.CROSS_FIT), "cross-fit: " + members + " folds of the training rows, network k "
                + "early-stopping on fold k, the decision rule tuned on every row's held-out score (instead of a split and, "
                + "for asl, a refit)");
        add(lines, applied, EnumSet.of(Choice.VALID_SPLIT), String.format(Locale.ROOT,
                "validation: %.1f%% of the training rows (seeded; 10%%, at least 100 rows, at most 25%%)", 100 * validSplit)
                + (!crossFit && members > 1 && !atLeastOne && !shortRuns() ? "; no cross-fit: rows without labels "
                + fmt(facts.emptyRowShare()) + " >= " + EMPTY_ROWS_SHARE + " (thresholds tuned on single networks' held-out "
                + "scores left more rows empty than the data has)" : ""));
        add(lines, applied, EnumSet.of(Choice.ENSEMBLE), "ensemble: " + members + (shortRuns() ? " networks, as many as "
                + "fit the time budget" : members == 1 ? " network (rows x stored values per row > " + ENSEMBLE_WORK + ")"
                : members == SMALL_DENSE_MEMBERS && smallAndDense(facts)
                ? " networks (label density >= " + ASL_DENSITY + ", under " + SMALL_ROWS + " training rows)"
                : " networks (rows x stored values per row <= " + ENSEMBLE_WORK + ")"));
        add(lines, applied, EnumSet.of(Choice.REFIT), "refit: " + refit.id() + (refit == Refit.ON
                ? " (asl: each network retrained on all the rows for its best epoch count)"
                : shortRuns() ? " (short runs: another network buys more than a refit)"
                : crossFit ? " (cross-fitted: every row trains " + (members - 1) + " of the " + members + " networks)"
                : " (bce: the networks trained without the validation rows are kept)"));
        add(lines, applied, EnumSet.of(Choice.FOREST), forest()
                ? "forest: " + grown.describe() + ", grown on all the training rows and "
                + "blended with the networks, their share chosen on the held-out rows (features dense, "
                + facts.rows() + " <= " + FOREST_MAX_ROWS + " rows, " + fmt(facts.storedPerRow()) + " <= " + FOREST_MAX_FEATURES + " stored values a row, "
                + String.format(java.util.Locale.ROOT, "%,d", (long) facts.rows() * facts.labels()) + " <= "
                + String.format(java.util.Locale.ROOT, "%,d", FOREST_MAX_ROW_LABELS) + " rows x labels)"
                : "forest: off (only for dense features of at most " + FOREST_MAX_ROWS + " rows, " + FOREST_MAX_FEATURES
                + " stored values a row and " + String.format(java.util.Locale.ROOT, "%,d", FOREST_MAX_ROW_LABELS)
                + " rows x labels)");
        add(lines, applied, EnumSet.of(Choice.STACKING), stacking()
                ? "stacking: a second level (one logistic regression a label over the held-out probabilities of all the labels"
                + (forest() ? ", the networks' and the forest's" : "") + ") kept if it beats the first level out of fold"
                : "stacking: off (only with a cross-fitted ensemble, at most " + dev.fewhot.decide.Stacking.MAX_INPUTS
                + " inputs a row and rows x labels x (inputs + 1)^2 at most "
                + String.format(java.util.Locale.ROOT, "%,d", dev.fewhot.decide.Stacking.MAX_WORK) + ")");
        add(lines, applied, EnumSet.of(Choice.OBJECTIVE), "objective " + objective.id() + ": label density "
                + fmt(facts.labelDensity()) + (objective == Objective.MACRO_F1 ? " < " : " >= ") + ASL_DENSITY);
        add(lines, applied, EnumSet.of(Choice.THRESHOLDS, Choice.AT_LEAST_ONE), "thresholds: " + thresholds.id()
                + (folds ? " tuned on every row's held-out score" : " tuned on the validation rows") + (atLeastOne ? ", at least one label per row" : "")
                + (Double.isNaN(facts.emptyRowShare()) ? "" : " (rows without labels " + fmt(facts.emptyRowShare())
                + (atLeastOne ? " < " : " >= ") + EMPTY_ROWS_SHARE + ")"));
        return List.copyOf(lines);
    }

    private static void add(List<String> lines, Set<Choice> applied, Set<Choice> covers, String line) {
        for (Choice c : covers) {
            if (applied.contains(c)) {
                lines.add(line);
                return;
            }
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static long countNonZero(Features x) {
        long c = 0;
        if (x instanceof CsrMatrix m) {
            for (float v : m.values()) if (v != 0) c++;
            // values() may be longer than the stored entries only when the matrix is built so; guard anyway
            return Math.min(c, m.storedValues());
        }
        for (float v : ((DenseMatrix) x).data()) if (v != 0) c++;
        return c;
    }

    private static boolean hasNegative(Features x) {
        float[] a = x instanceof CsrMatrix m ? m.values() : ((DenseMatrix) x).data();
        for (float v : a) if (v < 0) return true;
        return false;
    }
}
