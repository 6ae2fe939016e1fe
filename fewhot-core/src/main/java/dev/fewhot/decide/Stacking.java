package dev.fewhot.decide;

import dev.fewhot.data.LabelSets;
import dev.fewhot.data.Subsets;
import java.util.Arrays;

/**
 * Stacked binary relevance: a second level that scores each label again from the first level's
 * probabilities of all the labels, so that labels that go together lift or lower each other.
 * {@code p'_j = sigmoid(b_j + sum_i w_ji p_i)}: one logistic regression per label j over the L
 * first-level probabilities, with the penalty {@code lambda/2 ||w_j||^2} on the weights (the bias
 * free; {@code lambda =} {@value #L2}, scikit-learn's {@code C = 1}), fitted by Newton's method
 * on held-out first-level probabilities (rows scored by models that did not train on them).
 * Godbole and Sarawagi (2004), "Discriminative methods for multi-labeled classification";
 * Tsoumakas et al. (2009), "Correlation-based pruning of stacked binary relevance models".
 *
 * <p>The inputs may be wider than the labels (the networks' and a forest's probabilities side by
 * side). {@link #choose} decides how much of the second level to mix into the first: it scores
 * every held-out row with a second level fitted on the other rows ({@value #FOLDS} folds) and
 * takes the share of {@link #SHARES} with the best P@1 plus best micro-F1, the criterion of
 * {@link Blend#choose}. Immutable.
 */
public final class Stacking {
    /** The L2 penalty on the weights (the bias is not penalised). */
    public static final double L2 = 1.0;
    /** Folds of the held-out rows that {@link #choose} scores the second level on. */
    public static final int FOLDS = 5;
    /** The most second-level inputs a row (labels, or 2 x labels with a forest's probabilities beside the networks'). */
    public static final int MAX_INPUTS = 64;
    /** The most rows x labels x (inputs + 1)^2 (one Newton step of every label) {@link #affordable} allows. */
    public static final long MAX_WORK = 200_000_000L;
    private static final int MAX_NEWTON_STEPS = 50;
    private static final double STEP_TOLERANCE = 1e-9;

    private final int labels;
    /** Inputs a row: the first level's probabilities (labels, or more: e.g. two models' side by side). */
    private final int inputs;
    /** labels x inputs, row j the weights of output label j over the input probabilities. */
    private final float[] weights;
    private final float[] bias;

    /**
     * @param weights labels x labels, row-major: {@code weights[j * labels + i]} is w_ji (copied)
     * @param bias    b_j of every label (copied)
     */
    public Stacking(float[] weights, float[] bias) {
        this(weights, bias, bias.length);
    }

    /**
     * @param weights labels x inputs, row-major (copied)
     * @param bias    b_j of every label (copied)
     * @param inputs  first-level values a row
     */
    public Stacking(float[] weights, float[] bias, int inputs) {
        int n = bias.length;
        if (n < 1) throw new IllegalArgumentException("stacking: needs at least one label, got 0");
        if (inputs < 1) throw new IllegalArgumentException("stacking: inputs must be >= 1, got " + inputs);
        if (weights.length != (long) n * inputs) {
            throw new IllegalArgumentException("stacking: weights must have " + n + " x " + inputs + " values for " + n
                    + " labels, got " + weights.length);
        }
        for (int i = 0; i < weights.length; i++) {
            if (!Float.isFinite(weights[i])) throw new IllegalArgumentException("stacking: weights[" + i + "] must be finite, got " + weights[i]);
        }
        for (int j = 0; j < n; j++) {
            if (!Float.isFinite(bias[j])) throw new IllegalArgumentException("stacking: bias[" + j + "] must be finite, got " + bias[j]);
        }
        this.labels = n;
        this.inputs = inputs;
        this.weights = weights.clone();
        this.bias = bias.clone();
    }

    /** Number of labels (outputs). */
    public int labels() { return labels; }

    /** First-level values a row (inputs). */
    public int inputs() { return inputs; }

    /** A copy of the weights, labels x inputs, row j those of output label j. */
    public float[] weights() { return weights.clone(); }

    /** A copy of the biases. */
    public float[] bias() { return bias.clone(); }

