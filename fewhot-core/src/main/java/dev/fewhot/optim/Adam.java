package dev.fewhot.optim;

/**
 * Adam (Kingma and Ba 2015) and AdamW (Loshchilov and Hutter 2019), as PyTorch computes them:
 * {@code m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2;
 * p -= lr/(1-b1^t) * m / (sqrt(v)/sqrt(1-b2^t) + eps)}. Adam's weight decay adds
 * {@code wd * p} to g; AdamW's multiplies p by {@code 1 - lr * wd} before the update.
 */
public final class Adam implements Optimizer {
    private final OptimizerSettings s;
    private final float[] m;
    private final float[] v;
    private long t;

    private final int threads;
    /** Whether each part of the split update wrote only finite values (reused every step). */
    private final boolean[] partFinite;

    /** Single-threaded Adam. */
    public Adam(OptimizerSettings settings, int parameterCount) {
        this(settings, parameterCount, 1);
    }

    /**
     * @param threads threads for the update of large parameter arrays (the result does not
     *                depend on it: the update is element-wise)
     */
    public Adam(OptimizerSettings settings, int parameterCount, int threads) {
        dev.fewhot.kernels.VectorSupport.check(); // no Vector API: one line naming the JVM flag, not NoClassDefFoundError
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        this.threads = Math.min(threads, dev.fewhot.kernels.KernelPool.common().parallelism());
        if (settings.kind() == OptimizerSettings.Kind.SGD) throw new IllegalArgumentException("settings: expected ADAM or ADAMW, got SGD");
        this.s = settings;
        this.m = new float[parameterCount];
        this.v = new float[parameterCount];
        this.partFinite = new boolean[dev.fewhot.kernels.KernelPool.partsFor(parameterCount, this.threads)];
    }

    @Override
    public void step(float[] p, float[] g, double lr) {
        update(p, g, lr);
    }

    @Override
    public boolean stepAndCheckFinite(float[] p, float[] g, double lr) {
        return update(p, g, lr);
    }

    /** One step; whether every parameter is finite after it (checked as each one is written). */
    private boolean update(float[] p, float[] g, double lr) {
        if (p.length != m.length || g.length != m.length) {
            throw new IllegalArgumentException("params/grads: length must be " + m.length + ", got " + p.length + "/" + g.length);
        }
        t++;
        double bc1 = 1 - Math.pow(s.beta1(), t), bc2 = 1 - Math.pow(s.beta2(), t);
        float b1 = (float) s.beta1(), b2 = (float) s.beta2();
        float stepSize = (float) (lr / bc1);
        float invSqrtBc2 = (float) (1 / Math.sqrt(bc2));
        float eps = (float) s.eps();
        boolean decoupled = s.kind() == OptimizerSettings.Kind.ADAMW;
        float wd = (float) s.weightDecay();
        float l2 = decoupled ? 0f : wd;
        if (decoupled || l2 == 0f) {
            // the vectorised kernel: PyTorch's update with decoupled decay (0 for plain Adam)
            int step = Math.toIntExact(t);
            float decay = decoupled ? wd : 0f, rate = (float) lr;
            int n = p.length;
            // element-wise, so splitting the range changes nothing in the result
            boolean[] finite = partFinite;
            dev.fewhot.kernels.KernelPool.common().invokeRanges(n, finite.length, 1, (part, from, to) -> finite[part] =
                    dev.fewhot.kernels.VectorOps.adam(to - from, p, from, g, from, m, from, v, from, rate, b1, b2, eps, step, decay));
            for (boolean f : finite) if (!f) return false;
            return true;
        }
        float c1 = 1f - b1, c2 = 1f - b2;
        boolean finite = true;
        for (int i = 0; i < p.length; i++) {
            float pi = p[i];
            float gi = g[i] + l2 * pi;
            float mi = b1 * m[i] + c1 * gi;
            float vi = b2 * v[i] + c2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            float updated = pi - stepSize * mi / ((float) Math.sqrt(vi) * invSqrtBc2 + eps);
            p[i] = updated;
            finite &= Float.isFinite(updated);
        }
        return finite;
    }

    @Override public long steps() { return t; }

    /** First moments (live state, for checkpoints). */
    public float[] firstMoments() { return m; }
    /** Second moments (live state, for checkpoints). */
    public float[] secondMoments() { return v; }
    @Override public java.util.List<float[]> state() { return java.util.List.of(m, v); }
    /** Restores the step count (with the moments filled by the caller). */
    @Override public void restoreSteps(long steps) { this.t = steps; }
}
