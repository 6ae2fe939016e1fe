package dev.fewhot.train;

import dev.fewhot.data.Features;
import dev.fewhot.data.LabelSets;
import dev.fewhot.loss.Loss;
import dev.fewhot.loss.Reducer;
import dev.fewhot.loss.Reduction;
import dev.fewhot.model.Batch;
import dev.fewhot.model.InputTransform;
import dev.fewhot.model.ModelConfig;
import dev.fewhot.model.Network;
import dev.fewhot.optim.Optimizer;
import java.util.SplittableRandom;

/**
 * One training step split into additive parts: the SUM over some rows of the per-element loss
 * and of its parameter gradient, so that parts computed on disjoint rows of a mini-batch (on
 * other threads, processes or machines) add up to the step {@link Trainer} takes on the whole
 * batch. The caller adds the parts, then {@link #reduce} turns the sums into the loss and the
 * gradient of the loss's own reduction over the whole batch (for {@link Reduction#MEAN}: divided
 * by rows x labels of the whole batch), and {@link #update} applies clipping and the optimiser
 * as the trainer does.
 *
 * <p>The parts use the same {@link Network} forward and backward pass, the same {@link Loss}
 * kernels and the same input {@link Batch} as the trainer; they differ from the trainer's step
 * only by float rounding (the order in which rows are summed, and a mean loss's derivative
 * being multiplied back by its element count).
 *
 * <p>Only losses whose reduction decomposes over rows can be split: {@link Reduction#SUM},
 * {@link Reduction#MEAN} and {@link Reduction#NONE}. Not thread-safe: one instance per thread.
 */
public final class BatchGradient {
    private final ModelConfig cfg;
    private final InputTransform transform;
    private final Loss loss;
    private final int threads;
    private final boolean mean;
    private final Network net;
    private Batch batch;
    private float[] targets = new float[0];
    private float[] dLogits = new float[0];
    private final float[] grads;

    /**
     * @param cfg       the architecture
     * @param transform input transform applied to every row, or null
     * @param loss      the training loss; its reducer must be SUM, MEAN or NONE
     * @param threads   kernel threads, &gt;= 1
     * @throws IllegalArgumentException when the loss's reduction does not decompose over rows
     */
    public BatchGradient(ModelConfig cfg, InputTransform transform, Loss loss, int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        Reducer r = loss.reducer();
        if (r != Reduction.SUM && r != Reduction.MEAN && r != Reduction.NONE) {
            throw new IllegalArgumentException("a loss reduced by " + r + " cannot be summed over parts of a batch: "
                    + "use Reduction.SUM, MEAN or NONE");
        }
        this.cfg = cfg;
        this.transform = transform;
        this.loss = loss;
        this.threads = threads;
        this.mean = r == Reduction.MEAN;
        this.net = new Network(cfg, null, threads);
        this.grads = new float[cfg.parameterCount()];
    }

    /** The architecture. */
    public ModelConfig config() { return cfg; }

    /**
     * Adds the loss sum and gradient sum of rows {@code order[from .. from + n)} of (x, y) (or
     * rows {@code from .. from + n} when order is null) into {@code gradSum}.
     *
     * @param params  the parameters of this step (not modified)
     * @param x       features, {@link ModelConfig#inputDim()} columns
     * @param y       label sets, {@link ModelConfig#outputDim()} labels
     * @param dropout random source for dropout masks, or null (no dropout)
     * @param gradSum parameterCount floats; this part's gradient sum is added to it
     * @return this part's loss sum (over its rows x labels elements)
     */
    public double accumulate(float[] params, Features x, LabelSets y, int[] order, int from, int n,
                             SplittableRandom dropout, float[] gradSum) {
        if (x.cols() != cfg.inputDim()) {
            throw new IllegalArgumentException("data has " + x.cols() + " features, the model expects " + cfg.inputDim());
        }
        if (y.numLabels() != cfg.outputDim()) {
            throw new IllegalArgumentException("data has " + y.numLabels() + " labels, the model expects " + cfg.outputDim());
        }
        if (gradSum.length != grads.length) {
            throw new IllegalArgumentException("gradSum: length must be " + grads.length + ", got " + gradSum.length);
        }
        if (n == 0) return 0.0;
        int L = cfg.outputDim(), elements = Math.multiplyExact(n, L);
        if (batch == null || batch.isSparse() != Batch.keepsSparse(x, transform)) batch = Batch.forFeatures(x, transform);
        if (targets.length < elements) {
            targets = new float[elements];
            dLogits = new float[elements];
        }
        batch.fill(x, order, from, n);
        y.densify(order, from, n, targets);
        float[] logits = net.forward(params, batch, dropout);
        double value = loss.compute(logits, targets, n, L, dLogits, null, threads);
        if (mean) {
            // back from this part's mean to its sum
            value *= elements;
            for (int i = 0; i < elements; i++) dLogits[i] = (float) ((double) dLogits[i] * elements);
        }
        net.backward(params, batch, dLogits, grads);
        for (int i = 0; i < grads.length; i++) gradSum[i] += grads[i];
        return value;
    }

