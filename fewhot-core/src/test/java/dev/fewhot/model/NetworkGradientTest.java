package dev.fewhot.model;

import dev.fewhot.kernels.Activation;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fewhot.data.CsrMatrix;
import dev.fewhot.data.DenseMatrix;
import dev.fewhot.data.Features;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Back-propagation checked against central finite differences of a linear functional of the logits. */
class NetworkGradientTest {

    @ParameterizedTest
    @CsvSource({"RELU,false,0", "GELU,false,0", "RELU,true,0", "GELU,true,1", "RELU,false,3", "GELU,true,3"})
    void backwardMatchesFiniteDifferences(Activation act, boolean sparse, int hiddenLayers) {
        SplittableRandom r = new SplittableRandom(11 + hiddenLayers);
        int n = 5, d = 7, L = 4;
        List<Integer> hidden = List.of(6, 5, 4).subList(0, hiddenLayers);
        ModelConfig cfg = new ModelConfig(d, hidden, L, act, 0.0);
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) x[i] = r.nextInt(3) == 0 ? 0f : (float) r.nextGaussian();
        Features f = new DenseMatrix(n, d, x);
        if (sparse) f = toCsr(n, d, x);
        Batch b = batchOf(f, n);
        float[] p = gaussians(r, cfg.parameterCount(), 0.5);
        float[] c = gaussians(r, n * L, 1);
        Network net = new Network(cfg, 1);
        net.forward(p, b, null);
        float[] g = new float[p.length];
        net.backward(p, b, c, g);
        double h = act == Activation.RELU ? 1e-3 : 1e-2; // small steps keep ReLU kinks out of the difference
        int checked = 0;
        for (int i = 0; i < p.length; i++) {
            float keep = p[i];
            p[i] = (float) (keep + h);
            double up = objective(net.forward(p, b, null), c);
            p[i] = (float) (keep - h);
            double down = objective(net.forward(p, b, null), c);
            p[i] = keep;
            double fd = (up - down) / (2 * h);
            assertEquals(fd, g[i], 2e-2 * Math.max(1, Math.abs(fd)), "param " + i + " of " + p.length);
            checked++;
        }
        assertEquals(p.length, checked);
    }

    /**
     * The passes split over threads (ReLU backward, the bias gradients' column sums, the
     * products) give the same bits as one thread: shapes above {@link dev.fewhot.kernels.KernelPool#PARALLEL_MIN_ELEMENTS},
     * with a width that is not a multiple of the vector length.
     */
    @ParameterizedTest
    @CsvSource({"RELU", "GELU"})
    void gradientsAreTheSameBitsOnOneAndTwoThreads(Activation act) {
        SplittableRandom r = new SplittableRandom(29);
        int n = 256, d = 40, L = 150;
        ModelConfig cfg = new ModelConfig(d, List.of(300), L, act, 0.0);
        assertTrue((long) n * 300 >= dev.fewhot.kernels.KernelPool.PARALLEL_MIN_ELEMENTS && (long) n * L >= dev.fewhot.kernels.KernelPool.PARALLEL_MIN_ELEMENTS);
        Batch b = batchOf(new DenseMatrix(n, d, gaussians(r, n * d, 1)), n);
        float[] p = gaussians(r, cfg.parameterCount(), 0.2);
        float[] c = gaussians(r, n * L, 1);
        float[] c0 = c.clone();
        float[][] grads = new float[2][];
        float[][] logits = new float[2][];
        for (int t = 1; t <= 2; t++) {
            Network net = new Network(cfg, t);
            logits[t - 1] = net.forward(p, b, null).clone();
            grads[t - 1] = new float[p.length];
            net.backward(p, b, c, grads[t - 1]);
        }
        assertArrayEquals(logits[0], logits[1]);
        assertArrayEquals(c0, c, "backward reads the logits' gradient and leaves it as it was");
        for (int i = 0; i < p.length; i++) {
            assertEquals(Float.floatToRawIntBits(grads[0][i]), Float.floatToRawIntBits(grads[1][i]), "param " + i);
        }
    }

    /** A batch holding the n rows of f. */
    private static Batch batchOf(Features f, int n) {
        Batch b = Batch.forFeatures(f);
        b.fill(f, null, 0, n);
        return b;
    }

    /** len draws of N(0, scale^2), as floats. */
    private static float[] gaussians(SplittableRandom r, int len, double scale) {
        float[] v = new float[len];
        for (int i = 0; i < len; i++) v[i] = (float) (r.nextGaussian() * scale);
        return v;
    }

    private static double objective(float[] logits, float[] c) {
        double s = 0;
        for (int i = 0; i < c.length; i++) s += (double) logits[i] * c[i];
        return s;
    }

    static CsrMatrix toCsr(int n, int d, float[] x) {
        int nnz = 0;
        for (float v : x) if (v != 0f) nnz++;
        int[] ptr = new int[n + 1], idx = new int[nnz];
        float[] val = new float[nnz];
        int k = 0;
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < d; j++) if (x[r * d + j] != 0f) { idx[k] = j; val[k++] = x[r * d + j]; }
            ptr[r + 1] = k;
        }
        return new CsrMatrix(n, d, ptr, idx, val);
    }
}