    /** Whether {@link #choose} is cheap enough for this many held-out rows, labels and inputs a row. */
    public static boolean affordable(int rows, int labels, int inputs) {
        return labels >= 2 && inputs <= MAX_INPUTS && rows >= 2 * FOLDS
                && (long) rows * labels * (inputs + 1L) * (inputs + 1L) <= MAX_WORK;
    }

    /**
     * The second level's probabilities (or its logits) of {@code rows} rows of inputs
     * {@code in[inOff ..]} (rows x inputs) into {@code out[outOff ..]} (rows x labels); the two
     * ranges must not overlap.
     */
    public void apply(float[] in, int inOff, int rows, float[] out, int outOff, boolean probabilities) {
        for (int r = 0; r < rows; r++) {
            int row = inOff + r * inputs;
            for (int j = 0; j < labels; j++) {
                double z = logit(in, row, j);
                out[outOff + r * labels + j] = probabilities ? sigmoid(z) : (float) z;
            }
        }
    }

    /** {@code b_j + sum_i w_ji p_i} of the row of probabilities at {@code in[row ..]}. */
    private double logit(float[] in, int row, int j) {
        double z = bias[j];
        int w = j * inputs;
        for (int i = 0; i < inputs; i++) z += (double) weights[w + i] * in[row + i];
        return z;
    }

    /** The second level's probabilities of every row of inputs {@code probs} (rows x inputs), into a new array. */
    public float[] apply(float[] probs) {
        if (probs.length % inputs != 0) throw new IllegalArgumentException("stacking: " + probs.length + " scores for " + inputs + " inputs");
        int rows = probs.length / inputs;
        float[] out = new float[Math.multiplyExact(rows, labels)];
        apply(probs, 0, rows, out, 0, true);
        return out;
    }

