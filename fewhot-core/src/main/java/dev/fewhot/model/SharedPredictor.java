package dev.fewhot.model;

import dev.fewhot.data.Features;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A thread-safe {@link Predictor}: any number of threads may call it at once. Each call borrows
 * a workspace (a {@link Predictor}) from a lock-free pool and returns it afterwards, so there are
 * at most as many workspaces as concurrent calls, and none is tied to a thread (no ThreadLocal
 * leak with thread pools). The parameters are shared read-only. Results are bit-identical to a
 * single {@link Predictor}'s: a row's scores do not depend on which workspace or thread computes
 * them, nor on the other rows of the call.
 */
public final class SharedPredictor {
    private final Model model;
    private final float[][] members;
    private final Int8Weights[] quantized;
    private final int threads;
    private final ConcurrentLinkedQueue<Predictor> idle = new ConcurrentLinkedQueue<>();

    SharedPredictor(Model model, float[][] members, Int8Weights[] quantized, int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        this.model = model;
        this.members = members;
        this.quantized = quantized;
        this.threads = threads;
    }

    public Model model() { return model; }

    /** How the weights are stored: {@link Quantization#NONE} (float32) or int8. */
    public Quantization quantization() { return quantized == null ? Quantization.NONE : Quantization.INT8; }

    /** Probabilities of rows [from, from + n) of x into out (n x labels, row-major). Thread-safe. */
    public void scores(Features x, int from, int n, float[] out) {
        Predictor p = borrow();
        try {
            p.scores(x, from, n, out);
        } finally {
            idle.offer(p);
        }
    }

    /** Logits of rows [from, from + n) of x into out (n x labels). Thread-safe. */
    public void logits(Features x, int from, int n, float[] out) {
        Predictor p = borrow();
        try {
            p.logits(x, from, n, out);
        } finally {
            idle.offer(p);
        }
    }

    /** Probabilities of every row of x (rows x labels). Thread-safe. */
    public float[] scores(Features x) {
        float[] out = new float[Math.multiplyExact(x.rows(), model.config().outputDim())];
        scores(x, 0, x.rows(), out);
        return out;
    }

    /** Workspaces created so far (at most the largest number of concurrent calls). */
    public int workspaces() {
        return created;
    }

    private volatile int created;

    private Predictor borrow() {
        Predictor p = idle.poll();
        if (p != null) return p;
        synchronized (this) {
            created++;
        }
        return new Predictor(model, members, quantized, threads);
    }
}
