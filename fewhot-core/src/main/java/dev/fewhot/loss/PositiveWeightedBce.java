package dev.fewhot.loss;

/**
 * The "seed" weighted BCE of a forum answer: {@code l = bce(x, y); l[y > 0] *= y * w}, i.e. the
 * whole BCE term of an element with a positive (possibly soft) target is scaled by
 * {@code y * w}; elements with {@code y = 0} are unweighted. w is one scalar (finite, >= 0);
 * the gradient is the BCE derivative times the same factor. Kept to reproduce old runs: unlike
 * {@link BceWithLogits}'s posWeight it also scales the negative part of a soft target's term.
 */
public final class PositiveWeightedBce extends ElementwiseLoss {
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

    @Override
    protected double computeRow(float[] logits, float[] targets, int offset, int cols, double gradScale,
                                float[] grad, float[] perElement) {
        return row(logits, targets, offset, cols, positiveWeight, gradScale, grad, perElement);
    }

    /** Row kernel (see {@link BceWithLogits#row}). */
    static double row(float[] x, float[] y, int offset, int cols, double w, double gradScale,
                      float[] grad, float[] out) {
        double sum = 0.0;
        for (int j = 0; j < cols; j++) {
            int i = offset + j;
            double xi = x[i];
            double yi = y[i];
            double e = Math.exp(-Math.abs(xi));
            double r = 1.0 / (1.0 + e);
            double p = xi >= 0 ? r : e * r;
            double q = xi >= 0 ? e * r : r;
            double f = yi > 0 ? yi * w : 1.0;
            double l = f * LossMath.bce(xi, yi, 1.0, Math.log1p(e));
            sum += l;
            if (out != null) out[i] = (float) l;
            if (grad != null) grad[i] = (float) (gradScale * f * ((1.0 - yi) * p - yi * q));
        }
        return sum;
    }

    @Override
    public String toString() {
        return "PositiveWeightedBce[positiveWeight=" + positiveWeight + ", reducer=" + reducer() + "]";
    }
}
