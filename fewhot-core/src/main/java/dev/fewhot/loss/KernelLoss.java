package dev.fewhot.loss;

/**
 * An element-wise loss computed by one {@code dev.fewhot.kernels.LossKernels} call over a range
 * of a row-major batch: subclasses give that call, this class maps rows and ranges onto it.
 */
abstract class KernelLoss extends ElementwiseLoss {
    KernelLoss(Reducer reducer) {
        super(reducer);
    }

    /**
     * The kernel call over elements {@code [from, to)} of arrays whose element i sits at
     * {@code off + i} and has label {@code i % cols}; returns the loss sum of the range.
     */
    abstract double kernel(float[] logits, float[] targets, int off, int cols, int from, int to, double gradScale,
                           float[] grad, float[] perElement);

    @Override
    protected final double computeRow(float[] logits, float[] targets, int offset, int cols, double gradScale,
                                      float[] grad, float[] perElement) {
        return kernel(logits, targets, offset, cols, 0, cols, gradScale, grad, perElement);
    }

    @Override
    protected final double computeRows(float[] logits, float[] targets, int rowFrom, int rowTo, int cols,
                                       double gradScale, float[] grad, float[] perElement) {
        return kernel(logits, targets, 0, cols, rowFrom * cols, rowTo * cols, gradScale, grad, perElement);
    }
}
