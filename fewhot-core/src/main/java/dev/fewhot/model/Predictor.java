package dev.fewhot.model;

import dev.fewhot.data.Features;

/**
 * Computes label probabilities (sigmoid of the logits) for rows of a feature matrix with a
 * {@link Model}'s parameters: its float32 weights or, from
 * {@link Model#predictor(int, Quantization)}, quantized ones. Holds a workspace: one instance per
 * thread, or share a {@link SharedPredictor} ({@link Model#sharedPredictor}) between threads.
 */
public final class Predictor {
    private static final int CHUNK = 1024;
    private final Model model;
    private final float[][] members;
    /** The members' int8 weights ({@link Quantization#INT8}), or null for the float weights. */
    private final Int8Weights[] quantized;
    private final Network net;
    private final QuantizedNetwork qnet;
    private Batch batch;
    private float[] mean;
    /** The forest's scores of a chunk (with a forest). */
    private float[] forestScores;
    /** The first level's probabilities of a chunk, and the second level's inputs (with a second level). */
    private float[] firstLevel, secondLevel, stacked;
    private final int threads;

    Predictor(Model model, float[][] members, Int8Weights[] quantized, int threads) {
        this.model = model;
        this.members = members;
        this.quantized = quantized;
        this.threads = threads;
        this.net = quantized == null ? new Network(model.config(), threads) : null;
        this.qnet = quantized == null ? null : new QuantizedNetwork(model.config(), threads);
    }

    public Model model() { return model; }

    /** How this predictor stores the weights: {@link Quantization#NONE} (float32) or int8. */
    public Quantization quantization() { return quantized == null ? Quantization.NONE : Quantization.INT8; }

    /**
     * Probabilities of rows [from, from + n) of x into out (n x labels, row-major).
     *
     * @throws IllegalArgumentException when x has another feature count than the model
     */
    public void scores(Features x, int from, int n, float[] out) {
        run(x, from, n, out, true);
    }

    /** Logits (before the sigmoid) of rows [from, from + n) of x into out (n x labels). */
    public void logits(Features x, int from, int n, float[] out) {
        run(x, from, n, out, false);
    }

    private void run(Features x, int from, int n, float[] out, boolean probabilities) {
        int d = model.config().inputDim(), L = model.config().outputDim();
        if (x.cols() != d) {
            throw new IllegalArgumentException("data has " + x.cols() + " features, the model expects " + d);
        }
        if (batch == null || batch.isSparse() != Batch.keepsSparse(x, model.transform())) {
            batch = Batch.forFeatures(x, model.transform());
        }
        for (int s = 0; s < n; s += CHUNK) {
            int m = Math.min(CHUNK, n - s);
            batch.fill(x, null, from + s, m);
            float[] logits = members.length == 1 ? forward(0) : ensembleLogits(m * L);
            int base = s * L;
            if (model.stacking() != null) {
                stack(x, from + s, m, logits, out, base, probabilities);
            } else if (model.forest() != null) {
                blend(x, from + s, m, logits, out, base, probabilities);
            } else if (probabilities) {
                for (int i = 0; i < m * L; i++) out[base + i] = sigmoid(logits[i]);
            } else {
                System.arraycopy(logits, 0, out, base, m * L);
            }
        }
    }

    /**
     * The blend of the networks' probabilities (from their {@code logits}) with the forest's for
     * rows [row, row + m) into out[base ..]: probabilities, or their logits.
     */
    private void blend(Features x, int row, int m, float[] logits, float[] out, int base, boolean probabilities) {
        int size = m * model.config().outputDim();
        if (forestScores == null || forestScores.length < size) forestScores = new float[size];
        model.forest().scores(x, row, m, forestScores, 0, threads);
        double share = model.networkShare();
        for (int i = 0; i < size; i++) {
            float p = dev.fewhot.decide.Blend.mix(sigmoid(logits[i]), forestScores[i], share);
            out[base + i] = probabilities ? p : logit(p);
        }
    }

    /**
     * The final probabilities (or their logits) of rows [row, row + m) into out[base ..] with a
     * second level: {@code s * p_second + (1 - s) * p_first}, s the model's stacked share, p_first
     * the networks' probabilities (from their {@code logits}) or their blend with the forest, and
     * the second level reading the networks' probabilities and, with a forest, the forest's beside them.
     */
    private void stack(Features x, int row, int m, float[] logits, float[] out, int base, boolean probabilities) {
        int L = model.config().outputDim(), D = model.stacking().inputs(), size = m * L;
        if (secondLevel == null || secondLevel.length < m * D) secondLevel = new float[m * D];
        if (firstLevel == null || firstLevel.length < size) firstLevel = new float[size];
        boolean withForest = model.forest() != null;
        if (withForest) blend(x, row, m, logits, firstLevel, 0, true); // also leaves the forest's scores in forestScores
        for (int r = 0; r < m; r++) {
            for (int j = 0; j < L; j++) {
                float network = sigmoid(logits[r * L + j]);
                secondLevel[r * D + j] = network;
                if (!withForest) firstLevel[r * L + j] = network;
            }
            if (withForest) System.arraycopy(forestScores, r * L, secondLevel, r * D + L, L);
        }
        // the second level's probabilities over its inputs, then mixed with the first level's
        if (stacked == null || stacked.length < size) stacked = new float[size];
        model.stacking().apply(secondLevel, 0, m, stacked, 0, true);
        double stackedShare = model.stackedShare();
        for (int i = 0; i < size; i++) {
            float p = dev.fewhot.decide.Blend.mix(stacked[i], firstLevel[i], stackedShare);
            out[base + i] = probabilities ? p : logit(p);
        }
    }

    /** The logit of a probability, clamped to [1e-7, 1 - 1e-7] so that 0 and 1 stay finite. */
    private static float logit(double p) {
        double q = Math.min(Math.max(p, 1e-7), 1 - 1e-7);
        return (float) Math.log(q / (1 - q));
    }

    /**
     * An ensemble's logits for the filled batch: the logit of the mean of the members'
     * probabilities, so that the sigmoid above returns the average probability.
     */
    private float[] ensembleLogits(int size) {
        if (mean == null || mean.length < size) mean = new float[size];
        java.util.Arrays.fill(mean, 0, size, 0f);
        for (int k = 0; k < members.length; k++) {
            float[] z = forward(k);
            for (int i = 0; i < size; i++) mean[i] += sigmoid(z[i]);
        }
        float inv = 1f / members.length;
        for (int i = 0; i < size; i++) mean[i] = logit(mean[i] * inv);
        return mean;
    }

    /** Member k's logits for the filled batch. */
    private float[] forward(int k) {
        return quantized == null ? net.forward(members[k], batch, null) : qnet.forward(members[k], quantized[k], batch);
    }

    /** Probabilities of every row of x (rows x labels). */
    public float[] scores(Features x) {
        float[] out = new float[Math.multiplyExact(x.rows(), model.config().outputDim())];
        scores(x, 0, x.rows(), out);
        return out;
    }

    /** The probability of a logit, as {@link #scores} computes it (the same bits). */
    public static float sigmoid(float z) {
        return z >= 0 ? (float) (1 / (1 + Math.exp(-z))) : (float) (Math.exp(z) / (1 + Math.exp(z)));
    }
}