    private static float sigmoid(double z) {
        return (float) (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
    }

    /** The second level fitted on every row of held-out inputs {@code probs} (rows x inputs) with labels {@code truth}. */
    public static Stacking fit(float[] probs, LabelSets truth) {
        int[] all = new int[truth.rows()];
        for (int i = 0; i < all.length; i++) all[i] = i;
        return fit(probs, truth, all);
    }

    /** The second level fitted on the given rows of {@code probs} and {@code truth}. */
    static Stacking fit(float[] probs, LabelSets truth, int[] rows) {
        int L = truth.numLabels();
        if (truth.rows() == 0 || probs.length % truth.rows() != 0 || probs.length / truth.rows() < 1) {
            throw new IllegalArgumentException("stacking: scores must have a multiple of " + truth.rows() + " values, got " + probs.length);
        }
        int D = probs.length / truth.rows();
        float[] targets = new float[Math.multiplyExact(truth.rows(), L)];
        truth.densify(null, 0, truth.rows(), targets);
        boolean[] positive = new boolean[targets.length]; // a listed label is positive, whatever its soft value
        for (int i = 0; i < targets.length; i++) positive[i] = targets[i] > 0;
        float[] weights = new float[L * D], bias = new float[L];
        double[] theta = new double[D + 1];
        Newton newton = new Newton(D + 1);
        for (int j = 0; j < L; j++) {
            int pos = 0;
            for (int r : rows) if (positive[r * L + j]) pos++;
            if (pos == 0 || pos == rows.length) {
                // one class only: the free bias would run to infinity; take the smoothed frequency
                bias[j] = (float) Math.log((pos + 0.5) / (rows.length - pos + 0.5));
                continue;
            }
            Arrays.fill(theta, 0);
            newton.solve(probs, positive, rows, D, L, j, theta);
            bias[j] = (float) theta[0];
            for (int i = 0; i < D; i++) weights[j * D + i] = (float) theta[i + 1];
        }
        return new Stacking(weights, bias, D);
    }

    /** Newton's method for one label's penalised logistic regression, its buffers reused across labels. */
    private static final class Newton {
        private final int d;
        private final double[] gradient, hessian, step, trial;

        Newton(int d) {
            this.d = d;
            gradient = new double[d];
            hessian = new double[d * d];
            step = new double[d];
            trial = new double[d];
        }

        /** Minimises the penalised log-loss of label j from theta (bias first, then the weights) in place. */
        void solve(float[] probs, boolean[] positive, int[] rows, int D, int L, int j, double[] theta) {
            double loss = objective(probs, positive, rows, D, L, j, theta);
            for (int it = 0; it < MAX_NEWTON_STEPS; it++) {
                gradientAndHessian(probs, positive, rows, D, L, j, theta);
                cholesky();
                solveInPlace();
                // backtracking: halve the step until the objective does not rise
                double scale = 1, next = Double.POSITIVE_INFINITY;
                for (int h = 0; h < 30; h++) {
                    for (int i = 0; i < d; i++) trial[i] = theta[i] - scale * step[i];
                    next = objective(probs, positive, rows, D, L, j, trial);
                    if (next <= loss) break;
                    scale /= 2;
                }
                if (!(next <= loss)) return;
                double largest = 0;
                for (int i = 0; i < d; i++) largest = Math.max(largest, Math.abs(scale * step[i]));
                System.arraycopy(trial, 0, theta, 0, d);
                loss = next;
                if (largest < STEP_TOLERANCE) return;
            }
        }

        /** sum of log(1 + e^z) - y z over the rows, plus lambda/2 ||w||^2. */
        private static double objective(float[] probs, boolean[] positive, int[] rows, int D, int L, int j, double[] theta) {
            double sum = 0;
            for (int r : rows) {
                double z = linear(probs, r * D, D, theta);
                // log(1 + e^z) without overflow
                double softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
                sum += softplus - (positive[r * L + j] ? z : 0);
            }
            double penalty = 0;
            for (int i = 1; i < theta.length; i++) penalty += theta[i] * theta[i];
            return sum + 0.5 * L2 * penalty;
        }

        private static double linear(float[] probs, int row, int D, double[] theta) {
            double z = theta[0];
            for (int i = 0; i < D; i++) z += theta[i + 1] * probs[row + i];
            return z;
        }

        /** The objective's gradient and Hessian (upper triangle, then mirrored) at theta. */
        private void gradientAndHessian(float[] probs, boolean[] positive, int[] rows, int D, int L, int j, double[] theta) {
            Arrays.fill(gradient, 0);
            Arrays.fill(hessian, 0);
            double[] x = trial; // the row's inputs with a leading 1
            for (int r : rows) {
                int row = r * D;
                x[0] = 1;
                for (int i = 0; i < D; i++) x[i + 1] = probs[row + i];
                double p = 1 / (1 + Math.exp(-linear(probs, row, D, theta)));
                double residual = p - (positive[r * L + j] ? 1 : 0), curvature = p * (1 - p);
                for (int a = 0; a < d; a++) {
                    gradient[a] += residual * x[a];
                    double cx = curvature * x[a];
                    int at = a * d;
                    for (int b = a; b < d; b++) hessian[at + b] += cx * x[b];
                }
            }
            for (int a = 1; a < d; a++) {
                gradient[a] += L2 * theta[a];
                hessian[a * d + a] += L2;
            }
            hessian[0] += 1e-12; // the free bias: keep the matrix definite when every curvature vanishes
            for (int a = 0; a < d; a++) {
                for (int b = a + 1; b < d; b++) hessian[b * d + a] = hessian[a * d + b];
            }
        }

        /** Cholesky factor of the Hessian in its lower triangle (the matrix is positive definite). */
        private void cholesky() {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b <= a; b++) {
                    double s = hessian[a * d + b];
                    for (int k = 0; k < b; k++) s -= hessian[a * d + k] * hessian[b * d + k];
                    hessian[a * d + b] = a == b ? Math.sqrt(Math.max(s, 1e-300)) : s / hessian[b * d + b];
                }
            }
        }

