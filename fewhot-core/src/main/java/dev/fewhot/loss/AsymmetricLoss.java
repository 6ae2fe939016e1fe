package dev.fewhot.loss;

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
public final class AsymmetricLoss extends ElementwiseLoss {
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
    protected double computeRow(float[] logits, float[] targets, int offset, int cols, double gradScale,
                                float[] grad, float[] perElement) {
        AslSettings s = settings;
        return row(logits, targets, offset, cols, s.gammaNeg(), s.gammaPos(), s.clip(), s.eps(),
                s.focusing() == FocusingGradient.DETACHED, gradScale, grad, perElement);
    }

    /** Row kernel (see {@link BceWithLogits#row}). */
    static double row(float[] x, float[] y, int offset, int cols, double gammaNeg, double gammaPos, double clip,
                      double eps, boolean detached, double gradScale, float[] grad, float[] out) {
        double logEps = Math.log(eps);
        double sum = 0.0;
        for (int j = 0; j < cols; j++) {
            int i = offset + j;
            double xi = x[i];
            double yi = y[i];
            double e = Math.exp(-Math.abs(xi));
            double r = 1.0 / (1.0 + e);
            double p = xi >= 0 ? r : e * r;
            double q = xi >= 0 ? e * r : r;
            double lg = Math.log1p(e);

            // L+ = log(max(p, eps)), in logit space: log p = -softplus(-x), d/dx = q
            double lPos;
            double dlPos;
            if (p >= eps) {
                lPos = -(Math.max(-xi, 0.0) + lg);
                dlPos = q;
            } else {
                lPos = logEps;
                dlPos = 0.0;
            }
            // p_m = max(p - clip, 0) (the reference's xs_neg = min(q + clip, 1) = 1 - p_m)
            double pm;
            double dpm;
            double lNeg;
            double dlNeg;
            if (clip > 0.0) {
                if (p > clip) {
                    pm = p - clip;
                    dpm = p * q;
                    double xsNeg = q + clip;
                    if (xsNeg >= eps) {
                        lNeg = Math.log(xsNeg);
                        dlNeg = -p * q / xsNeg;
                    } else {
                        lNeg = logEps;
                        dlNeg = 0.0;
                    }
                } else {
                    pm = 0.0;
                    dpm = 0.0;
                    lNeg = eps > 1.0 ? logEps : 0.0;     // log(max(1, eps))
                    dlNeg = 0.0;
                }
            } else {
                pm = p;
                dpm = p * q;
                if (q >= eps) {
                    lNeg = -(Math.max(xi, 0.0) + lg);
                    dlNeg = -p;
                } else {
                    lNeg = logEps;
                    dlNeg = 0.0;
                }
            }
            double base = yi * lPos + (1.0 - yi) * lNeg;
            double dbase = yi * dlPos + (1.0 - yi) * dlNeg;

            // focusing weight fw = u^g, u = 1 - pt = y q + (1-y) p_m; dfw = d(fw)/dx
            double g = gammaPos * yi + gammaNeg * (1.0 - yi);
            double fw;
            double dfw;
            if (g == 0.0) {
                fw = 1.0;
                dfw = 0.0;
            } else if (yi == 1.0) {                  // u = q: log u = -softplus(x), du/dx = -p q
                fw = Math.exp(-g * (Math.max(xi, 0.0) + lg));
                dfw = -g * fw * p;
            } else if (yi == 0.0) {                  // u = p_m
                if (pm == 0.0) {
                    fw = 0.0;
                    dfw = 0.0;
                } else if (clip > 0.0) {
                    double lu = Math.log(pm);
                    fw = Math.exp(g * lu);
                    dfw = g * Math.exp((g - 1.0) * lu) * dpm;
                } else {                             // u = p: log u = -softplus(-x), du/dx = p q
                    fw = Math.exp(-g * (Math.max(-xi, 0.0) + lg));
                    dfw = g * fw * q;
                }
            } else {                                 // soft target: u > 0
                double u = yi * q + (1.0 - yi) * pm;
                double lu = Math.log(u);
                fw = Math.exp(g * lu);
                dfw = g * Math.exp((g - 1.0) * lu) * (-yi * p * q + (1.0 - yi) * dpm);
            }
            double l = -base * fw;
            sum += l;
            if (out != null) out[i] = (float) l;
            if (grad != null) {
                double d = detached ? -dbase * fw : -(dbase * fw + base * dfw);
                grad[i] = (float) (gradScale * d);
            }
        }
        return sum;
    }

    @Override
    public String toString() {
        return "AsymmetricLoss[" + settings + ", reducer=" + reducer() + "]";
    }
}
