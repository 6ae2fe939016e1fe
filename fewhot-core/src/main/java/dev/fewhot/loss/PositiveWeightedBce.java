package dev.fewhot.loss;

import dev.fewhot.kernels.LossKernels;

/**
 * The "seed" weighted BCE of a forum answer: {@code l = bce(x, y); l[y > 0] *= y * w}, i.e. the
 * whole BCE term of an element with a positive (possibly soft) target is scaled by
 * {@code y * w}; elements with {@code y = 0} are unweighted. w is one scalar (finite, >= 0);
 * the gradient is the BCE derivative times the same factor. Kept to reproduce old runs: unlike
 * {@link BceWithLogits}'s posWeight it also scales the negative part of a soft target's term.
 */
public final class PositiveWeightedBce extends KernelLoss {
    private final double positiveWeight;

    /**
     * @param positiveWeight w, finite and >= 0
     * @param reducer        reduction (the seed code used {@link Reduction#MEAN})
     */
    public PositiveWeightedBce(double positiveWeight, Reducer reducer) {
        super(reducer);
        this.positiveWeight = Checks.finiteNonNegative("positiveWeight", positiveWeight);
    }

    /** The scalar w. */
    public double positiveWeight() {
        return positiveWeight;
    }

    private float weightF() {
        return (float) Math.min(positiveWeight, Float.MAX_VALUE);
    }

    @Override
    double kernel(float[] logits, float[] targets, int off, int cols, int from, int to, double gradScale,
                  float[] grad, float[] perElement) {
        return LossKernels.positiveWeightedBce(logits, targets, off, cols, from, to, weightF(), gradScale, grad,
                perElement);
    }

    @Override
    public String toString() {
        return "PositiveWeightedBce[positiveWeight=" + positiveWeight + ", reducer=" + reducer() + "]";
    }
}
