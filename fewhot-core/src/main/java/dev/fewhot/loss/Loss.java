package dev.fewhot.loss;

/**
 * A multi-label loss over a batch of logits: loss and gradient in one call.
 *
 * <p>Logits and targets are row-major {@code rows x cols} arrays (a row per instance, a column
 * per label); targets are in [0, 1], hard or soft. The call never modifies its inputs. It
 * returns the reduced loss (for {@link Reduction#NONE}: the sum), writes
 * d(returned value)/d(logits) into {@code grad} when it is not null (for NONE: the element-wise
 * derivative), and writes the per-element losses into {@code perElement} when it is not null.
 * Accumulation is in double; storage is float32. The mean of zero elements is defined as 0.
 *
 * <p>The implementations in this package are immutable and thread-safe; the output buffers must
 * not be the input arrays.
 */
public interface Loss {
    /**
     * Arrays may be longer than rows * cols (reused buffers); only the first rows * cols
     * elements are read or written.
     *
     * @param logits     rows * cols logits, row-major
     * @param targets    rows * cols targets in [0, 1]
     * @param rows       batch size
     * @param cols       number of labels
     * @param grad       output, rows * cols, or null to skip the gradient
     * @param perElement output, rows * cols, or null to skip per-element losses
     * @return the reduced loss
     * @throws IllegalArgumentException on mismatched shapes or targets outside [0, 1]
     */
    double compute(float[] logits, float[] targets, int rows, int cols, float[] grad, float[] perElement);

    /**
     * As {@link #compute(float[], float[], int, int, float[], float[])}, using at most
     * {@code threads} threads (the result does not depend on the number). The default ignores
     * the hint.
     */
    default double compute(float[] logits, float[] targets, int rows, int cols, float[] grad, float[] perElement,
                           int threads) {
        return compute(logits, targets, rows, cols, grad, perElement);
    }

    /** How this loss reduces its per-element values. */
    Reducer reducer();
}
