package dev.fewhot.loss;

import java.util.Objects;

/**
 * The distribution-balanced loss of Wu et al., "Distribution-Balanced Loss for Multi-Label
 * Classification in Long-Tailed Datasets" (ECCV 2020), without its optional focal term:
 * re-balanced weighting times the negative-tolerant regularisation (NTR).
 *
 * <p>With N training rows, n_j positives of label j, targets y and logits z of a row:
 * <ul>
 * <li>re-balancing weight, the same for every label j of row i (positive or negative):
 *     {@code r_ij = P^C_j / P^I_i = (1/n_j) / sum_k y_ik / n_k} (the 1/C factors cancel; soft
 *     targets weigh their label), smoothed {@code w_ij = alpha + sigmoid(beta (r_ij - mu))}.
 *     A row without positives has r = +inf, so w = alpha + 1 (as in the authors' code); a label
 *     without training positives counts as n_j = 1.</li>
 * <li>NTR: {@code l_ij = w_ij [y log(1 + e^{-(z - nu_j)}) + (1/lambda)(1 - y) log(1 + e^{lambda (z - nu_j)})]}
 *     with {@code nu_j = kappa * b̂_j}, {@code b̂_j = log(p_j / (1 - p_j))}, {@code p_j = n_j / N}
 *     ({@link DbSettings.NtrBias} for the authors' code's convention); n_j is clamped to
 *     [0.5, N - 0.5] inside b̂ so that it stays finite.</li>
 * <li>gradient (exact; the weights depend on the targets only):
 *     {@code dl/dz = w [-y sigmoid(-(z - nu)) + (1 - y) sigmoid(lambda (z - nu))]}.</li>
 * </ul>
 * Defaults: {@link DbSettings#defaults()} and mean reduction (the authors' code).
 * Computed in double per element (no Vector API kernel); stable for any finite logit.
 */
public final class DistributionBalancedLoss extends ElementwiseLoss {
    private final DbSettings settings;
    private final LabelCounts counts;
    private final double[] invCount;
    private final double[] nu;

    /**
     * @param settings the hyper-parameters, e.g. {@link DbSettings#defaults()}
     * @param counts   the training label frequencies (their number of labels must match every batch)
     * @param reducer  reduction, e.g. {@link Reduction#MEAN}
     */
    public DistributionBalancedLoss(DbSettings settings, LabelCounts counts, Reducer reducer) {
        super(reducer);
        this.settings = Objects.requireNonNull(settings, "settings must not be null (e.g. DbSettings.defaults())");
        this.counts = Objects.requireNonNull(counts, "counts must not be null (the training label frequencies)");
        int L = counts.labels();
        int n = counts.rows();
        invCount = new double[L];
        nu = new double[L];
        for (int j = 0; j < L; j++) {
            int nj = counts.count(j);
            invCount[j] = 1.0 / Math.max(nj, 1);
            double prior = Math.log(Math.max(nj, 0.5) / Math.max(n - nj, 0.5));
            nu[j] = settings.bias() == DbSettings.NtrBias.PAPER ? settings.kappa() * prior
                    : -settings.kappa() * prior / settings.lambda();
        }
    }

    /** The settings. */
    public DbSettings settings() { return settings; }

    /** The training label frequencies. */
    public LabelCounts counts() { return counts; }

    /** The class-specific bias nu_j of label j. */
    public double bias(int label) { return nu[label]; }

    /**
     * The re-balancing weight of every label of a row with targets {@code y[offset .. offset + cols)}:
     * writes {@code alpha + sigmoid(beta (r_j - mu))} into {@code out[0 .. cols)}.
     */
    public void rowWeights(float[] y, int offset, int cols, double[] out) {
        checkCols(cols);
        double pI = 0;
        for (int j = 0; j < cols; j++) pI += y[offset + j] * invCount[j];
        for (int j = 0; j < cols; j++) {
            double r = pI > 0 ? invCount[j] / pI : Double.POSITIVE_INFINITY;
            out[j] = settings.alpha() + sigmoid(settings.beta() * (r - settings.mu()));
        }
    }

    @Override
    protected void checkCols(int cols) {
        if (cols != invCount.length) {
            throw new IllegalArgumentException("counts: the distribution-balanced loss was built for " + invCount.length
                    + " labels but the batch has cols = " + cols + " labels");
        }
    }

    @Override
    protected double computeRow(float[] logits, float[] targets, int offset, int cols, double gradScale,
                                float[] grad, float[] perElement) {
        double pI = 0;
        for (int j = 0; j < cols; j++) pI += targets[offset + j] * invCount[j];
        double a = settings.alpha(), b = settings.beta(), mu = settings.mu(), lam = settings.lambda();
        double sum = 0;
        for (int j = 0; j < cols; j++) {
            int i = offset + j;
            double y = targets[i];
            double r = pI > 0 ? invCount[j] / pI : Double.POSITIVE_INFINITY;
            double w = a + sigmoid(b * (r - mu));
            double z = (double) logits[i] - nu[j];
            double l = 0, g = 0;
            if (y > 0) {
                l += y * softplus(-z);
                g -= y * sigmoid(-z);
            }
            if (y < 1) {
                l += (1 - y) / lam * softplus(lam * z);
                g += (1 - y) * sigmoid(lam * z);
            }
            l *= w;
            sum += l;
            if (grad != null) grad[i] = (float) (gradScale * w * g);
            if (perElement != null) perElement[i] = (float) l;
        }
        return sum;
    }

    static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    static double sigmoid(double x) {
        if (x >= 0) return 1.0 / (1.0 + Math.exp(-x));
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    @Override
    public String toString() {
        return "DistributionBalancedLoss[" + settings + ", " + counts + ", reducer=" + reducer() + "]";
    }
}
