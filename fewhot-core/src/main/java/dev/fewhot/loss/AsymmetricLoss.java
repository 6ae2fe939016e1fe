package dev.fewhot.loss;

import dev.fewhot.kernels.LossKernels;
import java.util.Objects;

/**
 * Asymmetric loss (Ridnik et al., "Asymmetric Loss For Multi-Label Classification", ICCV 2021),
 * as the authors' {@code AsymmetricLoss}: {@code p_m = max(p - clip, 0)},
 * {@code L+ = log(max(p, eps))}, {@code L- = log(max(1 - p_m, eps))},
 * {@code l = -[y L+ + (1-y) L-] * (1 - pt)^g} with {@code pt = p y + (1 - p_m)(1 - y)} and
 * {@code g = gammaPos y + gammaNeg (1 - y)}; for hard labels {@code l+ = -(1-p)^gammaPos log p},
 * {@code l- = -p_m^gammaNeg log(1 - p_m)}. Defaults ({@link AslSettings#defaults()}): gammaNeg 4,
 * gammaPos 1, clip 0.05, eps 1e-8, focusing weight inside the gradient
 * ({@link FocusingGradient#DETACHED} treats it as a constant). The paper reduces with SUM.
 *
 * <p>The eps clamps are part of the definition: where {@code p < eps} (or
 * {@code 1 - p_m < eps}) the log term is the constant {@code log eps} with zero gradient. Where
 * {@code p <= clip} the negative's weight is 0 with zero gradient. For {@code 0 < gammaNeg < 1}
 * the derivative of {@code p_m^gammaNeg} grows without bound as p approaches clip from above; it
 * is computed as is (finite for {@code p_m > 0}) and defined as 0 at {@code p_m = 0}.
 */
public final class AsymmetricLoss extends KernelLoss {
    private final AslSettings settings;

    /**
     * @param settings e.g. {@link AslSettings#defaults()}
     * @param reducer  reduction (the paper sums)
     */
    public AsymmetricLoss(AslSettings settings, Reducer reducer) {
        super(reducer);
        this.settings = Objects.requireNonNull(settings, "settings must not be null (e.g. AslSettings.defaults())");
    }

    /** The paper's defaults. */
    public static AsymmetricLoss defaults(Reducer reducer) {
        return new AsymmetricLoss(AslSettings.defaults(), reducer);
    }

    /** The settings. */
    public AslSettings settings() {
        return settings;
    }

    @Override
    double kernel(float[] logits, float[] targets, int off, int cols, int from, int to, double gradScale,
                  float[] grad, float[] perElement) {
        AslSettings s = settings;
        return LossKernels.asymmetric(logits, targets, off, cols, from, to, s.gammaNeg(), s.gammaPos(), s.clip(),
                s.eps(), s.focusing() == FocusingGradient.DETACHED, gradScale, grad, perElement);
    }

    @Override
    public String toString() {
        return "AsymmetricLoss[" + settings + ", reducer=" + reducer() + "]";
    }
}
