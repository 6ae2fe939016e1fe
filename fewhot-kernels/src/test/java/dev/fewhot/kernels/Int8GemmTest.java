package dev.fewhot.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The int8 weight-only products against a scalar reference that does the documented arithmetic
 * (so the comparison is exact), at whatever vector width the build forces
 * ({@code -Dfewhot.vector.bits}: the kernel tests run at 128, 256 and 512 bits and at the
 * machine's own), and the quantizer on a fixture computed by hand.
 */
class Int8GemmTest {

    /** W (3 x 3, row-major): column 0 has scale 1, column 1 scale 2, column 2 is all zero. */
    static final float[] W = {
        127f, -254f, 0f,
        -63.5f, 3f, 0f,
        2.5f, 1f, 0f};

    @Test
    void quantizerFixture() {
        byte[] q = new byte[9];
        float[] scale = new float[3];
        Int8Gemm.quantize(3, 3, W, 0, 3, q, 0, scale, 0);
        assertArrayEquals(new float[] {1f, 2f, 0f}, scale);
        // 127 -> 127, -63.5 -> -64 and 2.5 -> 2 (halves to even); -254 / 2 -> -127, 1.5 -> 2, 0.5 -> 0;
        // the zero column stays 0
        assertArrayEquals(new byte[] {127, -127, 0, -64, 2, 0, 2, 0, 0}, q);
    }

    @Test
    void quantizerClampsToTheSymmetricRange() {
        assertEquals(127, Int8Gemm.quantize(10f, 0.05f));   // 200 -> 127
        assertEquals(-127, Int8Gemm.quantize(-10f, 0.05f)); // -200 -> -127, never -128
        assertEquals(0, Int8Gemm.quantize(5f, 0f));          // a zero scale: 0, not NaN or infinity
        assertEquals(-2, Int8Gemm.quantize(-1.5f, 1f));
        assertEquals(0, Int8Gemm.quantize(0.49f, 1f));
    }

    @Test
    void quantizerFixtureProduct() {
        byte[] q = new byte[9];
        float[] scale = new float[3];
        Int8Gemm.quantize(3, 3, W, 0, 3, q, 0, scale, 0);
        float[] a = {1f, 2f, 0.5f}, bias = {0.25f, -1f, 3f};
        float[] c = new float[3];
        new Int8Gemm(1).dense(1, 3, 3, a, 0, 3, q, 0, 3, scale, 0, bias, 0, Activation.NONE, c, 0, 3);
        // column 0: (127 - 128 + 1) * 1 + 0.25; column 1: (-127 + 4 + 0) * 2 - 1; column 2: the bias alone
        assertArrayEquals(new float[] {0.25f, -247f, 3f}, c);
        new Int8Gemm(1).dense(1, 3, 3, a, 0, 3, q, 0, 3, scale, 0, bias, 0, Activation.RELU, c, 0, 3);
        assertArrayEquals(new float[] {0.25f, 0f, 3f}, c);
        new Int8Gemm(1).dense(1, 3, 3, a, 0, 3, q, 0, 3, scale, 0, null, 0, Activation.NONE, c, 0, 3);
        assertArrayEquals(new float[] {0f, -246f, 0f}, c);
    }

    @Test
    void quantizationErrorIsAtMostHalfAScale() {
        Random rnd = new Random(3);
        int k = 37, n = 29;
        float[] w = VectorOpsTest.randoms(rnd, k * n + 5, 2f);
        byte[] q = new byte[k * n + 2];
        float[] scale = new float[n + 1];
        Int8Gemm.quantize(k, n, w, 5, n, q, 2, scale, 1);
        for (int j = 0; j < n; j++) {
            float s = scale[1 + j];
            boolean hitsMax = false;
            for (int i = 0; i < k; i++) {
                int v = q[2 + i * n + j];
                assertTrue(v >= -127 && v <= 127);
                hitsMax |= Math.abs(v) == 127;
                assertTrue(Math.abs(w[5 + i * n + j] - v * s) <= s / 2 * (1 + 1e-5), "column " + j + " row " + i);
            }
            assertTrue(hitsMax, "the largest weight of column " + j + " maps to +-127");
        }
    }

    /** The documented arithmetic, one scalar at a time. */
    static float[] reference(int m, int n, int k, float[] a, int[][] order, byte[] q, int ldq, float[] scale,
                             float[] bias, Activation act) {
        float[] c = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float acc = 0f;
                for (int p : order[i]) {
                    float x = a[i * k + p];
                    if (x != 0f) acc = Math.fma(q[p * ldq + j], x, acc);
                }
                float y = bias == null ? acc * scale[j] : Math.fma(acc, scale[j], bias[j]);
                c[i * n + j] = switch (act) {
                    case NONE -> y;
                    case RELU -> Math.max(y, 0f);
                    case GELU -> VectorOps.gelu(y);
                };
            }
        }
        return c;
    }

    /** m x k inputs with about a third zeros (as after a ReLU), and each row's column order. */
    static float[] inputs(Random rnd, int m, int k) {
        float[] a = VectorOpsTest.randoms(rnd, m * k, 1.5f);
        for (int i = 0; i < a.length; i++) if (rnd.nextInt(3) == 0) a[i] = 0f;
        return a;
    }

    static byte[] weights(Random rnd, int k, int ldq) {
        byte[] q = new byte[k * ldq];
        for (int i = 0; i < q.length; i++) q[i] = (byte) (rnd.nextInt(255) - 127);
        return q;
    }

    static int[][] inOrder(int m, int k) {
        int[][] o = new int[m][k];
        for (int i = 0; i < m; i++) for (int p = 0; p < k; p++) o[i][p] = p;
        return o;
    }

    // n covers: below one byte vector, not a multiple of it, and (1 x 1100 x 160) big enough to split
    // the columns of a single row between threads; (9 x 300 x 70) splits rows
    static final int[][] SHAPES = {{1, 1, 1}, {1, 7, 5}, {2, 17, 9}, {1, 64, 33}, {3, 100, 67}, {1, 1100, 160}, {9, 300, 70}};

    @Test
    void denseMatchesTheScalarReferenceExactly() {
        Random rnd = new Random(1);
        for (int[] s : SHAPES) {
            int m = s[0], n = s[1], k = s[2], ldq = n + (n % 3);
            float[] a = inputs(rnd, m, k);
            byte[] q = weights(rnd, k, ldq);
            float[] scale = VectorOpsTest.randoms(rnd, n, 0.02f), bias = VectorOpsTest.randoms(rnd, n, 1f);
            for (Activation act : Activation.values()) {
                for (float[] b : new float[][] {bias, null}) {
                    float[] want = reference(m, n, k, a, inOrder(m, k), q, ldq, scale, b, act);
                    for (int threads : new int[] {1, 2}) {
                        float[] got = new float[m * n + 3];
                        java.util.Arrays.fill(got, Float.NaN); // C is written, not read
                        new Int8Gemm(threads).dense(m, n, k, a, 0, k, q, 0, ldq, scale, 0, b, 0, act, got, 3, n);
                        assertArrayEquals(want, java.util.Arrays.copyOfRange(got, 3, 3 + m * n),
                                m + "x" + n + "x" + k + " " + act + " bias " + (b != null) + " threads " + threads);
                    }
                }
            }
        }
    }

    @Test
    void aRowAloneEqualsTheSameRowInABatch() {
        Random rnd = new Random(4);
        int m = 5, n = 77, k = 40;
        float[] a = inputs(rnd, m, k), scale = VectorOpsTest.randoms(rnd, n, 0.1f), bias = VectorOpsTest.randoms(rnd, n, 1f);
        byte[] q = weights(rnd, k, n);
        float[] all = new float[m * n], one = new float[n];
        Int8Gemm g = new Int8Gemm(1);
        g.dense(m, n, k, a, 0, k, q, 0, n, scale, 0, bias, 0, Activation.RELU, all, 0, n);
        for (int i = 0; i < m; i++) {
            g.dense(1, n, k, a, i * k, k, q, 0, n, scale, 0, bias, 0, Activation.RELU, one, 0, n);
            assertArrayEquals(java.util.Arrays.copyOfRange(all, i * n, (i + 1) * n), one, "row " + i);
        }
    }

    @Test
    void csrMatchesTheScalarReferenceExactly() {
        Random rnd = new Random(2);
        for (int[] s : SHAPES) {
            int m = s[0], n = s[1], k = s[2];
            SpmmTest.Csr csr = new SpmmTest.Csr(rnd, m, k, 0.3);
            // shuffle each row's entries: the products follow the stored order, not the column order
            int[][] order = new int[m][];
            for (int i = 0; i < m; i++) {
                int p0 = csr.indptr[i], p1 = csr.indptr[i + 1];
                for (int p = p1 - 1; p > p0; p--) {
                    int r = p0 + rnd.nextInt(p - p0 + 1);
                    int ti = csr.indices[p]; csr.indices[p] = csr.indices[r]; csr.indices[r] = ti;
                    float tv = csr.values[p]; csr.values[p] = csr.values[r]; csr.values[r] = tv;
                }
                order[i] = java.util.Arrays.copyOfRange(csr.indices, p0, p1);
            }
            byte[] q = weights(rnd, k, n);
            float[] scale = VectorOpsTest.randoms(rnd, n, 0.02f), bias = VectorOpsTest.randoms(rnd, n, 1f);
            for (Activation act : Activation.values()) {
                float[] want = reference(m, n, k, csr.dense, order, q, n, scale, bias, act);
                for (int threads : new int[] {1, 2}) {
                    float[] got = new float[m * n];
                    new Int8Gemm(threads).csr(m, n, k, csr.indptr, csr.indices, csr.values, q, 0, n, scale, 0, bias, 0,
                            act, got, 0, n);
                    assertArrayEquals(want, got, m + "x" + n + "x" + k + " " + act + " threads " + threads);
                }
            }
        }
    }

    @Test
    void quantizedProductIsCloseToTheFloatProduct() {
        Random rnd = new Random(5);
        int m = 3, n = 130, k = 256;
        float[] w = VectorOpsTest.randoms(rnd, k * n, 0.1f), a = inputs(rnd, m, k), bias = VectorOpsTest.randoms(rnd, n, 0.1f);
        byte[] q = new byte[k * n];
        float[] scale = new float[n];
        Int8Gemm.quantize(k, n, w, 0, n, q, 0, scale, 0);
        float[] exact = new float[m * n], approx = new float[m * n];
        new Sgemm(1).gemm(Op.N, Op.N, m, n, k, 1f, a, 0, k, w, 0, n, 0f, exact, 0, n, bias, 0, Activation.NONE);
        new Int8Gemm(1).dense(m, n, k, a, 0, k, q, 0, n, scale, 0, bias, 0, Activation.NONE, approx, 0, n);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                // each weight is off by at most scale / 2: the error is at most scale / 2 * sum |a|
                double bound = 0;
                for (int p = 0; p < k; p++) bound += Math.abs(a[i * k + p]) * scale[j] / 2;
                assertEquals(exact[i * n + j], approx[i * n + j], bound + 1e-5, "row " + i + " column " + j);
            }
        }
    }

    @Test
    void badArgumentsAreNamed() {
        Int8Gemm g = new Int8Gemm(1);
        byte[] q = new byte[6];
        float[] scale = new float[3], c = new float[3];
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> g.csr(1, 3, 2,
                new int[] {0, 1}, new int[] {2}, new float[] {1f}, q, 0, 3, scale, 0, null, 0, Activation.NONE, c, 0, 3));
        assertTrue(e.getMessage().contains("indices") && e.getMessage().contains("2"), e.getMessage());
        e = assertThrows(IndexOutOfBoundsException.class, () -> g.dense(1, 3, 3, new float[3], 0, 3, q, 0, 3, scale, 0,
                null, 0, Activation.NONE, c, 0, 3));
        assertTrue(e.getMessage().startsWith("Q:"), e.getMessage());
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class, () -> new Int8Gemm(0));
        assertTrue(t.getMessage().contains("threads") && t.getMessage().contains("0"), t.getMessage());
    }
}
