package dev.fewhot.model;

import dev.fewhot.decide.DecisionRule;
import dev.fewhot.forest.Forest;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A trained model: its architecture, parameters, the seed it was trained with, the label and
 * feature vocabulary it expects, its decision rule, and a few provenance facts (loss, epochs).
 * Immutable: the parameters are copied in and never handed out; predictions go through
 * {@link #predictor(int)}, or {@link #predictor(int, Quantization)} for weights stored in fewer
 * bytes (quantized on first use from these parameters, then kept with the model).
 */
public final class Model {
    /** Version of the model file format written by this code. */
    public static final int FORMAT_VERSION = 5;

    private final ModelConfig config;
    private final float[] params;
    private final long seed;
    private final List<String> labelNames;
    private final DecisionRule rule;
    private final Map<String, String> provenance;
    private final TrainingPrior prior;
    private final int members;
    private final InputTransform transform;
    private final dev.fewhot.data.AttributeEncoding encoding;
    /** A forest blended with the networks, or null. */
    private final Forest forest;
    /** The networks' share of the blend with {@link #forest} (1 without a forest). */
    private final double networkShare;
    /** The second level re-scoring the labels from the blended probabilities, or null. */
    private final dev.fewhot.decide.Stacking stacking;
    /** The second level's share of the final probability (0 without one). */
    private final double stackedShare;
    /** The members' int8 weights, made by the first int8 predictor (a benign race: equal copies). */
    private volatile Int8Weights[] int8;

    /**
     * @param config     the architecture
     * @param params     flat parameters (copied), config.parameterCount() long
     * @param seed       the training seed
     * @param labelNames names of the outputDim labels, or empty
     * @param rule       the decision rule used when none is given
     * @param provenance facts about training (loss, epochs, ...), string to string
     * @param prior      training label counts (for evaluation), or null when unknown
     */
    public Model(ModelConfig config, float[] params, long seed, List<String> labelNames, DecisionRule rule,
                 Map<String, String> provenance, TrainingPrior prior) {
        this(config, 1, null, params, seed, labelNames, rule, provenance, prior);
    }

    /**
     * A model that may be an ensemble and may transform its inputs.
     *
     * @param members   number of parameter sets (&gt;= 1); the predictor averages their probabilities
     * @param transform input transform applied before the first layer, or null
     * @param params    the members' parameters concatenated: members x config.parameterCount()
     */
    public Model(ModelConfig config, int members, InputTransform transform, float[] params, long seed,
                 List<String> labelNames, DecisionRule rule, Map<String, String> provenance, TrainingPrior prior) {
        this(config, members, transform, params, seed, labelNames, rule, provenance, prior, null, null, 1, null, 0);
    }

    private Model(ModelConfig config, int members, InputTransform transform, float[] params, long seed,
                  List<String> labelNames, DecisionRule rule, Map<String, String> provenance, TrainingPrior prior,
                  dev.fewhot.data.AttributeEncoding encoding, Forest forest, double networkShare,
                  dev.fewhot.decide.Stacking stacking, double stackedShare) {
        if (stacking != null && !(stackedShare > 0 && stackedShare <= 1)) {
            throw new IllegalArgumentException("stackedShare must be in (0, 1] with a second level, got " + stackedShare);
        }
        this.stackedShare = stacking == null ? 0 : stackedShare;
        if (stacking != null && (stacking.labels() != config.outputDim()
                || stacking.inputs() != (forest != null ? 2 : 1) * config.outputDim())) {
            throw new IllegalArgumentException("stacking: " + stacking.labels() + " labels and " + stacking.inputs()
                    + " inputs for a model of " + config.outputDim() + " labels " + (forest != null ? "with" : "without")
                    + " a forest (inputs: the networks' probabilities" + (forest != null ? " and the forest's" : "") + ")");
        }
        this.stacking = stacking;
        if (forest != null && (forest.features() != config.inputDim() || forest.labels() != config.outputDim())) {
            throw new IllegalArgumentException("forest: " + forest.features() + " features and " + forest.labels()
                    + " labels for a model of " + config.inputDim() + " and " + config.outputDim());
        }
        if (forest != null && !(networkShare >= 0 && networkShare < 1)) {
            throw new IllegalArgumentException("networkShare must be in [0, 1) with a forest, got " + networkShare);
        }
        this.forest = forest;
        this.networkShare = forest == null ? 1 : networkShare;
        if (encoding != null && encoding.isPlain()) encoding = null;
        if (encoding != null && encoding.columns() != config.inputDim()) {
            throw new IllegalArgumentException("attribute encoding: " + encoding.columns() + " columns for "
                    + config.inputDim() + " inputs");
        }
        this.encoding = encoding;
        this.config = Objects.requireNonNull(config, "config");
        if (members < 1) throw new IllegalArgumentException("members must be >= 1, got " + members);
        if (transform != null && transform.dim() != config.inputDim()) {
            throw new IllegalArgumentException("input transform: " + transform.dim() + " columns for " + config.inputDim() + " inputs");
        }
        this.members = members;
        this.transform = transform;
        if (params.length != (long) members * config.parameterCount()) {
            throw new IllegalArgumentException("params: length must be " + (long) members * config.parameterCount() + ", got " + params.length);
        }
        for (int i = 0; i < params.length; i++) {
            if (!Float.isFinite(params[i])) throw new IllegalArgumentException("params[" + i + "] must be finite, got " + params[i]);
        }
        this.params = params.clone();
        this.seed = seed;
        this.labelNames = labelNames == null ? List.of() : List.copyOf(labelNames);
        if (!this.labelNames.isEmpty() && this.labelNames.size() != config.outputDim()) {
            throw new IllegalArgumentException("labelNames: size must be " + config.outputDim() + ", got " + this.labelNames.size());
        }
        this.rule = Objects.requireNonNull(rule, "rule");
        this.provenance = provenance == null ? Map.of() : Map.copyOf(provenance);
        this.prior = prior == null ? TrainingPrior.none(config.outputDim()) : prior;
        if (this.prior.labelCounts().length != config.outputDim()) {
            throw new IllegalArgumentException("prior: " + this.prior.labelCounts().length + " label counts for "
                    + config.outputDim() + " labels");
        }
    }

    /** A model without training-label information. */
    public Model(ModelConfig config, float[] params, long seed, List<String> labelNames, DecisionRule rule,
                 Map<String, String> provenance) {
        this(config, params, seed, labelNames, rule, provenance, null);
    }

    public ModelConfig config() { return config; }
    public long seed() { return seed; }
    public List<String> labelNames() { return labelNames; }
    public DecisionRule rule() { return rule; }
    public Map<String, String> provenance() { return provenance; }
    /** Training label counts (unknown: {@link TrainingPrior#known()} is false). */
    public TrainingPrior prior() { return prior; }
    /**
     * The oldest file format that holds this model: 1 for a single network without input
     * transform (what fewhot wrote before ensembles and transforms), 3 when it carries an
     * attribute encoding, 4 when it carries a forest, 5 when it carries a second level
     * ({@link #stacking()}), else 2.
     */
    public int formatVersion() {
        return stacking != null ? 5 : forest != null ? 4 : encoding != null ? 3 : members == 1 && transform == null ? 1 : 2;
    }

    /** The forest blended with the networks' probabilities, or null (the networks alone). */
    public Forest forest() { return forest; }

    /**
     * The networks' share of the blend: a row's probability for a label is
     * {@code networkShare * p_networks + (1 - networkShare) * p_forest}; 1 without a forest.
     */
    public double networkShare() { return networkShare; }

    /**
     * The same model blending its networks' probabilities with {@code f}'s (grown on the same
     * input columns, before the input transform), the networks weighing {@code share} in [0, 1).
     */
    public Model withForest(Forest f, double share) {
        return new Model(config, members, transform, params, seed, labelNames, rule, provenance, prior, encoding,
                java.util.Objects.requireNonNull(f, "forest"), share, stacking, stackedShare);
    }

    /**
     * The second level that re-scores every label ({@link dev.fewhot.decide.Stacking}) from the
     * networks' probabilities of all the labels, and with a forest the forest's beside them
     * (inputs: labels, or 2 x labels), or null; its share of the final probability is
     * {@link #stackedShare()}.
     */
    public dev.fewhot.decide.Stacking stacking() { return stacking; }

    /**
     * The second level's share of a row's probability for a label:
     * {@code stackedShare * p_second + (1 - stackedShare) * p_first}, p_first the networks' (or
     * their blend with the forest); 0 without a second level.
     */
    public double stackedShare() { return stackedShare; }

    /**
     * The same model mixing {@code s}'s probabilities into its own, {@code s} weighing {@code share}
     * in (0, 1] (s null: none).
     */
    public Model withStacking(dev.fewhot.decide.Stacking s, double share) {
        return new Model(config, members, transform, params, seed, labelNames, rule, provenance, prior, encoding, forest,
                networkShare, s, share);
    }
    /** Number of ensemble members (1 = a single network). */
    public int members() { return members; }
    /** The input transform, or null. */
    public InputTransform transform() { return transform; }

    /**
     * How the attributes of a typed input file (ARFF) become its input columns, fitted on the
     * training file; null when the inputs are read as they are.
     */
    public dev.fewhot.data.AttributeEncoding encoding() { return encoding; }

    /** The same model reading its inputs through {@code e} (null, or a plain encoding: none). */
    public Model withEncoding(dev.fewhot.data.AttributeEncoding e) {
        return new Model(config, members, transform, params, seed, labelNames, rule, provenance, prior, e, forest, networkShare,
                stacking, stackedShare);
    }

    /** A copy of the parameters (all members, concatenated). */
    public float[] parameters() { return params.clone(); }

    /** The same model with another decision rule. */
    public Model withRule(DecisionRule newRule) {
        return new Model(config, members, transform, params, seed, labelNames, newRule, provenance, prior, encoding, forest,
                networkShare, stacking, stackedShare);
    }

    /** A predictor over this model's parameters (one per thread; see {@link #sharedPredictor}). */
    public Predictor predictor(int threads) {
        return predictor(threads, Quantization.NONE);
    }

    /**
     * A predictor whose weights are stored as {@code quantization} says: {@link Quantization#NONE}
     * is {@link #predictor(int)}; {@link Quantization#INT8} multiplies by int8 weights with
     * per-column scales (biases, inputs and activations stay float32), for batch-1 latency, with
     * scores close to but not equal to the float predictor's.
     *
     * @param threads      kernel threads (1: the calling thread only)
     * @param quantization how the weights are stored
     */
    public Predictor predictor(int threads, Quantization quantization) {
        return new Predictor(this, memberParameters(), quantized(quantization), threads);
    }

    /** {@link #sharedPredictor(int)} with weights stored as {@code quantization} says. */
    public SharedPredictor sharedPredictor(int threads, Quantization quantization) {
        return new SharedPredictor(this, memberParameters(), quantized(quantization), threads);
    }

    /** The members' weights for a quantization: null for none (the float parameters). */
    private Int8Weights[] quantized(Quantization quantization) {
        if (Objects.requireNonNull(quantization, "quantization") == Quantization.NONE) return null;
        Int8Weights[] w = int8;
        if (w == null) {
            int p = config.parameterCount();
            w = new Int8Weights[members];
            for (int k = 0; k < members; k++) w[k] = Int8Weights.of(config, params, k * p);
            int8 = w;
        }
        return w;
    }

    /** The members' parameter sets (shared, read-only): the one array itself for a single network. */
    private float[][] memberParameters() {
        int p = config.parameterCount();
        float[][] sets = new float[members][];
        if (members == 1) {
            sets[0] = params;
        } else {
            for (int k = 0; k < members; k++) sets[k] = java.util.Arrays.copyOfRange(params, k * p, (k + 1) * p);
        }
        return sets;
    }

    /**
     * A predictor that many threads can share, with results bit-identical to
     * {@link #predictor(int)}'s.
     *
     * @param threads kernel threads per call (1: each call runs on its calling thread only)
     */
    public SharedPredictor sharedPredictor(int threads) {
        return sharedPredictor(threads, Quantization.NONE);
    }
}