    /**
     * Turns the sums over a whole batch into the loss's reduced value and gradient: divides
     * by {@code rows x labels} for a MEAN loss, keeps the sums otherwise.
     *
     * @param lossSum the parts' loss sums added
     * @param gradSum the parts' gradient sums added; scaled in place
     * @param rows    rows of the whole batch
     * @return the batch loss
     */
    public static double reduce(Loss loss, double lossSum, float[] gradSum, long rows, int labels) {
        if (loss.reducer() != Reduction.MEAN) return lossSum;
        double elements = (double) rows * labels;
        if (elements == 0) return 0.0;
        float inv = (float) (1.0 / elements);
        for (int i = 0; i < gradSum.length; i++) gradSum[i] *= inv;
        return lossSum / elements;
    }

    /**
     * The trainer's update for one step from the batch gradient: clips its global norm when
     * {@code clipNorm > 0}, lets the optimiser step with {@code lr}, and checks the parameters
     * stayed finite. The norm is computed before the step only to clip: without clipping a NaN or
     * an infinity in the gradient makes the parameters NaN, which the optimiser's checked step
     * ({@link Optimizer#stepAndCheckFinite}) sees as it writes them, so a step makes no pass over
     * the gradient or the parameters beyond the optimiser's own. On a divergence the norm is
     * computed to say which of the two went bad.
     *
     * @param epoch 1-based epoch, for the message
     * @param batch 1-based batch, for the message
     * @throws TrainingDivergedException when the gradient or a parameter is not finite
     */
    public static void update(float[] params, float[] grads, Optimizer opt, double lr, double clipNorm, int epoch, int batch) {
        double norm = Double.NaN; // not computed
        if (clipNorm > 0) {
            norm = norm(grads);
            if (!Double.isFinite(norm)) throw gradientDiverged(norm, lr, epoch, batch);
            if (norm > clipNorm) {
                float f = (float) (clipNorm / (norm + 1e-6));
                for (int i = 0; i < grads.length; i++) grads[i] *= f;
            }
        }
        if (opt.stepAndCheckFinite(params, grads, lr)) return;
        if (Double.isNaN(norm)) {
            norm = norm(grads);
            if (!Double.isFinite(norm)) throw gradientDiverged(norm, lr, epoch, batch);
        }
        int bad = dev.fewhot.kernels.VectorOps.firstNonFinite(params.length, params, 0);
        throw new TrainingDivergedException("parameter " + bad + " became " + params[bad] + " at epoch " + epoch
                + ", batch " + batch + " (gradient norm " + norm + "): lower the learning rate (lr " + lr
                + "), clip the gradient (--grad-clip) or check the inputs for extreme values", epoch, batch);
    }

    private static TrainingDivergedException gradientDiverged(double norm, double lr, int epoch, int batch) {
        return new TrainingDivergedException("gradient norm became " + norm + " at epoch " + epoch + ", batch " + batch
                + ": lower the learning rate (lr " + lr + "), clip the gradient (--grad-clip) or check the inputs for "
                + "extreme values", epoch, batch);
    }

    /** The Euclidean norm, squares summed in double in a fixed lane order (deterministic). */
    private static double norm(float[] g) {
        return Math.sqrt(dev.fewhot.kernels.VectorOps.sumOfSquares(g.length, g, 0));
    }

    /**
     * The trainer's initial parameters from label counts alone (what
     * {@link Trainer#initialParameters} computes from the label sets): for data that is never
     * in one place, whose counts were added up part by part.
     *
     * @param labelCounts training rows listing each label
     * @param rows        training rows
     */
    public static float[] initialParameters(ModelConfig cfg, int[] labelCounts, long rows, long seed,
                                            TrainerConfig.OutputBiasInit bias) {
        if (labelCounts.length != cfg.outputDim()) {
            throw new IllegalArgumentException("labelCounts: length must be " + cfg.outputDim() + ", got " + labelCounts.length);
        }
        float[] p = Trainer.initialParameters(cfg, null, seed, bias);
        if (bias == TrainerConfig.OutputBiasInit.PRIOR_LOG_ODDS && rows > 0) {
            int b0 = cfg.biasOffset(cfg.layers() - 1);
            double n = rows;
            for (int j = 0; j < cfg.outputDim(); j++) {
                p[b0 + j] = (float) Math.log((labelCounts[j] + 0.5) / (n - labelCounts[j] + 0.5));
            }
        }
        return p;
    }
}
