package dev.fewhot.loss;

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
public final class FocalLoss extends ElementwiseLoss {
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
    protected double computeRow(float[] logits, float[] targets, int offset, int cols, double gradScale,
                                float[] grad, float[] perElement) {
        LabelWeights w = weights.weight();
        LabelWeights pw = weights.posWeight();
        boolean useAlpha = settings.alpha().isPresent();
        return row(logits, targets, offset, cols, settings.gamma(), useAlpha,
                useAlpha ? settings.alpha().getAsDouble() : 0.0,
                w.vectorOrNull(), w.scalarValue(), pw.vectorOrNull(), pw.scalarValue(), gradScale, grad, perElement);
    }

    /** Row kernel (see {@link BceWithLogits#row}); {@code alpha} is ignored unless {@code useAlpha}. */
    static double row(float[] x, float[] y, int offset, int cols, double gamma, boolean useAlpha, double alpha,
                      double[] w, double wScalar, double[] pw, double pwScalar, double gradScale,
                      float[] grad, float[] out) {
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
            double ce = wj * LossMath.bce(xi, yi, pwj, lg);
            double dce = wj * ((1.0 - yi) * p - pwj * yi * q);
            // u = 1 - p_t = y*q + (1-y)*p; fw = u^gamma; dfw = d(u^gamma)/dx
            double fw;
            double dfw;
            if (gamma == 0.0) {
                fw = 1.0;
                dfw = 0.0;
            } else if (yi == 0.0) {          // u = p, log u = -softplus(-x), du/dx = p q
                fw = Math.exp(-gamma * (Math.max(-xi, 0.0) + lg));
                dfw = gamma * fw * q;
            } else if (yi == 1.0) {          // u = q, log u = -softplus(x), du/dx = -p q
                fw = Math.exp(-gamma * (Math.max(xi, 0.0) + lg));
                dfw = -gamma * fw * p;
            } else {                         // soft target: u >= min(y, 1-y) / 2 > 0
                double u = yi * q + (1.0 - yi) * p;
                fw = Math.exp(gamma * Math.log(u));
                dfw = gamma * fw * ((1.0 - 2.0 * yi) * p * q / u);
            }
            double at = useAlpha ? alpha * yi + (1.0 - alpha) * (1.0 - yi) : 1.0;
            double l = at * ce * fw;
            sum += l;
            if (out != null) out[i] = (float) l;
            if (grad != null) grad[i] = (float) (gradScale * at * (dce * fw + ce * dfw));
        }
        return sum;
    }

    @Override
    public String toString() {
        return "FocalLoss[" + settings + ", " + weights + ", reducer=" + reducer() + "]";
    }
}
