package dev.fewhot.spark;

import dev.fewhot.data.LabelSets;
import dev.fewhot.decide.DecisionRule;
import dev.fewhot.decide.ScoreHistograms;
import dev.fewhot.model.Predictor;
import dev.fewhot.train.ThresholdStrategy;
import dev.fewhot.loss.LossKind;
import dev.fewhot.kernels.Activation;
import dev.fewhot.model.Model;
import dev.fewhot.model.ModelConfig;
import dev.fewhot.model.TrainingPrior;
import dev.fewhot.optim.OptimizerSettings;
import dev.fewhot.train.EarlyStopping;
import dev.fewhot.train.TrainingListener;
import dev.fewhot.train.TrainerConfig;
import dev.fewhot.train.sampling.Seeds;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A Spark ML estimator that trains a fewhot network (a sigmoid MLP with one of the library's
 * multi-label losses) data-parallel over a DataFrame of feature vectors and label sets, and
 * returns a {@link FewHotClassificationModel}.
 *
 * <p>Input columns: {@code featuresCol}, an ml {@code Vector} (dense or sparse, one size);
 * {@code labelsCol}, either {@code array<int>} of positive label ids (strictly increasing in a
 * row) or {@code array<double>} of per-label targets in [0, 1] (indicators or soft values).
 * Training modes ({@code trainingMode}): {@code sync}, the library's trainer step by step (every
 * step one Spark job; the same run as single-machine training with the same row order and
 * batch), and {@code local-sgd}, each partition training its own copy {@code localSteps} steps
 * between averages: the default, as it measured 5 to 9 times the samples/s of sync (docs/spark.md). Every param has its default in one place, {@link #FewHotClassifier(String)},
 * and is validated when set.
 */
public final class FewHotClassifier extends Estimator<FewHotClassificationModel> implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Param<String> featuresCol, labelsCol, predictionCol, scoresCol, loss, activation, optimizer, schedule,
            validationMetric, thresholdStrategy, trainingMode;
    private final IntParam numLabels, epochs, batchSize, warmupSteps, threadsPerTask, patience, localSteps, aggregationDepth;
    private final DoubleParam focalGamma, focalAlpha, aslGammaNeg, aslGammaPos, aslClip, positiveWeight, dropout, learningRate,
            weightDecay, gradClipNorm, validationFraction, threshold;
    private final IntArrayParam hiddenSizes;
    private final LongParam seed;
    private transient TrainingListener progress = TrainingListener.NONE;

    public FewHotClassifier() {
        this(Identifiable$.MODULE$.randomUID("fewhot"));
    }

    public FewHotClassifier(String uid) {
        this.uid = uid;
        featuresCol = new Param<>(uid, "featuresCol", "features column: an ml Vector");
        labelsCol = new Param<>(uid, "labelsCol", "labels column: array<int> of label ids or array<double> of targets in [0, 1]");
        predictionCol = new Param<>(uid, "predictionCol", "output column: array<int> of predicted label ids ('' for none)");
        scoresCol = new Param<>(uid, "scoresCol", "output column: array<float> of label probabilities ('' for none)");
        numLabels = new IntParam(uid, "numLabels", "size of the label space; 0: from the data", ParamValidators.gtEq(0));
        String[] lossIds = ids(LossKind.values(), LossKind::id);
        loss = new Param<>(uid, "loss", "training loss: " + String.join(", ", lossIds), ParamValidators.inArray(lossIds));
        focalGamma = new DoubleParam(uid, "focalGamma", "focal losses' gamma (>= 0)", ParamValidators.gtEq(0));
        focalAlpha = new DoubleParam(uid, "focalAlpha", "focal loss's alpha in [0, 1]; -1: off", ParamValidators.inRange(-1, 1));
        aslGammaNeg = new DoubleParam(uid, "aslGammaNeg", "ASL's gamma for negatives (>= 0)", ParamValidators.gtEq(0));
        aslGammaPos = new DoubleParam(uid, "aslGammaPos", "ASL's gamma for positives (>= 0)", ParamValidators.gtEq(0));
        aslClip = new DoubleParam(uid, "aslClip", "ASL's probability margin for negatives, in [0, 1)", ParamValidators.inRange(0, 1, true, false));
        positiveWeight = new DoubleParam(uid, "positiveWeight", "weighted-bce's weight of positives (> 0)", ParamValidators.gt(0));
        hiddenSizes = new IntArrayParam(this, "hiddenSizes", "widths of the hidden layers (at most "
                + ModelConfig.MAX_HIDDEN_LAYERS + "; empty: a linear model)");
        activation = new Param<>(uid, "activation", "hidden activation: relu, gelu", ParamValidators.inArray(new String[] {"relu", "gelu"}));
        dropout = new DoubleParam(uid, "dropout", "dropout of hidden layers, in [0, 1)", ParamValidators.inRange(0, 1, true, false));
        String[] optimizerIds = ids(OptimizerSettings.Kind.values(), OptimizerSettings.Kind::id);
        optimizer = new Param<>(uid, "optimizer", "optimiser: " + String.join(", ", optimizerIds), ParamValidators.inArray(optimizerIds));
        learningRate = new DoubleParam(uid, "learningRate", "peak learning rate (> 0)", ParamValidators.gt(0));
        weightDecay = new DoubleParam(uid, "weightDecay", "weight decay (>= 0); -1: the optimiser's default", ParamValidators.gtEq(-1));
        warmupSteps = new IntParam(uid, "warmupSteps", "linear warm-up steps (>= 0)", ParamValidators.gtEq(0));
        String[] scheduleIds = ids(TrainerConfig.Schedule.values(), TrainerConfig.Schedule::id);
        schedule = new Param<>(uid, "schedule", "learning-rate decay: " + String.join(", ", scheduleIds), ParamValidators.inArray(scheduleIds));
        gradClipNorm = new DoubleParam(uid, "gradClipNorm", "clip the gradient norm to this (> 0); 0: off", ParamValidators.gtEq(0));
        epochs = new IntParam(uid, "epochs", "passes over the training rows (>= 1)", ParamValidators.gtEq(1));
        batchSize = new IntParam(uid, "batchSize", "rows per step, all partitions together (>= 1)", ParamValidators.gtEq(1));
        seed = new LongParam(uid, "seed", "seed of initialisation, row order, dropout and the validation split");
        threadsPerTask = new IntParam(uid, "threadsPerTask", "kernel threads of each task (>= 1)", ParamValidators.gtEq(1));
        validationFraction = new DoubleParam(uid, "validationFraction", "share of rows held out for validation, in [0, 0.5]",
                ParamValidators.inRange(0, 0.5));
        patience = new IntParam(uid, "patience", "early stopping: epochs without improvement (>= 0); 0: off", ParamValidators.gtEq(0));
        String[] metricIds = ids(EarlyStopping.ValidationMetric.values(), EarlyStopping.ValidationMetric::id);
        validationMetric = new Param<>(uid, "validationMetric", "what early stopping watches: " + String.join(", ", metricIds),
                ParamValidators.inArray(metricIds));
        thresholdStrategy = new Param<>(uid, "thresholdStrategy", "decision rule: fixed (threshold), or tuned on the validation rows: "
                + "global, per-label, pcut, top-k", ParamValidators.inArray(new String[] {"fixed", "global", "per-label", "pcut", "top-k"}));
        threshold = new DoubleParam(uid, "threshold", "the fixed decision threshold, in [0, 1]", ParamValidators.inRange(0, 1));
        trainingMode = new Param<>(uid, "trainingMode", "sync or local-sgd", ParamValidators.inArray(new String[] {"sync", "local-sgd"}));
        localSteps = new IntParam(uid, "localSteps", "local-sgd: steps each partition takes between averages (>= 1)", ParamValidators.gtEq(1));
        aggregationDepth = new IntParam(uid, "aggregationDepth", "treeAggregate depth (>= 1)", ParamValidators.gtEq(1));

        // the defaults, all in one place
        setDefault(featuresCol, "features");
        setDefault(labelsCol, "labels");
        setDefault(predictionCol, "prediction");
        setDefault(scoresCol, "scores");
        setDefault(numLabels, 0);
        setDefault(loss, "asl");
        setDefault(focalGamma, 2.0);
        setDefault(focalAlpha, 0.25);
        setDefault(aslGammaNeg, 4.0);
        setDefault(aslGammaPos, 1.0);
        setDefault(aslClip, 0.05);
        setDefault(positiveWeight, 50.0);
        setDefault(hiddenSizes, new int[] {512});
        setDefault(activation, "relu");
        setDefault(dropout, 0.0);
        setDefault(optimizer, "adam");
        setDefault(learningRate, 1e-3);
        setDefault(weightDecay, -1.0);
        setDefault(warmupSteps, 0);
        setDefault(schedule, "constant");
        setDefault(gradClipNorm, 0.0);
        setDefault(epochs, 5);
        setDefault(batchSize, 256);
        setDefault(seed, 0L);
        setDefault(threadsPerTask, 1);
        setDefault(validationFraction, 0.0);
        setDefault(patience, 0);
        setDefault(validationMetric, "loss");
        setDefault(thresholdStrategy, "fixed");
        setDefault(threshold, 0.5);
        setDefault(trainingMode, "local-sgd");
        setDefault(localSteps, 8);
        setDefault(aggregationDepth, 2);
    }

    /** The option ids of an enum's values, in declaration order (the params' allowed values). */
    private static <E> String[] ids(E[] values, java.util.function.Function<E, String> id) {
        String[] ids = new String[values.length];
        for (int i = 0; i < values.length; i++) ids[i] = id.apply(values[i]);
        return ids;
    }

    @Override public String uid() { return uid; }

    // the params (public no-argument accessors: Spark ML finds params by them)
    public Param<String> featuresCol() { return featuresCol; }
    public Param<String> labelsCol() { return labelsCol; }
    public Param<String> predictionCol() { return predictionCol; }
    public Param<String> scoresCol() { return scoresCol; }
    public IntParam numLabels() { return numLabels; }
    public Param<String> loss() { return loss; }
    public DoubleParam focalGamma() { return focalGamma; }
    public DoubleParam focalAlpha() { return focalAlpha; }
    public DoubleParam aslGammaNeg() { return aslGammaNeg; }
    public DoubleParam aslGammaPos() { return aslGammaPos; }
    public DoubleParam aslClip() { return aslClip; }
    public DoubleParam positiveWeight() { return positiveWeight; }
    public IntArrayParam hiddenSizes() { return hiddenSizes; }
    public Param<String> activation() { return activation; }
    public DoubleParam dropout() { return dropout; }
    public Param<String> optimizer() { return optimizer; }
    public DoubleParam learningRate() { return learningRate; }
    public DoubleParam weightDecay() { return weightDecay; }
    public IntParam warmupSteps() { return warmupSteps; }
    public Param<String> schedule() { return schedule; }
    public DoubleParam gradClipNorm() { return gradClipNorm; }
    public IntParam epochs() { return epochs; }
    public IntParam batchSize() { return batchSize; }
    public LongParam seed() { return seed; }
    public IntParam threadsPerTask() { return threadsPerTask; }
    public DoubleParam validationFraction() { return validationFraction; }
    public IntParam patience() { return patience; }
    public Param<String> validationMetric() { return validationMetric; }
    public Param<String> thresholdStrategy() { return thresholdStrategy; }
    public DoubleParam threshold() { return threshold; }
    public Param<String> trainingMode() { return trainingMode; }
    public IntParam localSteps() { return localSteps; }
    public IntParam aggregationDepth() { return aggregationDepth; }

    // typed setters
    public FewHotClassifier setFeaturesCol(String v) { set(featuresCol, v); return this; }
    public FewHotClassifier setLabelsCol(String v) { set(labelsCol, v); return this; }
    public FewHotClassifier setPredictionCol(String v) { set(predictionCol, v); return this; }
    public FewHotClassifier setScoresCol(String v) { set(scoresCol, v); return this; }
    public FewHotClassifier setNumLabels(int v) { set(numLabels, v); return this; }
    public FewHotClassifier setLoss(String v) { set(loss, v); return this; }
    public FewHotClassifier setFocalGamma(double v) { set(focalGamma, v); return this; }
    public FewHotClassifier setFocalAlpha(double v) { set(focalAlpha, v); return this; }
    public FewHotClassifier setAslGammaNeg(double v) { set(aslGammaNeg, v); return this; }
    public FewHotClassifier setAslGammaPos(double v) { set(aslGammaPos, v); return this; }
    public FewHotClassifier setAslClip(double v) { set(aslClip, v); return this; }
    public FewHotClassifier setPositiveWeight(double v) { set(positiveWeight, v); return this; }
    public FewHotClassifier setHiddenSizes(int... v) { set(hiddenSizes, v.clone()); return this; }
    public FewHotClassifier setActivation(String v) { set(activation, v); return this; }
    public FewHotClassifier setDropout(double v) { set(dropout, v); return this; }
    public FewHotClassifier setOptimizer(String v) { set(optimizer, v); return this; }
    public FewHotClassifier setLearningRate(double v) { set(learningRate, v); return this; }
    public FewHotClassifier setWeightDecay(double v) { set(weightDecay, v); return this; }
    public FewHotClassifier setWarmupSteps(int v) { set(warmupSteps, v); return this; }
    public FewHotClassifier setSchedule(String v) { set(schedule, v); return this; }
    public FewHotClassifier setGradClipNorm(double v) { set(gradClipNorm, v); return this; }
    public FewHotClassifier setEpochs(int v) { set(epochs, v); return this; }
    public FewHotClassifier setBatchSize(int v) { set(batchSize, v); return this; }
    public FewHotClassifier setSeed(long v) { set(seed, v); return this; }
    public FewHotClassifier setThreadsPerTask(int v) { set(threadsPerTask, v); return this; }
    public FewHotClassifier setValidationFraction(double v) { set(validationFraction, v); return this; }
    public FewHotClassifier setPatience(int v) { set(patience, v); return this; }
    public FewHotClassifier setValidationMetric(String v) { set(validationMetric, v); return this; }
    public FewHotClassifier setThresholdStrategy(String v) { set(thresholdStrategy, v); return this; }
    public FewHotClassifier setThreshold(double v) { set(threshold, v); return this; }
    public FewHotClassifier setTrainingMode(String v) { set(trainingMode, v); return this; }
    public FewHotClassifier setLocalSteps(int v) { set(localSteps, v); return this; }
    public FewHotClassifier setAggregationDepth(int v) { set(aggregationDepth, v); return this; }

    /** Receives per-step and per-epoch progress on the driver (not saved with the estimator). */
    public FewHotClassifier setTrainingListener(TrainingListener p) {
        this.progress = p == null ? TrainingListener.NONE : p;
        return this;
    }

    private String str(Param<String> p) { return getOrDefault(p); }
    private int i(IntParam p) { return (Integer) getOrDefault(p); }
    private double d(DoubleParam p) { return (Double) getOrDefault(p); }

    private transient volatile Map<String, Object> lastFitSummary;

    /**
     * What the last {@link #fit} measured on the driver: rows, epochs, bestEpoch, steps,
     * sparkJobs, seconds, samplesPerSecond, epochLosses, validation (null before the first fit).
     */
    public Map<String, Object> fitSummary() { return lastFitSummary; }

    @Override
    public FewHotClassificationModel fit(Dataset<?> dataset) {
        transformSchema(dataset.schema(), true);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());
        String fCol = str(featuresCol), yCol = str(labelsCol);
        Dataset<Row> df = dataset.select(fCol, yCol);
        boolean ids = labelsAreIds(dataset.schema().apply(yCol).dataType());
        double vf = d(validationFraction);
        long sd = (Long) getOrDefault(seed);
        JavaRDD<Row> rows = df.javaRDD();
        JavaRDD<Block> train = rows.mapPartitionsWithIndex((p, it) -> List.of(
                Block.pack(split(it, p, sd, vf, false), 0, 1, ids, fCol, yCol)).iterator(), true).cache();
        JavaRDD<Block> valid = vf > 0 ? rows.mapPartitionsWithIndex((p, it) -> List.of(
                Block.pack(split(it, p, sd, vf, true), 0, 1, ids, fCol, yCol)).iterator(), true).cache() : null;
        try {
            List<int[]> shapes = train.map(b -> new int[] {b.rows, b.dim, b.labelsSeen}).collect();
            long[] offsets = new long[shapes.size() + 1];
            int dim = -1, seen = 0;
            for (int p = 0; p < shapes.size(); p++) {
                int[] s = shapes.get(p);
                offsets[p + 1] = offsets[p] + s[0];
                if (s[0] > 0) {
                    if (dim >= 0 && s[1] != dim) {
                        throw new IllegalArgumentException("column " + fCol + ": vectors of size " + dim + " and " + s[1]);
                    }
                    dim = s[1];
                }
                seen = Math.max(seen, s[2]);
            }
            if (offsets[shapes.size()] == 0) throw new IllegalArgumentException("no training rows");
            if (offsets[shapes.size()] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("at most " + Integer.MAX_VALUE + " training rows, got " + offsets[shapes.size()]);
            }
            int n = (int) offsets[shapes.size()];
            if (valid != null) for (int s : valid.map(b -> b.labelsSeen).collect()) seen = Math.max(seen, s);
            int L = i(numLabels) > 0 ? i(numLabels) : seen;
            if (L < seen) throw new IllegalArgumentException("numLabels is " + L + " but the data has label id " + (seen - 1));
            if (L == 0) throw new IllegalArgumentException("column " + yCol + ": no label in the data; set numLabels");
            int labelsFinal = L;
            long[] counts = train.map(b -> b.labelCounts(labelsFinal)).reduce((a, b) -> {
                long[] c = a.clone();
                for (int j = 0; j < c.length; j++) c[j] += b[j];
                return c;
            });
            int[] intCounts = new int[L];
            for (int j = 0; j < L; j++) intCounts[j] = (int) counts[j];
            double wd = d(weightDecay);
            TrainSpec spec = new TrainSpec(new java.util.SplittableRandom().nextLong(), dim, (int[]) getOrDefault(hiddenSizes), L,
                    Activation.valueOf(str(activation).toUpperCase(Locale.ROOT)), d(dropout), LossKind.fromId(str(loss)),
                    d(focalGamma), d(focalAlpha) < 0 ? Double.NaN : d(focalAlpha), d(aslGammaNeg), d(aslGammaPos), d(aslClip),
                    d(positiveWeight), intCounts, n, OptimizerSettings.Kind.fromId(str(optimizer)),
                    d(learningRate), wd < 0 ? Double.NaN : wd, i(warmupSteps),
                    TrainerConfig.Schedule.fromId(str(schedule)), d(gradClipNorm), i(epochs), i(batchSize),
                    sd, i(threadsPerTask), EarlyStopping.ValidationMetric.fromId(str(validationMetric)), valid == null ? 0 : i(patience));
            SparkTraining.Mode mode = SparkTraining.Mode.fromId(str(trainingMode));
            SparkTraining.Result r = SparkTraining.train(jsc, train, offsets, n, valid, spec, mode, i(localSteps),
                    i(aggregationDepth), progress);
            ModelConfig cfg = spec.modelConfig();
            DecisionRule rule = rule(jsc, valid, cfg, r.params(), spec, intCounts, n);
            Map<String, String> prov = new LinkedHashMap<>();
            prov.put("loss", spec.lossSpec().describe());
            prov.put("trainer", "spark " + mode.id + (mode == SparkTraining.Mode.LOCAL_SGD ? " (" + i(localSteps) + " local steps)" : "")
                    + ", " + train.getNumPartitions() + " partitions");
            prov.put("epochs", String.valueOf(r.epochsRun()));
            prov.put("best_epoch", String.valueOf(r.bestEpoch()));
            Model model = new Model(cfg, 1, null, r.params(), sd, List.of(), rule, prov, new TrainingPrior(n, intCounts));
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("rows", n);
            summary.put("epochs", r.epochsRun());
            summary.put("bestEpoch", r.bestEpoch());
            summary.put("steps", r.steps());
            summary.put("sparkJobs", r.sparkJobs());
            summary.put("seconds", r.seconds());
            summary.put("samplesPerSecond", r.samplesPerSecond());
            summary.put("epochLosses", r.epochLosses());
            summary.put("validation", r.validation());
            lastFitSummary = summary;
            FewHotClassificationModel m = new FewHotClassificationModel(uid, new ModelBytes(model));
            m.set(m.featuresCol(), fCol);
            m.set(m.predictionCol(), str(predictionCol));
            m.set(m.scoresCol(), str(scoresCol));
            m.setParent(this);
            return m;
        } finally {
            train.unpersist(false);
            if (valid != null) valid.unpersist(false);
        }
    }

    private DecisionRule rule(JavaSparkContext jsc, JavaRDD<Block> valid, ModelConfig cfg, float[] params, TrainSpec spec,
                              int[] counts, int rows) {
        String s = str(thresholdStrategy);
        if (s.equals("fixed")) return new DecisionRule.Threshold(d(threshold));
        if (valid == null) {
            throw new IllegalArgumentException("thresholdStrategy " + s + " tunes on validation rows: set validationFraction > 0");
        }
        Model m = new Model(cfg, params, spec.seed, List.of(), new DecisionRule.Threshold(0.5), Map.of());
        return tune(jsc, valid, new ModelBytes(m), ThresholdStrategy.fromId(s), counts, rows, spec.threads, i(aggregationDepth));
    }

    /**
     * Tunes the decision rule on the validation blocks without bringing their scores together:
     * each partition scores its block with the broadcast model into {@link ScoreHistograms}
     * (per-label histograms of all and of positive scores, top-k hits), {@code treeAggregate}
     * adds them (integer counts: the same sum in any order) and the driver chooses from the counts.
     */
    static DecisionRule tune(JavaSparkContext jsc, JavaRDD<Block> valid, ModelBytes model, ThresholdStrategy strategy,
                             int[] trainCounts, int trainRows, int threads, int depth) {
        int L = model.model().config().outputDim(), bins = ScoreHistograms.binsFor(L);
        Broadcast<ModelBytes> bm = jsc.broadcast(model);
        ScoreHistograms h;
        try {
            h = valid.treeAggregate(new ScoreHistograms(L, bins),
                    (acc, blk) -> histograms(acc, blk, bm.value().model(), threads), ScoreHistograms::merge, depth);
        } finally {
            bm.destroy();
        }
        long positives = 0;
        for (int c : trainCounts) positives += c;
        double trainCardinality = trainRows == 0 ? 1 : (double) positives / trainRows;
        return switch (strategy) {
            case GLOBAL -> new DecisionRule.Threshold(h.global());
            case PER_LABEL -> h.perLabel(trainCounts);
            case PCUT -> new DecisionRule.Threshold(h.pcut(trainCardinality));
            case TOP_K -> h.topK();
        };
    }

    /** Adds one block's scores to the histograms, a chunk of rows at a time. */
    static ScoreHistograms histograms(ScoreHistograms acc, Block blk, Model model, int threads) {
        if (blk.rows == 0) return acc;
        int L = acc.labels();
        LabelSets y = blk.labels(L);
        Predictor pred = model.predictor(threads);
        int chunk = Math.max(1, Math.min(blk.rows, (1 << 22) / L));
        float[] out = new float[Math.multiplyExact(chunk, L)];
        for (int from = 0; from < blk.rows; from += chunk) {
            int n = Math.min(chunk, blk.rows - from);
            pred.scores(blk.features(), from, n, out);
            acc.add(out, n, y, from);
        }
        return acc;
    }

    /** Rows of one partition on one side of the seeded validation split. */
    static Iterator<Row> split(Iterator<Row> it, int partition, long seed, double fraction, boolean validation) {
        if (fraction <= 0) {
            if (validation) return java.util.Collections.emptyIterator();
            return it;
        }
        java.util.SplittableRandom rng = new java.util.SplittableRandom(Seeds.mix(seed, partition, -4));
        return new Iterator<>() {
            Row next = advance();

            private Row advance() {
                while (it.hasNext()) {
                    Row r = it.next();
                    boolean held = rng.nextDouble() < fraction;
                    if (held == validation) return r;
                }
                return null;
            }

            @Override public boolean hasNext() { return next != null; }

            @Override public Row next() {
                if (next == null) throw new NoSuchElementException();
                Row r = next;
                next = advance();
                return r;
            }
        };
    }

    static boolean labelsAreIds(DataType t) {
        if (t instanceof ArrayType a) {
            DataType e = a.elementType();
            if (e.equals(DataTypes.IntegerType) || e.equals(DataTypes.LongType) || e.equals(DataTypes.ShortType)) return true;
            if (e.equals(DataTypes.DoubleType) || e.equals(DataTypes.FloatType)) return false;
        }
        throw new IllegalArgumentException("labels column: expected array<int> of label ids or array<double> of targets, found "
                + t.simpleString());
    }

    @Override
    public StructType transformSchema(StructType schema) {
        String f = str(featuresCol), y = str(labelsCol);
        if (!java.util.Arrays.asList(schema.fieldNames()).contains(f)) {
            throw new IllegalArgumentException("featuresCol: no column '" + f + "' in " + schema.simpleString());
        }
        if (!schema.apply(f).dataType().equals(SQLDataTypes.VectorType())) {
            throw new IllegalArgumentException("featuresCol: column '" + f + "' must be an ml Vector, found "
                    + schema.apply(f).dataType().simpleString());
        }
        if (!java.util.Arrays.asList(schema.fieldNames()).contains(y)) {
            throw new IllegalArgumentException("labelsCol: no column '" + y + "' in " + schema.simpleString());
        }
        labelsAreIds(schema.apply(y).dataType());
        int[] h = (int[]) getOrDefault(hiddenSizes);
        if (h.length > ModelConfig.MAX_HIDDEN_LAYERS) {
            throw new IllegalArgumentException("hiddenSizes: at most " + ModelConfig.MAX_HIDDEN_LAYERS + " layers, got " + h.length);
        }
        for (int w : h) if (w < 1) throw new IllegalArgumentException("hiddenSizes: widths must be >= 1, got " + w);
        if (!str(thresholdStrategy).equals("fixed") && d(validationFraction) == 0) {
            throw new IllegalArgumentException("thresholdStrategy " + str(thresholdStrategy)
                    + " tunes on validation rows: set validationFraction > 0");
        }
        return FewHotClassificationModel.outputSchema(schema, str(predictionCol), str(scoresCol));
    }

    @Override
    public FewHotClassifier copy(ParamMap extra) {
        return (FewHotClassifier) defaultCopy(extra);
    }

    public static MLReader<FewHotClassifier> read() {
        return new DefaultParamsReader<>();
    }

    public static FewHotClassifier load(String path) {
        return read().load(path);
    }

    static StructField field(String name, DataType t) {
        return DataTypes.createStructField(name, t, false);
    }
}
