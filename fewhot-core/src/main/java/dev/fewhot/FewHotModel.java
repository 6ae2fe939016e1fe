package dev.fewhot;

import dev.fewhot.data.Dataset;
import dev.fewhot.data.Features;
import dev.fewhot.data.LabelSets;
import dev.fewhot.data.io.BadLinePolicy;
import dev.fewhot.data.io.Datasets;
import dev.fewhot.data.io.ReadOptions;
import dev.fewhot.decide.DecisionRule;
import dev.fewhot.io.ModelFile;
import dev.fewhot.metrics.Predictions;
import dev.fewhot.metrics.Report;
import dev.fewhot.model.Model;
import dev.fewhot.model.Quantization;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A trained fewhot model (one network or an ensemble), immutable: scores, predicted label
 * sets, evaluation, and its file. Wraps {@link Model}, which carries the architecture,
 * parameters, seed, label names, decision rule, training label counts and provenance.
 * {@link #withQuantization} gives the same model scoring with weights stored in fewer bytes
 * (for latency); the file it saves is the float model either way.
 */
public final class FewHotModel {
    private final Model model;
    private final int threads;
    private final Quantization quantization;

    /**
     * @param model   the model
     * @param threads kernel threads of predictions (&gt;= 1)
     */
    public FewHotModel(Model model, int threads) {
        this(model, threads, Quantization.NONE);
    }

    private FewHotModel(Model model, int threads, Quantization quantization) {
        this.model = Objects.requireNonNull(model, "model");
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        this.threads = threads;
        this.quantization = Objects.requireNonNull(quantization, "quantization");
    }

    /** A model predicting on all cores. */
    public FewHotModel(Model model) {
        this(model, Runtime.getRuntime().availableProcessors());
    }

    /** Reads a model file written by {@link #save} or {@code fewhot train}. */
    public static FewHotModel load(Path file) throws IOException {
        return new FewHotModel(ModelFile.load(file));
    }

    /** Writes the model file (to a temporary file beside it, then renamed). */
    public void save(Path file) throws IOException {
        ModelFile.save(model, file);
    }

    /** The same model predicting with this many kernel threads. */
    public FewHotModel withThreads(int t) {
        return new FewHotModel(model, t, quantization);
    }

    /**
     * The same model whose scores, predictions and evaluations use weights stored as {@code q}
     * says: {@link Quantization#INT8} for weight-only int8 with per-column scales (batch-1
     * latency; scores move a little, so check the measures with {@link #evaluate}),
     * {@link Quantization#NONE} for the float32 weights (the default). The weights are quantized
     * once, on first use.
     */
    public FewHotModel withQuantization(Quantization q) {
        return new FewHotModel(model, threads, q);
    }

    /** How the weights are stored for scoring ({@link Quantization#NONE} unless set). */
    public Quantization quantization() { return quantization; }

    /** Reads a data file for this model: see {@link #read(Path, ReadOptions)} with the default options. */
    public Dataset read(Path file) throws IOException {
        return read(file, ReadOptions.defaults());
    }

    /**
     * Reads a data file for this model: with its dimensions, its labels mapped onto the model's
     * label names, and ARFF attributes encoded as the training file's were (the model's encoding).
     */
    public Dataset read(Path file, ReadOptions options) throws IOException {
        ReadOptions o = (options == null ? ReadOptions.defaults() : options).withEncoding(model.encoding());
        return Datasets.read(file, o, new Datasets.Shape(model.config().inputDim(), model.config().outputDim(),
                model.labelNames()), BadLinePolicy.fail());
    }

    /** The underlying model. */
    public Model model() { return model; }

    /** Label names (empty when the training data named none). */
    public List<String> labelNames() { return model.labelNames(); }

    /** The decision rule that turns scores into label sets. */
    public DecisionRule rule() { return model.rule(); }

    /** How the model was trained (loss, epochs, the auto recipe's choices, ...). */
    public Map<String, String> provenance() { return model.provenance(); }

    /** Probabilities, rows x labels row-major. */
    public float[] scores(Features rows) {
        checkWidth(rows);
        return model.predictor(threads, quantization).scores(rows);
    }

    /** The predicted label sets of the rows, by the model's decision rule. */
    public LabelSets predict(Features rows) {
        return predict(rows, model.rule());
    }

    /** The predicted label sets of a data set's rows. */
    public LabelSets predict(Dataset data) {
        return predict(data.features());
    }

    /** The predicted label sets by another decision rule. */
    public LabelSets predict(Features rows, DecisionRule rule) {
        float[] s = scores(rows);
        int L = model.config().outputDim();
        Predictions p = Predictions.of(s, rows.rows(), L, rule);
        int[] ptr = p.indptr().clone();
        int[] ids = java.util.Arrays.copyOf(p.ids(), ptr[rows.rows()]);
        for (int r = 0; r < rows.rows(); r++) java.util.Arrays.sort(ids, ptr[r], ptr[r + 1]); // label sets list ids in order
        return LabelSets.of(rows.rows(), L, ptr, ids);
    }

    /**
     * Every measure of {@code fewhot eval} on labelled data, with the model's decision rule;
     * {@link Report#toJson()} gives them by name.
     */
    public Report evaluate(Dataset data) {
        return evaluate(data, model.rule());
    }

    /** {@link #evaluate(Dataset)} with another decision rule. */
    public Report evaluate(Dataset data, DecisionRule rule) {
        if (data.numLabels() != model.config().outputDim()) {
            throw new IllegalArgumentException("data: " + data.numLabels() + " labels, the model has " + model.config().outputDim());
        }
        float[] s = scores(data.features());
        int[] counts = model.prior().known() ? model.prior().labelCounts() : data.labels().labelCounts();
        int n = model.prior().known() ? model.prior().rows() : data.rows();
        return Report.compute(s, data.labels(), rule, counts, n);
    }

    private void checkWidth(Features rows) {
        if (rows.cols() != model.config().inputDim()) {
            throw new IllegalArgumentException("rows: " + rows.cols() + " features, the model expects " + model.config().inputDim());
        }
    }
}
