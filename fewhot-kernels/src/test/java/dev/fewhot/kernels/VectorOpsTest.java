package dev.fewhot.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class VectorOpsTest {

    static float[] randoms(Random rnd, int n, float scale) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (rnd.nextFloat() * 2f - 1f) * scale;
        return x;
    }

    static double geluRef(double x) {
        return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
    }

    @Test
    void expIsAccurate() {
        for (float x = -87f; x <= 88f; x += 0.0137f) {
            double want = Math.exp(x);
            assertEquals(want, VectorOps.exp(x), want * 4e-7, "exp(" + x + ")");
        }
        assertEquals(0f, VectorOps.exp(-1000f), 1e-37f);
        assertTrue(Float.isNaN(VectorOps.exp(Float.NaN)));
    }

    @Test
    void activationsVectorMatchScalarBitForBit() {
        Random rnd = new Random(1);
        for (int n : new int[] {1, 5, 16, 17, 33, 100}) {
            float[] x = randoms(rnd, n + 3, 12f);
            float[] bias = randoms(rnd, n + 1, 1f);
            for (Activation act : Activation.values()) {
                float[] y = x.clone();
                VectorOps.biasActivation(y, 3, n, bias, 1, act);
                for (int i = 0; i < 3; i++) assertEquals(x[i], y[i]);
                for (int j = 0; j < n; j++) {
                    float v = x[3 + j] + bias[1 + j];
                    float want = act == Activation.RELU ? Math.max(v, 0f) : act == Activation.GELU ? VectorOps.gelu(v) : v;
                    assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(y[3 + j]), act + " at " + j);
                    if (act == Activation.GELU) assertEquals(geluRef(v), want, 2e-6 * (1 + Math.abs(v)));
                }
            }
            float[] dz = new float[n];
            float[] da = randoms(rnd, n, 1f);
            float[] z = randoms(rnd, n, 5f);
            VectorOps.geluBackward(n, da, 0, z, 0, dz, 0);
            for (int j = 0; j < n; j++) {
                double h = 1e-3;
                double d = (geluRef(z[j] + h) - geluRef(z[j] - h)) / (2 * h);
                assertEquals(da[j] * d, dz[j], 2e-5);
                assertEquals(Float.floatToIntBits(da[j] * VectorOps.geluGrad(z[j])), Float.floatToIntBits(dz[j]));
            }
            VectorOps.reluBackward(n, da, 0, z, 0, dz, 0);
            for (int j = 0; j < n; j++) assertEquals(z[j] > 0 ? da[j] : 0f, dz[j]);
        }
    }

    @Test
    void columnSumsAxpyScale() {
        Random rnd = new Random(2);
        for (int[] s : new int[][] {{1, 1}, {3, 17}, {256, 512}, {7, 40}, {5, 67}, {9, 3}}) {
            int rows = s[0], cols = s[1], ld = cols + 2;
            float[] x = new float[1 + rows * ld];
            // values in [1, 2) and, in column j, 2^60 then -2^60 at rows j % rows and the next:
            // in row order the sum drops the values before the pair (added to 2^60 in double)
            // and keeps those after it, so any other order of the additions shows in the result
            // (of floats of like magnitude the double sum is exact, whatever the order)
            for (int i = 0; i < x.length; i++) x[i] = 1f + rnd.nextFloat();
            for (int j = 0; j < cols; j++) {
                int p = j % rows;
                x[1 + p * ld + j] = 0x1p60f;
                if (p + 1 < rows) x[1 + (p + 1) * ld + j] = -0x1p60f;
            }
            float[] out = randoms(rnd, cols + 2, 1f);
            float[] old = out.clone();
            VectorOps.columnSums(rows, cols, x, 1, ld, 0.5f, out, 1);
            assertEquals(old[0], out[0]);
            assertEquals(old[cols + 1], out[cols + 1]);
            for (int j = 0; j < cols; j++) {
                // the documented arithmetic, bit for bit: the rows in order in double, then beta * old
                double sum = 0;
                for (int i = 0; i < rows; i++) sum += x[1 + i * ld + j];
                assertEquals(Float.floatToIntBits((float) (sum + (double) (0.5f * old[1 + j]))),
                        Float.floatToIntBits(out[1 + j]), "column " + j + " of " + rows + " x " + cols);
            }
            VectorOps.columnSums(rows, cols, x, 1, ld, 0f, out, 1);
            for (int j = 0; j < cols; j++) {
                double sum = 0;
                for (int i = 0; i < rows; i++) sum += x[1 + i * ld + j];
                assertEquals(Float.floatToIntBits((float) sum), Float.floatToIntBits(out[1 + j]));
            }
        }
        float[] y = randoms(rnd, 37, 1f);
        float[] x = randoms(rnd, 37, 1f);
        float[] y0 = y.clone();
        VectorOps.axpy(35, 1.5f, x, 1, y, 2);
        for (int j = 0; j < 35; j++) assertEquals(Math.fma(x[1 + j], 1.5f, y0[2 + j]), y[2 + j]);
        float[] z = x.clone();
        VectorOps.scale(36, -2f, z, 1);
        assertEquals(x[0], z[0]);
        for (int j = 1; j < 37; j++) assertEquals(-2f * x[j], z[j]);
    }

    @Test
    void adamMatchesDoubleReference() {
        Random rnd = new Random(3);
        int n = 53;
        float[] p = randoms(rnd, n, 1f), g = randoms(rnd, n, 1f);
        float[] m = new float[n], v = new float[n];
        double[] pd = new double[n], md = new double[n], vd = new double[n];
        for (int i = 0; i < n; i++) pd[i] = p[i];
        float lr = 1e-3f, b1 = 0.9f, b2 = 0.999f, eps = 1e-8f, wd = 0.01f;
        for (int step = 1; step <= 5; step++) {
            for (int i = 0; i < n; i++) g[i] = (rnd.nextFloat() - 0.5f);
            VectorOps.adam(n, p, 0, g, 0, m, 0, v, 0, lr, b1, b2, eps, step, wd);
            for (int i = 0; i < n; i++) {
                md[i] = b1 * md[i] + (1 - b1) * g[i];
                vd[i] = b2 * vd[i] + (1 - b2) * (double) g[i] * g[i];
                double mh = md[i] / (1 - Math.pow(b1, step));
                double vh = vd[i] / (1 - Math.pow(b2, step));
                pd[i] = pd[i] * (1 - lr * wd) - lr * mh / (Math.sqrt(vh) + eps);
            }
        }
        for (int i = 0; i < n; i++) {
            assertEquals(pd[i], p[i], 1e-6, "param " + i);
            assertEquals(md[i], m[i], 1e-6);
            assertEquals(vd[i], v[i], 1e-7);
        }
        float[] p2 = p.clone();
        VectorOps.adam(n, p2, 0, g, 0, m.clone(), 0, v.clone(), 0, lr, b1, b2, eps, 6, 0f);
        float[] p3 = p.clone();
        VectorOps.adam(n, p3, 0, g, 0, m.clone(), 0, v.clone(), 0, lr, b1, b2, eps, 6, 0f);
        assertArrayEquals(p2, p3);
    }

    @Test
    void adamSaysWhetherEveryParameterItWroteIsFinite() {
        Random rnd = new Random(5);
        // 3 full vectors and a tail at every width; a bad gradient in the vector part and in the tail
        int n = 3 * VectorOps.S.length() + 5;
        for (int badAt : new int[] {-1, 0, n / 2, n - 1}) {
            for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
                float[] p = randoms(rnd, n, 1f), g = randoms(rnd, n, 1f);
                if (badAt >= 0) g[badAt] = bad;
                boolean finite = VectorOps.adam(n, p, 0, g, 0, new float[n], 0, new float[n], 0, 1e-3f, 0.9f, 0.999f, 1e-8f, 1,
                        0.01f);
                assertEquals(VectorOps.firstNonFinite(n, p, 0) < 0, finite, "bad gradient at " + badAt + ": " + bad);
                assertEquals(badAt < 0, finite, "bad gradient at " + badAt + ": " + bad);
            }
        }
        // a finite gradient whose square overflows leaves the parameter finite (m / sqrt(v) = 0)
        float[] p = {1f}, g = {3e38f};
        assertTrue(VectorOps.adam(1, p, 0, g, 0, new float[1], 0, new float[1], 0, 1e-3f, 0.9f, 0.999f, 1e-8f, 1, 0f));
        assertTrue(Float.isFinite(p[0]));
    }

    @Test
    void sumOfSquaresMatchesScalarDoubleSum() {
        Random rnd = new Random(3);
        for (int n : new int[] {0, 1, 7, 16, 31, 32, 33, 1000, 4099}) {
            float[] x = randoms(rnd, n + 5, 3f);
            double want = 0;
            for (int i = 0; i < n; i++) want += (double) x[2 + i] * x[2 + i];
            assertEquals(want, VectorOps.sumOfSquares(n, x, 2), Math.abs(want) * 1e-13 + 1e-300, "n=" + n);
        }
        float[] big = {3e30f, 4e30f};
        assertEquals(25e60, VectorOps.sumOfSquares(2, big, 0), 25e60 * 1e-6, "no float overflow");
        float[] inf = randoms(rnd, 100, 1f);
        inf[71] = Float.POSITIVE_INFINITY;
        assertEquals(Double.POSITIVE_INFINITY, VectorOps.sumOfSquares(100, inf, 0));
        inf[13] = Float.NaN;
        assertTrue(Double.isNaN(VectorOps.sumOfSquares(100, inf, 0)));
    }

    @Test
    void sumOfSquaresIsSixteenPartialChainsBitForBitAtEveryWidth() {
        // the definition the result must equal whatever the vector width (the build runs this at
        // 128, 256 and 512 bits): element i into partial i mod 16 by one FMA, then the partials in order
        Random rnd = new Random(5);
        for (int n : new int[] {0, 1, 15, 16, 17, 33, 1000, 4099, 65536 + 7}) {
            float[] x = randoms(rnd, n + 3, 2f);
            double[] part = new double[16];
            for (int i = 0; i < n; i++) part[i % 16] = Math.fma((double) x[3 + i], (double) x[3 + i], part[i % 16]);
            double want = 0;
            for (double p : part) want += p;
            assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(VectorOps.sumOfSquares(n, x, 3)),
                    "n=" + n + " at " + Simd.bits() + " bits");
        }
    }

    @Test
    void firstNonFiniteFindsTheFirstBadValue() {
        Random rnd = new Random(4);
        for (int n : new int[] {0, 1, 15, 16, 17, 1023, 1024, 1025, 5000}) {
            float[] x = randoms(rnd, n + 4, 1e30f); // 3 values before the range, 1 after
            assertEquals(-1, VectorOps.firstNonFinite(n, x, 3), "all finite, n=" + n);
            if (n == 0) continue;
            for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
                for (int at : new int[] {0, n / 2, n - 1}) {
                    float[] y = x.clone();
                    y[3 + at] = bad;
                    if (at + 1 < n) y[3 + n - 1] = Float.NaN; // a later bad value must not win
                    assertEquals(3 + at, VectorOps.firstNonFinite(n, y, 3), "n=" + n + " at=" + at + " " + bad);
                }
            }
            float[] outside = x.clone();
            outside[0] = Float.NaN; // before the range: not looked at
            outside[3 + n] = Float.NaN; // after the range: not looked at either
            assertEquals(-1, VectorOps.firstNonFinite(n, outside, 3), "values outside the range, n=" + n);
        }
    }

    @Test
    void firstOutsideUnitIntervalFindsTheFirstBadTarget() {
        Random rnd = new Random(5);
        for (int n : new int[] {0, 1, 15, 16, 17, 1023, 1024, 1025, 5000}) {
            float[] x = new float[n + 4]; // 3 values before the range, 1 after
            for (int i = 0; i < x.length; i++) x[i] = rnd.nextInt(4) == 0 ? (rnd.nextBoolean() ? 0f : 1f) : rnd.nextFloat();
            assertEquals(-1, VectorOps.firstOutsideUnitInterval(n, x, 3), "all in [0, 1], n=" + n);
            if (n == 0) continue;
            for (float bad : new float[] {Float.NaN, -0.001f, 1.0001f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
                    Math.nextUp(1f), -Float.MIN_VALUE}) {
                for (int at : new int[] {0, n / 2, n - 1}) {
                    float[] y = x.clone();
                    y[3 + at] = bad;
                    if (at + 1 < n) y[3 + n - 1] = 2f; // a later bad value must not win
                    assertEquals(3 + at, VectorOps.firstOutsideUnitInterval(n, y, 3), "n=" + n + " at=" + at + " " + bad
                            + " at " + Simd.bits() + " bits");
                }
            }
            float[] outside = x.clone();
            outside[0] = Float.NaN; // before the range: not looked at
            outside[3 + n] = -1f; // after the range: not looked at either
            assertEquals(-1, VectorOps.firstOutsideUnitInterval(n, outside, 3), "values outside the range, n=" + n);
            float[] negativeZero = x.clone();
            negativeZero[3 + n / 2] = -0f; // -0 is in [0, 1], as the scalar check says
            assertEquals(-1, VectorOps.firstOutsideUnitInterval(n, negativeZero, 3), "-0, n=" + n);
        }
    }
}
