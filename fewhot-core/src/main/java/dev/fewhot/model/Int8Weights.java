package dev.fewhot.model;

/**
 * One network's weight matrices quantized to int8 ({@link Quantization#INT8}): per layer, the
 * in x out matrix of signed bytes (row-major, as the float weights) and the out column scales.
 * The biases are not here: they stay in the float parameters. Immutable once made; shared
 * read-only by the predictors of a {@link Model}.
 */
final class Int8Weights {
    private final byte[][] q;
    private final float[][] scale;

    private Int8Weights(byte[][] q, float[][] scale) {
        this.q = q;
        this.scale = scale;
    }

    /** Quantizes the weights of the network whose parameters start at {@code params[off]}. */
    static Int8Weights of(ModelConfig cfg, float[] params, int off) {
        int layers = cfg.layers();
        byte[][] q = new byte[layers][];
        float[][] scale = new float[layers][];
        for (int i = 0; i < layers; i++) {
            int in = cfg.in(i), out = cfg.out(i);
            q[i] = new byte[Math.multiplyExact(in, out)];
            scale[i] = new float[out];
            Ops.quantize(in, out, params, off + cfg.weightOffset(i), q[i], scale[i]);
        }
        return new Int8Weights(q, scale);
    }

    /** Layer i's quantized weights, in x out row-major (shared: not to be written). */
    byte[] q(int layer) { return q[layer]; }

    /** Layer i's column scales (shared: not to be written). */
    float[] scale(int layer) { return scale[layer]; }
}
