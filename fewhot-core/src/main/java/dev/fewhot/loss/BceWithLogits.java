package dev.fewhot.loss;

import dev.fewhot.kernels.LossKernels;
import java.util.Objects;

/**
 * Binary cross-entropy on logits, PyTorch's {@code BCEWithLogitsLoss}:
 * {@code l = -w * [pw * y * log p + (1 - y) * log(1 - p)]}, p = sigmoid(x), evaluated stably as
 * {@code w * [(1 - y) * x + (1 + (pw - 1) * y) * softplus(-x)]}; derivative
 * {@code dl/dx = w * [(1 - y) * p - pw * y * (1 - p)]}.
 * Weight {@code w} and positive weight {@code pw} are per label ({@link BceWeights}); default
 * none. Finite and accurate for any finite logit.
 */
public final class BceWithLogits extends KernelLoss {
    private final BceWeights weights;

    /**
     * @param weights weight and posWeight ({@link BceWeights#none()} for plain BCE)
     * @param reducer reduction, e.g. {@link Reduction#MEAN} (PyTorch's default)
     */
    public BceWithLogits(BceWeights weights, Reducer reducer) {
        super(reducer);
        this.weights = Objects.requireNonNull(weights, "weights must not be null (use BceWeights.none())");
    }

    /** Plain, unweighted BCE. */
    public static BceWithLogits unweighted(Reducer reducer) {
        return new BceWithLogits(BceWeights.none(), reducer);
    }

    /** The weights. */
    public BceWeights weights() {
        return weights;
    }

    @Override
    protected void checkCols(int cols) {
        weights.checkCols(cols);
    }

    @Override
    double kernel(float[] logits, float[] targets, int off, int cols, int from, int to, double gradScale,
                  float[] grad, float[] perElement) {
        return LossKernels.bce(logits, targets, off, cols, from, to, weights.weight().floatsFor(cols),
                weights.posWeight().floatsFor(cols), gradScale, grad, perElement);
    }

    @Override
    public String toString() {
        return "BceWithLogits[" + weights + ", reducer=" + reducer() + "]";
    }
}
