package dev.fewhot.model;

import dev.fewhot.kernels.Activation;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The forward and backward pass of a {@link ModelConfig} network over a {@link Batch}, with its
 * reusable workspace. Parameters live in one flat array laid out by
 * {@link ModelConfig#weightOffset}/{@link ModelConfig#biasOffset}: layer i holds W_i
 * (in_i x out_i, row-major) and b_i, and computes {@code a_i = act(a_{i-1} W_i + b_i)} (no
 * activation on the output layer, whose values are the logits). The trainer, the predictor and
 * Spark's per-partition gradient all call this class, so they share the same arithmetic.
 *
 * <p>Not thread-safe: one instance per thread. No allocation after the first batch of the
 * largest size.
 */
public final class Network {
    private final ModelConfig cfg;
    private final Ops ops;
    private final int layers;
    private final float[][] out;      // post-activation outputs per layer (logits for the last)
    private final float[][] pre;      // pre-activation (GELU only)
    private final float[][] mask;     // dropout multipliers per hidden layer (null without dropout)
    private final float[][] delta;    // gradient w.r.t. each hidden layer's output (the output layer's: backward reads dLogits)
    private int capacity;

    /**
     * @param cfg     the architecture
     * @param threads kernel threads (1 = the calling thread only)
     */
    public Network(ModelConfig cfg, int threads) {
        this(cfg, null, threads);
    }

    /**
     * @param cfg     the architecture
     * @param gemm    the GEMM back-end, or null for the Java kernel with {@code threads} threads
     * @param threads threads of the Java kernels
     */
    public Network(ModelConfig cfg, dev.fewhot.kernels.Gemm gemm, int threads) {
        this.cfg = cfg;
        this.ops = new Ops(gemm, threads);
        this.layers = cfg.layers();
        this.out = new float[layers][];
        this.pre = new float[layers][];
        this.mask = new float[layers][];
        this.delta = new float[layers][];
    }

    public ModelConfig config() { return cfg; }

    private void ensure(int n) {
        if (n <= capacity) return;
        for (int i = 0; i < layers; i++) {
            int w = cfg.out(i);
            out[i] = new float[n * w];
            if (i < layers - 1) delta[i] = new float[n * w]; // the output layer's is the caller's (backward)
            if (i < layers - 1 && cfg.activation() == Activation.GELU) pre[i] = new float[n * w];
            if (i < layers - 1 && cfg.dropout() > 0) mask[i] = new float[n * w];
        }
        capacity = n;
    }

    /**
     * Computes the logits of the batch.
     *
     * @param params  flat parameters
     * @param x       the input rows
     * @param dropout random source for dropout masks, or null for inference (no dropout)
     * @return the logits buffer (x.rows() x outputDim, row-major); valid until the next call
     */
    public float[] forward(float[] params, Batch x, SplittableRandom dropout) {
        int n = x.rows();
        ensure(Math.max(n, 1));
        for (int i = 0; i < layers; i++) {
            int in = cfg.in(i), w = cfg.out(i);
            int wOff = cfg.weightOffset(i), bOff = cfg.biasOffset(i);
            boolean hidden = i < layers - 1;
            Activation act = hidden ? cfg.activation() : Activation.NONE;
            float[] dst = out[i];
            if (act == Activation.GELU) {
                linear(params, x, i, n, in, w, wOff, bOff, pre[i], Activation.NONE);
                ops.gelu(pre[i], dst, n * w);
            } else {
                linear(params, x, i, n, in, w, wOff, bOff, dst, act);
            }
            if (hidden && dropout != null && cfg.dropout() > 0) {
                float keep = (float) (1 - cfg.dropout());
                float scale = 1f / keep;
                float[] m = mask[i];
                for (int k = 0; k < n * w; k++) {
                    m[k] = dropout.nextFloat() < keep ? scale : 0f;
                    dst[k] *= m[k];
                }
            } else if (hidden && mask[i] != null) {
                Arrays.fill(mask[i], 0, n * w, 1f);
            }
        }
        return out[layers - 1];
    }

    private void linear(float[] params, Batch x, int i, int n, int in, int w, int wOff, int bOff, float[] dst, Activation act) {
        if (i == 0 && x.isSparse()) {
            ops.spmm(n, w, in, x.indptr(), x.indices(), x.values(), params, wOff, dst);
            ops.biasAct(dst, n, w, params, bOff, act);
        } else {
            float[] a = i == 0 ? x.dense() : out[i - 1];
            ops.gemmBiasAct(n, w, in, a, params, wOff, params, bOff, dst, act);
        }
    }

    /**
     * Back-propagates the gradient of the loss with respect to the logits of the last
     * {@link #forward} call, writing the parameter gradient into {@code grads} (overwritten).
     *
     * @param params  the parameters used in the forward pass
     * @param x       the same batch
     * @param dLogits d loss / d logits (rows x outputDim); not modified
     * @param grads   output, parameterCount long
     */
    public void backward(float[] params, Batch x, float[] dLogits, float[] grads) {
        int n = x.rows();
        int last = layers - 1;
        for (int i = last; i >= 0; i--) {
            int in = cfg.in(i), w = cfg.out(i);
            int wOff = cfg.weightOffset(i), bOff = cfg.biasOffset(i);
            // the output layer's gradient is read only: the caller's array, not a copy
            float[] dz = i == last ? dLogits : delta[i];
            if (i < last) {
                // through dropout and the activation: dz = d out * mask * act'(z)
                if (mask[i] != null) {
                    float[] m = mask[i];
                    for (int k = 0; k < n * w; k++) dz[k] *= m[k];
                }
                if (cfg.activation() == Activation.RELU) ops.reluBackward(dz, out[i], n * w);
                else ops.geluBackward(dz, pre[i], n * w);
            }
            ops.columnSums(dz, n, w, grads, bOff);
            if (i == 0 && x.isSparse()) {
                ops.spmmTransposed(n, w, x.indptr(), x.indices(), x.values(), dz, in, grads, wOff);
            } else {
                float[] a = i == 0 ? x.dense() : out[i - 1];
                ops.gemmTN(in, w, n, a, dz, grads, wOff);      // dW = a^T dz
            }
            if (i > 0) ops.gemmNT(n, in, w, dz, params, wOff, delta[i - 1]); // d a_{i-1} = dz W^T
        }
    }
}
