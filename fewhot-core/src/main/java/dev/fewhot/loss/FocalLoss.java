package dev.fewhot.loss;

import dev.fewhot.kernels.LossKernels;
import java.util.Objects;

/**
 * The focal loss of Lin et al., "Focal Loss for Dense Object Detection" (ICCV 2017), in the p_t
 * form of torchvision's {@code sigmoid_focal_loss}:
 * {@code l = alpha_t * ce * (1 - p_t)^gamma}, {@code ce = bce(x, y, weight, posWeight)},
 * {@code p_t = p*y + (1-p)*(1-y)}, {@code alpha_t = alpha*y + (1-alpha)*(1-y)} (1 without alpha).
 * Defaults ({@link FocalSettings#defaults()}): gamma 2, alpha 0.25; weights none. Gradient
 * flows through {@code (1 - p_t)^gamma}; it is computed in logit space
 * ({@code d(1-p_t)/dx = (1-2y) p (1-p)} vanishes with {@code 1-p_t} for hard labels), so it is
 * finite for every gamma >= 0, including 0 &lt; gamma &lt; 1.
 */
public final class FocalLoss extends KernelLoss {
    private final FocalSettings settings;
    private final BceWeights weights;

    /**
     * @param settings gamma and alpha, e.g. {@link FocalSettings#defaults()}
     * @param weights  BCE weights of the cross-entropy term ({@link BceWeights#none()} usually)
     * @param reducer  reduction (torchvision defaults to none; training usually uses MEAN or SUM)
     */
    public FocalLoss(FocalSettings settings, BceWeights weights, Reducer reducer) {
        super(reducer);
        this.settings = Objects.requireNonNull(settings, "settings must not be null (e.g. FocalSettings.defaults())");
        this.weights = Objects.requireNonNull(weights, "weights must not be null (use BceWeights.none())");
    }

    /** The paper's defaults (gamma 2, alpha 0.25), unweighted. */
    public static FocalLoss defaults(Reducer reducer) {
        return new FocalLoss(FocalSettings.defaults(), BceWeights.none(), reducer);
    }

    /** The settings. */
    public FocalSettings settings() {
        return settings;
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
        boolean useAlpha = settings.alpha().isPresent();
        return LossKernels.focal(logits, targets, off, cols, from, to, settings.gamma(), useAlpha,
                useAlpha ? settings.alpha().getAsDouble() : 0.0, weights.weight().floatsFor(cols),
                weights.posWeight().floatsFor(cols), gradScale, grad, perElement);
    }

    @Override
    public String toString() {
        return "FocalLoss[" + settings + ", " + weights + ", reducer=" + reducer() + "]";
    }
}
