package dev.fewhot.data.synth;

import dev.fewhot.data.RowSink;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Generates seed-shaped few-hot data, deterministically from {@link FewHotSettings#seed()}.
 *
 * <p>The model: label j has popularity {@code pi_j ~ (j + 1 + q)^-a} (label 0 the most popular,
 * so ids double as popularity ranks); a row draws {@code k = min(1 + Poisson(lambda), kmax)}
 * distinct labels with probability proportional to pi (sequential sampling without replacement,
 * done by rejecting repeats). Each label has two Gaussian prototypes u_j and v_j in R^D; a row
 * with label set Y and a random sign s in {-1, +1} gets
 * {@code x = tanh(linearAmp * sum_Y u_j + nonlinearAmp * s * sum_Y v_j + noise * eps)}, rounded
 * to the settings' decimals. The u part is visible to a linear model; the v part flips sign with
 * s, so only a non-linear model (a ReLU MLP can form |&lt;x, v_j&gt;|) can use it: an MLP beats a
 * linear model. The same family as the PyTorch peer's generator, written independently (its
 * random streams differ, so the files differ).
 *
 * <p>Train and test rows come from one label/prototype draw and independent row streams.
 */
public final class FewHotGenerator {
    /** The splits a generator produces. */
    public enum Split { TRAIN, TEST }

    private final FewHotSettings s;
    private final double[] cdf;      // cumulative popularity, cdf[L-1] == 1
    private final float[] proto;     // [L][2][D]: u_j then v_j
    private final double scale;

    public FewHotGenerator(FewHotSettings settings) {
        this.s = settings;
        int L = settings.labels(), D = settings.features();
        cdf = new double[L];
        double acc = 0;
        for (int j = 0; j < L; j++) {
            acc += Math.pow(j + 1 + settings.zipfOffset(), -settings.zipfExponent());
            cdf[j] = acc;
        }
        for (int j = 0; j < L; j++) cdf[j] /= acc;
        cdf[L - 1] = 1.0;
        SplittableRandom rng = new SplittableRandom(settings.seed());
        proto = new float[Math.multiplyExact(Math.multiplyExact(L, 2), D)];
        for (int i = 0; i < proto.length; i++) proto[i] = (float) rng.nextGaussian();
        scale = Math.pow(10, settings.decimals());
    }

    /** The settings this generator uses. */
    public FewHotSettings settings() { return s; }

    /** Popularity of label j (normalised to sum 1). */
    public double popularity(int j) {
        return j == 0 ? cdf[0] : cdf[j] - cdf[j - 1];
    }

    /** Streams the rows of one split into the sink, dense features, hard labels. */
    public void generate(Split split, RowSink sink) {
        int n = split == Split.TRAIN ? s.trainRows() : s.testRows();
        int L = s.labels(), D = s.features();
        // independent, reproducible streams per split
        SplittableRandom rng = new SplittableRandom(s.seed() * 0x9E3779B97F4A7C15L + (split == Split.TRAIN ? 1 : 2));
        int kmax = Math.min(s.maxPositives(), L);
        int[] labels = new int[kmax];
        int[] featIdx = new int[D];
        float[] featVal = new float[D];
        for (int d = 0; d < D; d++) featIdx[d] = d;
        double[] h = new double[D];
        sink.begin(n, D, L);
        for (int r = 0; r < n; r++) {
            int k = Math.min(1 + poisson(rng, s.lambda()), kmax);
            drawLabels(rng, labels, k);
            Arrays.sort(labels, 0, k);
            double sign = rng.nextBoolean() ? 1.0 : -1.0;
            for (int d = 0; d < D; d++) h[d] = s.noise() * rng.nextGaussian();
            double lin = s.linearAmp(), nl = s.nonlinearAmp() * sign;
            for (int i = 0; i < k; i++) {
                int ub = labels[i] * 2 * D, vb = ub + D;
                for (int d = 0; d < D; d++) h[d] += lin * proto[ub + d] + nl * proto[vb + d];
            }
            int nnz = 0;
            for (int d = 0; d < D; d++) {
                float v = (float) (Math.rint(Math.tanh(h[d]) * scale) / scale);
                if (v != 0f) {
                    featIdx[nnz] = d;
                    featVal[nnz++] = v;
                }
            }
            sink.row(labels, null, k, featIdx, featVal, nnz);
        }
    }

    private void drawLabels(SplittableRandom rng, int[] out, int k) {
        int got = 0;
        while (got < k) {
            int j = sampleLabel(rng.nextDouble());
            boolean seen = false;
            for (int i = 0; i < got; i++) if (out[i] == j) { seen = true; break; }
            if (!seen) out[got++] = j;
        }
    }

    private int sampleLabel(double u) {
        int idx = Arrays.binarySearch(cdf, u);
        if (idx < 0) idx = -idx - 1;
        return Math.min(idx, cdf.length - 1);
    }

    /** Poisson(lambda) by multiplying uniforms (Knuth), in log space for stability. */
    static int poisson(SplittableRandom rng, double lambda) {
        if (lambda == 0) return 0;
        double limit = -lambda, acc = 0;
        int k = 0;
        while (true) {
            acc += Math.log(1.0 - rng.nextDouble());
            if (acc < limit) return k;
            k++;
        }
    }
}
