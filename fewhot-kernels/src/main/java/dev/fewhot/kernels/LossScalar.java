package dev.fewhot.kernels;

/**
 * The scalar double-precision loss code (the former row kernels of fewhot-core's loss classes):
 * the reference of the vector kernels' tests, and their fallback for the rare blocks where float
 * precision is not enough (a loss or gradient beyond the float range, NaN inputs).
 *
 * <p>Segment form: element k (0 &lt;= k &lt; n) is at {@code base + k} of x, y, grad and out; its
 * label weights are {@code w[wBase + k]} and {@code pw[wBase + k]} (null arrays = 1). Writes
 * {@code scale * dl/dx} and l when the outputs are not null; returns the sum of l.
 *
 * <p>Logit space throughout: with {@code e = exp(-|x|)} and {@code lg = log1p(e)},
 * {@code p = sigmoid(x)} and {@code q = 1 - p} are each {@code 1/(1+e)} or {@code e/(1+e)} (no
 * cancellation), {@code log p = -softplus(-x)}, {@code log(1 - p) = -softplus(x)} with
 * {@code softplus(z) = max(z, 0) + lg}.
 */
final class LossScalar {
    private LossScalar() {}

    /**
     * Weighted-positive BCE value without cancellation: {@code (1-y)*x + c*softplus(-x)} with
     * {@code c = (1-y) + pw*y} equals {@code (1-y)*x + c*lg} for x >= 0 and
     * {@code -pw*y*x + c*lg} for x &lt; 0, a sum of non-negative terms.
     */
    static double bceTerm(double x, double y, double pw, double lg) {
        double c = (1.0 - y) + pw * y;
        return (x >= 0 ? (1.0 - y) * x : -pw * y * x) + c * lg;
    }

    /** p = sigmoid(x), as the kernels compute it in double. */
    static double sigmoid(double x) {
        double e = Math.exp(-Math.abs(x));
        double r = 1.0 / (1.0 + e);
        return x >= 0 ? r : e * r;
    }

    /** q = 1 - sigmoid(x), as the kernels compute it in double. */
    static double sigmoidComplement(double x) {
        double e = Math.exp(-Math.abs(x));
        double r = 1.0 / (1.0 + e);
        return x >= 0 ? e * r : r;
    }

    private static double at(float[] a, int i) {
        return a == null ? 1.0 : a[i];
    }

    static double bce(float[] x, float[] y, int base, float[] w, float[] pw, int wBase, int n, double scale,
                      float[] grad, float[] out) {
        double sum = 0.0;
        for (int k = 0; k < n; k++) {
            int i = base + k;
            double xi = x[i];
            double yi = y[i];
            double wj = at(w, wBase + k);
            double pwj = at(pw, wBase + k);
            double e = Math.exp(-Math.abs(xi));
            double r = 1.0 / (1.0 + e);
            double p = xi >= 0 ? r : e * r;
            double q = xi >= 0 ? e * r : r;
            double l = wj * bceTerm(xi, yi, pwj, Math.log1p(e));
            sum += l;
            if (out != null) out[i] = (float) l;
            if (grad != null) grad[i] = (float) (scale * wj * ((1.0 - yi) * p - pwj * yi * q));
        }
        return sum;
    }

    static double positiveWeightedBce(float[] x, float[] y, int base, int n, double w, double scale,
                                      float[] grad, float[] out) {
        double sum = 0.0;
        for (int k = 0; k < n; k++) {
            int i = base + k;
            double xi = x[i];
            double yi = y[i];
            double e = Math.exp(-Math.abs(xi));
            double r = 1.0 / (1.0 + e);
            double p = xi >= 0 ? r : e * r;
            double q = xi >= 0 ? e * r : r;
            double f = yi > 0 ? yi * w : 1.0;
            double l = f * bceTerm(xi, yi, 1.0, Math.log1p(e));
            sum += l;
            if (out != null) out[i] = (float) l;
            if (grad != null) grad[i] = (float) (scale * f * ((1.0 - yi) * p - yi * q));
        }
        return sum;
    }

    static double focal(float[] x, float[] y, int base, float[] w, float[] pw, int wBase, int n, double gamma,
                        boolean useAlpha, double alpha, double scale, float[] grad, float[] out) {
        double sum = 0.0;
        for (int k = 0; k < n; k++) {
            int i = base + k;
            double xi = x[i];
            double yi = y[i];
            double wj = at(w, wBase + k);
            double pwj = at(pw, wBase + k);
            double e = Math.exp(-Math.abs(xi));
            double r = 1.0 / (1.0 + e);
            double p = xi >= 0 ? r : e * r;
            double q = xi >= 0 ? e * r : r;
            double lg = Math.log1p(e);
            double ce = wj * bceTerm(xi, yi, pwj, lg);
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
            double atw = useAlpha ? alpha * yi + (1.0 - alpha) * (1.0 - yi) : 1.0;
            double l = atw * ce * fw;
            sum += l;
            if (out != null) out[i] = (float) l;
            if (grad != null) grad[i] = (float) (scale * atw * (dce * fw + ce * dfw));
        }
        return sum;
    }

    static double oneSidedFocal(float[] x, float[] y, int base, float[] w, float[] pw, int wBase, int n,
                                double gamma, double scale, float[] grad, float[] out) {
        double sum = 0.0;
        for (int k = 0; k < n; k++) {
            int i = base + k;
            double xi = x[i];
            double yi = y[i];
            double wj = at(w, wBase + k);
            double pwj = at(pw, wBase + k);
            double e = Math.exp(-Math.abs(xi));
            double r = 1.0 / (1.0 + e);
            double p = xi >= 0 ? r : e * r;
            double q = xi >= 0 ? e * r : r;
            double lg = Math.log1p(e);
            double b = wj * bceTerm(xi, yi, pwj, lg);
            double db = wj * ((1.0 - yi) * p - pwj * yi * q);
            // f = q^gamma = exp(-gamma * softplus(x)); df/dx = -gamma * p * f
            double f = gamma == 0.0 ? 1.0 : Math.exp(-gamma * (Math.max(xi, 0.0) + lg));
            double l = f * b;
            sum += l;
            if (out != null) out[i] = (float) l;
            if (grad != null) grad[i] = (float) (scale * f * (db - gamma * p * b));
        }
        return sum;
    }

    static double asymmetric(float[] x, float[] y, int base, int n, double gammaNeg, double gammaPos, double clip,
                             double eps, boolean detached, double scale, float[] grad, float[] out) {
        double logEps = Math.log(eps);
        double sum = 0.0;
        for (int k = 0; k < n; k++) {
            int i = base + k;
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
            double b = yi * lPos + (1.0 - yi) * lNeg;
            double db = yi * dlPos + (1.0 - yi) * dlNeg;

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
            double l = -b * fw;
            sum += l;
            if (out != null) out[i] = (float) l;
            if (grad != null) {
                double d = detached ? -db * fw : -(db * fw + b * dfw);
                grad[i] = (float) (scale * d);
            }
        }
        return sum;
    }
}
