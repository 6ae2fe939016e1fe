package dev.fewhot.loss;

import java.util.Objects;

/**
 * Binary cross-entropy on logits, PyTorch's {@code BCEWithLogitsLoss}:
 * {@code l = -w * [pw * y * log p + (1 - y) * log(1 - p)]}, p = sigmoid(x), evaluated stably as
 * {@code w * [(1 - y) * x + (1 + (pw - 1) * y) * softplus(-x)]}; derivative
 * {@code dl/dx = w * [(1 - y) * p - pw * y * (1 - p)]}.
 * Weight {@code w} and positive weight {@code pw} are per label ({@link BceWeights}); default
 * none. Finite and accurate for any finite logit.
 */
public final class BceWithLogits extends ElementwiseLoss {
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
    protected double computeRow(float[] logits, float[] targets, int offset, int cols, double gradScale,
                                float[] grad, float[] perElement) {
        LabelWeights w = weights.weight();
        LabelWeights pw = weights.posWeight();
        return row(logits, targets, offset, cols, w.vectorOrNull(), w.scalarValue(), pw.vectorOrNull(),
                pw.scalarValue(), gradScale, grad, perElement);
    }

    /**
     * Row kernel. Label j is element {@code offset + j}; {@code w[j]} / {@code pw[j]} when the
     * vectors are not null, else the scalars. Writes {@code gradScale * dl/dx} and l when the
     * outputs are not null; returns the sum of l.
     */
    static double row(float[] x, float[] y, int offset, int cols, double[] w, double wScalar, double[] pw,
                      double pwScalar, double gradScale, float[] grad, float[] out) {
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
            double l = wj * LossMath.bce(xi, yi, pwj, Math.log1p(e));
            sum += l;
            if (out != null) out[i] = (float) l;
            if (grad != null) grad[i] = (float) (gradScale * wj * ((1.0 - yi) * p - pwj * yi * q));
        }
        return sum;
    }

    @Override
    public String toString() {
        return "BceWithLogits[" + weights + ", reducer=" + reducer() + "]";
    }
}
