package dev.fewhot.optim;

/**
 * Stochastic gradient descent with momentum, as PyTorch computes it:
 * {@code g += wd * p; b = mu * b + g (b = g at the first step); p -= lr * b}.
 */
public final class Sgd implements Optimizer {
    private final OptimizerSettings s;
    private final float[] buf;
    private long t;

    public Sgd(OptimizerSettings settings, int parameterCount) {
        this.s = settings;
        this.buf = new float[parameterCount];
    }

    @Override
    public void step(float[] p, float[] g, double lr) {
        if (p.length != buf.length || g.length != buf.length) {
            throw new IllegalArgumentException("params/grads: length must be " + buf.length + ", got " + p.length + "/" + g.length);
        }
        float mu = (float) s.momentum(), wd = (float) s.weightDecay(), a = (float) lr;
        boolean first = t == 0;
        for (int i = 0; i < p.length; i++) {
            float gi = g[i] + wd * p[i];
            float b = (mu == 0f || first) ? gi : mu * buf[i] + gi;
            buf[i] = b;
            p[i] -= a * b;
        }
        t++;
    }

    @Override public long steps() { return t; }

    /** Momentum buffer (live state, for checkpoints). */
    public float[] momentumBuffer() { return buf; }
    @Override public java.util.List<float[]> state() { return java.util.List.of(buf); }
    @Override public void restoreSteps(long steps) { this.t = steps; }
}
