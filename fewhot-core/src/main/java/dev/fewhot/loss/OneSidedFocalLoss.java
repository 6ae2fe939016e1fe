package dev.fewhot.loss;

import dev.fewhot.kernels.LossKernels;
import java.util.Objects;

/**
 * The project's old "seed focal" loss: {@code l = (1 - p)^gamma * bce(x, y, weight, posWeight)}
 * for EVERY element, gradient through the factor ({@code d(1-p)^gamma/dx = -gamma p (1-p)^gamma}).
 *
 * <p><b>This is NOT a focal loss.</b> On negatives it multiplies by {@code (1-p)^gamma}, not
 * {@code p^gamma}: the more confident a false positive, the smaller its loss, so it rewards
 * confident false positives, and a model trained with it predicts every label. It is kept only to
 * reproduce old runs exactly; use {@link FocalLoss} (Lin et al.) or {@link AsymmetricLoss}.
 * The seed default was gamma 2, no weights.
 */
public final class OneSidedFocalLoss extends KernelLoss {
    private final double gamma;
    private final BceWeights weights;

    /**
     * @param gamma   exponent of (1 - p), finite and >= 0
     * @param weights BCE weights ({@link BceWeights#none()} for the seed's plain form)
     * @param reducer reduction
     */
    public OneSidedFocalLoss(double gamma, BceWeights weights, Reducer reducer) {
        super(reducer);
        this.gamma = Checks.finiteNonNegative("gamma", gamma);
        this.weights = Objects.requireNonNull(weights, "weights must not be null (use BceWeights.none())");
    }

    /** The exponent. */
    public double gamma() {
        return gamma;
    }

    /** The BCE weights. */
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
        return LossKernels.oneSidedFocal(logits, targets, off, cols, from, to, gamma,
                weights.weight().floatsFor(cols), weights.posWeight().floatsFor(cols), gradScale, grad, perElement);
    }

    @Override
    public String toString() {
        return "OneSidedFocalLoss[gamma=" + gamma + ", " + weights + ", reducer=" + reducer() + "]";
    }
}
