package dev.fewhot.loss;

import java.util.Objects;

/**
 * Base of the element-wise losses: validates the call, runs the subclass's row kernel (float
 * outputs, double accumulation) and applies the {@link Reducer}.
 *
 * <p>{@link Reduction#SUM}, {@link Reduction#MEAN} and {@link Reduction#NONE} take fast paths
 * with no extra buffers: the kernel writes the already-scaled gradient directly. Any other
 * {@link Reducer} receives the per-element losses (the caller's {@code perElement} buffer, or a
 * scratch array allocated for that call) and its d(value)/d(loss) is multiplied into the
 * element-wise derivative (chain rule); only this path allocates.
 *
 * <p>The mean of zero elements ({@code rows * cols == 0}) is defined as 0. Targets must be
 * finite and in [0, 1]; logits are not checked (a NaN logit gives NaN for its element). The
 * output buffers must not be the input arrays, nor each other.
 *
 * <p>The built-in losses compute through the Vector API kernels of
 * {@code dev.fewhot.kernels.LossKernels} (float arithmetic, double sums). A batch of at least
 * {@value #PARALLEL_MIN_ELEMENTS} elements is split into two fixed halves of rows computed on two
 * threads of {@link dev.fewhot.kernels.KernelPool#common()}, their sums added in a fixed order (deterministic); the number of threads is
 * {@code -Dfewhot.loss.threads} (default 2 when the machine has 2 or more cores, 1 disables the
 * split).
 */
public abstract class ElementwiseLoss implements Loss {
    /** Batches with at least this many elements are split over two threads. */
    static final int PARALLEL_MIN_ELEMENTS = 1 << 16;
    /** Threads for large batches (1 or 2). */
    static final int THREADS = Math.max(1, Math.min(2,
            Integer.getInteger("fewhot.loss.threads", Runtime.getRuntime().availableProcessors())));

    private final Reducer reducer;

    /** @param reducer how per-element losses are reduced; not null */
    protected ElementwiseLoss(Reducer reducer) {
        dev.fewhot.kernels.VectorSupport.check(); // no Vector API: one line naming the JVM flag, not NoClassDefFoundError
        this.reducer = Objects.requireNonNull(reducer, "reducer must not be null (e.g. Reduction.MEAN)");
    }

    @Override
    public final Reducer reducer() {
        return reducer;
    }

    /**
     * Computes one row: elements {@code offset .. offset + cols - 1} of the arrays, label
     * {@code j} at {@code offset + j}. Writes {@code gradScale * dl/dx} into {@code grad} and the
     * loss into {@code perElement} when they are not null, and returns the row's loss sum.
     */
    protected abstract double computeRow(float[] logits, float[] targets, int offset, int cols,
                                         double gradScale, float[] grad, float[] perElement);

    /**
     * Computes rows {@code rowFrom .. rowTo - 1} (elements {@code rowFrom * cols} to
     * {@code rowTo * cols - 1}) as {@link #computeRow} does, returning their loss sum. The default
     * calls {@link #computeRow} per row; the built-in losses override it with one kernel call.
     */
    protected double computeRows(float[] logits, float[] targets, int rowFrom, int rowTo, int cols,
                                 double gradScale, float[] grad, float[] perElement) {
        double sum = 0.0;
        for (int r = rowFrom; r < rowTo; r++) {
            sum += computeRow(logits, targets, r * cols, cols, gradScale, grad, perElement);
        }
        return sum;
    }

    /** Checks settings that depend on the number of labels (per-label vector lengths). */
    protected void checkCols(int cols) {
    }

    @Override
    public final double compute(float[] logits, float[] targets, int rows, int cols, float[] grad, float[] perElement) {
        return compute(logits, targets, rows, cols, grad, perElement, THREADS);
    }

    @Override
    public final double compute(float[] logits, float[] targets, int rows, int cols, float[] grad, float[] perElement,
                                int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        int n = validate(logits, targets, rows, cols, grad, perElement);
        checkCols(cols);
        Reducer r = reducer;
        if (r == Reduction.SUM || r == Reduction.NONE) {
            return run(logits, targets, rows, cols, 1.0, grad, perElement, threads);
        }
        if (r == Reduction.MEAN) {
            if (n == 0) return 0.0;
            return run(logits, targets, rows, cols, 1.0 / n, grad, perElement, threads) / n;
        }
        float[] losses = perElement != null ? perElement : new float[n];
        run(logits, targets, rows, cols, 1.0, grad, losses, threads);
        float[] dValue = new float[n];
        double value = r.reduce(losses, rows, cols, dValue);
        if (grad != null) {
            for (int i = 0; i < n; i++) grad[i] = (float) ((double) grad[i] * dValue[i]);
        }
        return value;
    }

    private double run(float[] logits, float[] targets, int rows, int cols, double gradScale,
                       float[] grad, float[] perElement, int threads) {
        if (threads < 2 || rows < 2 || (long) rows * cols < PARALLEL_MIN_ELEMENTS) {
            return computeRows(logits, targets, 0, rows, cols, gradScale, grad, perElement);
        }
        // two fixed halves of rows on the kernel pool; the sums are added in a fixed order
        int mid = rows / 2;
        double[] sums = new double[2];
        dev.fewhot.kernels.KernelPool.common().invoke(part -> sums[part] = part == 0
                ? computeRows(logits, targets, 0, mid, cols, gradScale, grad, perElement)
                : computeRows(logits, targets, mid, rows, cols, gradScale, grad, perElement), 2);
        return sums[0] + sums[1];
    }

    /** Validates shapes, aliasing and targets; returns rows * cols. */
    static int validate(float[] logits, float[] targets, int rows, int cols, float[] grad, float[] perElement) {
        if (rows < 0) throw new IllegalArgumentException("rows must be >= 0, got " + rows);
        if (cols < 0) throw new IllegalArgumentException("cols must be >= 0, got " + cols);
        long numel = (long) rows * cols;
        if (numel > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("rows * cols = " + numel + " exceeds the largest array length");
        }
        int n = (int) numel;
        if (logits == null) throw new IllegalArgumentException("logits must not be null");
        if (targets == null) throw new IllegalArgumentException("targets must not be null");
        checkLength("logits", logits, n, rows, cols);
        checkLength("targets", targets, n, rows, cols);
        if (grad != null) {
            checkLength("grad", grad, n, rows, cols);
            if (grad == logits || grad == targets) {
                throw new IllegalArgumentException("grad must not be the logits or targets array (inputs are never modified)");
            }
        }
        if (perElement != null) {
            checkLength("perElement", perElement, n, rows, cols);
            if (perElement == logits || perElement == targets) {
                throw new IllegalArgumentException("perElement must not be the logits or targets array (inputs are never modified)");
            }
            if (perElement == grad) throw new IllegalArgumentException("perElement and grad must be different arrays");
        }
        int i = dev.fewhot.kernels.VectorOps.firstOutsideUnitInterval(n, targets, 0);
        if (i >= 0) {
            throw new IllegalArgumentException("targets[" + i + "] (row " + (i / cols) + ", label " + (i % cols)
                    + ") must be in [0, 1], got " + targets[i]);
        }
        return n;
    }

    private static void checkLength(String name, float[] a, int n, int rows, int cols) {
        if (a.length < n) {
            throw new IllegalArgumentException(name + ": length must be at least rows * cols = " + n + " (rows " + rows
                    + ", cols " + cols + "), got " + a.length);
        }
    }
}
