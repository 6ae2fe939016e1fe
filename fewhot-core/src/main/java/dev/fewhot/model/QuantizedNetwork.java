package dev.fewhot.model;

import dev.fewhot.kernels.Activation;

/**
 * The forward pass of a {@link ModelConfig} network with int8 weights ({@link Int8Weights}) and
 * the float biases of its parameters: layer i computes
 * {@code a_i = act((a_{i-1} Q_i) * scale_i + b_i)}, each row on its own with the weights streamed
 * in storage order (see {@code dev.fewhot.kernels.Int8Gemm}); a sparse batch's first layer reads
 * only the weight rows of its stored columns. Inference only (no dropout, no backward pass).
 *
 * <p>Not thread-safe: one instance per thread. No allocation after the first batch of the
 * largest size.
 */
final class QuantizedNetwork {
    private final ModelConfig cfg;
    private final Ops ops;
    private final float[][] out;
    private int capacity;

    QuantizedNetwork(ModelConfig cfg, int threads) {
        this.cfg = cfg;
        this.ops = new Ops(null, threads);
        this.out = new float[cfg.layers()][];
    }

    /**
     * The logits of the batch.
     *
     * @param params the float parameters (for the biases)
     * @param w      the same network's quantized weights
     * @param x      the input rows
     * @return the logits buffer (x.rows() x outputDim, row-major); valid until the next call
     */
    float[] forward(float[] params, Int8Weights w, Batch x) {
        int n = x.rows(), layers = cfg.layers();
        ensure(Math.max(n, 1));
        for (int i = 0; i < layers; i++) {
            int in = cfg.in(i), width = cfg.out(i), bOff = cfg.biasOffset(i);
            Activation act = i < layers - 1 ? cfg.activation() : Activation.NONE;
            if (i == 0 && x.isSparse()) {
                ops.int8Csr(n, width, in, x.indptr(), x.indices(), x.values(), w.q(i), w.scale(i), params, bOff, out[i], act);
            } else {
                ops.int8Dense(n, width, in, i == 0 ? x.dense() : out[i - 1], w.q(i), w.scale(i), params, bOff, out[i], act);
            }
        }
        return out[layers - 1];
    }

    private void ensure(int n) {
        if (n <= capacity) return;
        for (int i = 0; i < out.length; i++) out[i] = new float[n * cfg.out(i)];
        capacity = n;
    }
}
