package dev.fewhot.loss;

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
public final class OneSidedFocalLoss extends ElementwiseLoss {
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
    protected double computeRow(float[] logits, float[] targets, int offset, int cols, double gradScale,
                                float[] grad, float[] perElement) {
        LabelWeights w = weights.weight();
        LabelWeights pw = weights.posWeight();
        return row(logits, targets, offset, cols, gamma, w.vectorOrNull(), w.scalarValue(), pw.vectorOrNull(),
                pw.scalarValue(), gradScale, grad, perElement);
    }

    /** Row kernel (see {@link BceWithLogits#row}). */
    static double row(float[] x, float[] y, int offset, int cols, double gamma, double[] w, double wScalar,
                      double[] pw, double pwScalar, double gradScale, float[] grad, float[] out) {
        double sum = 0.0;
        for (int j = 0; j < cols; j++) {
            int i = offset + j;
            double xi = x[i];
            double yi = y[i];
            double wj = w == null ? wScalar : w[j];
            double pwj = pw == null ? pwScalar : pw[j];
            double e = Math.exp(-Math.abs(xi));
            double r = 1.0 / (1.0 + e);
            double p = xi >= 0 ? r : e * r;
            double q = xi >= 0 ? e * r : r;
            double lg = Math.log1p(e);
            double b = wj * LossMath.bce(xi, yi, pwj, lg);
            double db = wj * ((1.0 - yi) * p - pwj * yi * q);
            // f = q^gamma = exp(-gamma * softplus(x)); df/dx = -gamma * p * f
            double f = gamma == 0.0 ? 1.0 : Math.exp(-gamma * (Math.max(xi, 0.0) + lg));
            double l = f * b;
            sum += l;
            if (out != null) out[i] = (float) l;
            if (grad != null) grad[i] = (float) (gradScale * f * (db - gamma * p * b));
        }
        return sum;
    }

    @Override
    public String toString() {
        return "OneSidedFocalLoss[gamma=" + gamma + ", " + weights + ", reducer=" + reducer() + "]";
    }
}