        /** step = Hessian^-1 gradient from the Cholesky factor. */
        private void solveInPlace() {
            for (int a = 0; a < d; a++) {
                double s = gradient[a];
                for (int k = 0; k < a; k++) s -= hessian[a * d + k] * step[k];
                step[a] = s / hessian[a * d + a];
            }
            for (int a = d - 1; a >= 0; a--) {
                double s = step[a];
                for (int k = a + 1; k < d; k++) s -= hessian[k * d + a] * step[k];
                step[a] = s / hessian[a * d + a];
            }
        }
    }

    /** The second level's shares of the final probability tried by {@link #choose}: none, half, all. */
    public static final double[] SHARES = {0.0, 0.5, 1.0};

    /**
     * Whether stacking pays on these held-out probabilities, and how much of it: each row is
     * scored by a second level fitted on the other folds' rows ({@value #FOLDS} seeded folds), and
     * the second level's share s of {@link #SHARES} in {@code (1 - s) * first + s * second} is the
     * one with the highest P@1 + best micro-F1 on the held-out rows (a tie keeps the smaller share;
     * 0 is the first level alone).
     *
     * @param probs held-out first-level probabilities, rows x labels (also the second level's inputs)
     * @param truth the rows' label sets
     * @param seed  seeds the folds
     */
    public static Choice choose(float[] probs, LabelSets truth, long seed) {
        return choose(probs, probs, truth, seed);
    }

    /**
     * {@link #choose(float[], LabelSets, long)} with second-level inputs other than the first
     * level's probabilities (e.g. two models' probabilities side by side, rows x inputs).
     *
     * @param inputs     the second level's inputs of the held-out rows, rows x inputs
     * @param firstLevel the first level's probabilities of the same rows, rows x labels
     */
    public static Choice choose(float[] inputs, float[] firstLevel, LabelSets truth, long seed) {
        int n = truth.rows(), L = truth.numLabels();
        if (n < FOLDS) throw new IllegalArgumentException("stacking: needs at least " + FOLDS + " held-out rows, got " + n);
        if (firstLevel.length != (long) n * L) {
            throw new IllegalArgumentException("stacking: first-level scores must have " + (long) n * L + " values, got " + firstLevel.length);
        }
        int D = inputs.length / n;
        float[] stacked = new float[firstLevel.length];
        for (int[] fold : Subsets.folds(n, FOLDS, seed)) {
            Stacking s = fit(inputs, truth, Subsets.complement(n, fold));
            for (int r : fold) s.apply(inputs, r * D, 1, stacked, r * L, true);
        }
        double[] criteria = new double[SHARES.length];
        int best = 0;
        float[] bestMix = firstLevel;
        for (int i = 0; i < SHARES.length; i++) {
            float[] mix = SHARES[i] == 0 ? firstLevel : Blend.mix(stacked, firstLevel, SHARES[i]);
            criteria[i] = criterion(mix, truth);
            if (criteria[i] > criteria[best]) {
                best = i;
                bestMix = mix;
            }
        }
        double share = SHARES[best];
        return new Choice(share > 0 ? fit(inputs, truth) : null, share, criteria, bestMix);
    }

    private static double criterion(float[] probs, LabelSets truth) {
        return Blend.precisionAt1(probs, truth) + ThresholdTuning.bestMicroF1(probs, truth);
    }

    /**
     * What {@link #choose} found.
     *
     * @param stacking the second level fitted on every held-out row, or null when its share is 0
     * @param share    the second level's share of the final probability, from {@link #SHARES}
     * @param criteria P@1 + best micro-F1 on the held-out rows of each share of {@link #SHARES}
     * @param heldOut  the held-out probabilities the decision rule is tuned on: the chosen mix of
     *                 the first level's and the second level's out of fold
     */
    public record Choice(Stacking stacking, double share, double[] criteria, float[] heldOut) {
        public Choice {
            criteria = criteria.clone();
        }

        @Override
        public double[] criteria() { return criteria.clone(); }

        /** Whether stacking was kept (a share above 0). */
        public boolean kept() { return stacking != null; }

        /** One line for the provenance. */
        public String describe(int rows) {
            StringBuilder tried = new StringBuilder();
            for (int i = 0; i < SHARES.length; i++) {
                tried.append(i == 0 ? "" : ", ").append(SHARES[i]).append(": ")
                        .append(String.format(java.util.Locale.ROOT, "%.4f", criteria[i]));
            }
            return (kept() ? "kept, share " + share : "not kept") + ": P@1 + best micro-F1 on " + rows
                    + " held-out rows by the second level's share, out of " + FOLDS + " folds (" + tried + ")";
        }
    }
}
