package dev.fewhot.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SgemmTest {

    /** A stored operand: array, offset, leading dimension. */
    record Mat(float[] x, int off, int ld) {
        float get(Op op, int r, int c) {
            return op == Op.N ? x[off + r * ld + c] : x[off + c * ld + r];
        }
    }

    static Mat random(Random rnd, int storedRows, int storedCols, boolean padded) {
        int off = padded ? rnd.nextInt(5) : 0;
        int ld = storedCols + (padded ? rnd.nextInt(4) : 0);
        float[] x = new float[off + Math.max(0, storedRows - 1) * ld + storedCols + (padded ? 3 : 0)];
        for (int i = 0; i < x.length; i++) x[i] = rnd.nextFloat() * 2f - 1f;
        return new Mat(x, off, ld);
    }

    /** Reference in double; also returns the absolute-value sums for the error bound. */
    static void reference(Op opA, Op opB, int m, int n, int k, float alpha, Mat a, Mat b, float beta,
                          float[] c0, Mat c, float[] bias, Activation act, double[] ref, double[] mag) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0, abs = 0;
                for (int p = 0; p < k; p++) {
                    double t = (double) a.get(opA, i, p) * b.get(opB, p, j);
                    s += t;
                    abs += Math.abs(t);
                }
                double old = beta == 0f ? 0 : (double) beta * c0[c.off + i * c.ld + j];
                double v = alpha * s + old;
                abs = Math.abs(alpha) * abs + Math.abs(old);
                if (bias != null) {
                    v += bias[j];
                    abs += Math.abs(bias[j]);
                }
                if (act == Activation.RELU) v = Math.max(v, 0);
                if (act == Activation.GELU) v = 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));
                ref[i * n + j] = v;
                mag[i * n + j] = abs;
            }
        }
    }

    static void check(Sgemm g, Random rnd, Op opA, Op opB, int m, int n, int k, boolean padded,
                      float alpha, float beta, boolean withBias, Activation act) {
        Mat a = opA == Op.N ? random(rnd, m, k, padded) : random(rnd, k, m, padded);
        Mat b = opB == Op.N ? random(rnd, k, n, padded) : random(rnd, n, k, padded);
        Mat c = random(rnd, m, n, padded);
        float[] bias = null;
        int biasOff = 0;
        if (withBias) {
            biasOff = padded ? 2 : 0;
            bias = new float[biasOff + n];
            for (int j = 0; j < bias.length; j++) bias[j] = rnd.nextFloat() - 0.5f;
        }
        float[] c0 = c.x.clone();
        if (beta == 0f) {
            for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) c.x[c.off + i * c.ld + j] = Float.NaN;
        }
        double[] ref = new double[m * n];
        double[] mag = new double[m * n];
        float[] biasRow = null;
        if (bias != null) {
            biasRow = new float[n];
            System.arraycopy(bias, biasOff, biasRow, 0, n);
        }
        reference(opA, opB, m, n, k, alpha, a, b, beta, c0, c, biasRow, act, ref, mag);
        float[] before = c.x.clone();
        g.gemm(opA, opB, m, n, k, alpha, a.x, a.off, a.ld, b.x, b.off, b.ld, beta, c.x, c.off, c.ld,
                bias, biasOff, act);
        double tolScale = 2e-6 * Math.sqrt(k + 2.0);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float got = c.x[c.off + i * c.ld + j];
                double want = ref[i * n + j];
                double tol = tolScale * (mag[i * n + j] + 1e-3) + (act == Activation.GELU ? 1e-6 : 0);
                if (!(Math.abs(got - want) <= tol)) {
                    fail(String.format("%s%s m=%d n=%d k=%d alpha=%s beta=%s act=%s bias=%s threads=%d:"
                                    + " C[%d,%d]=%s want %s (tol %s)", opA, opB, m, n, k, alpha, beta, act,
                            withBias, g.threads(), i, j, got, want, tol));
                }
            }
        }
        // Nothing outside C changed.
        for (int idx = 0; idx < c.x.length; idx++) {
            int r = (idx - c.off) / c.ld;
            int col = (idx - c.off) - r * c.ld;
            boolean inside = idx >= c.off && r < m && col < n;
            if (!inside && Float.floatToRawIntBits(before[idx]) != Float.floatToRawIntBits(c.x[idx])) {
                fail("element " + idx + " outside C was written");
            }
        }
    }

    @Test
    void smallShapesAllOpsAgainstReference() {
        Random rnd = new Random(42);
        int[] dims = {1, 2, 3, 5, 6, 7, 11, 13, 16, 17, 31, 32, 33, 47, 63, 64, 65, 70};
        Sgemm one = new Sgemm(1);
        Sgemm two = new Sgemm(2, 0);
        Sgemm three = new Sgemm(3, 0);
        Op[] ops = Op.values();
        int cases = 0;
        for (int m : dims) {
            for (int n : dims) {
                int k = dims[rnd.nextInt(dims.length)];
                Op opA = ops[rnd.nextInt(2)];
                Op opB = ops[rnd.nextInt(2)];
                Sgemm g = switch (rnd.nextInt(3)) { case 0 -> one; case 1 -> two; default -> three; };
                float alpha = rnd.nextBoolean() ? 1f : rnd.nextFloat() * 4f - 2f;
                float beta = switch (rnd.nextInt(3)) { case 0 -> 0f; case 1 -> 1f; default -> rnd.nextFloat() - 0.5f; };
                check(g, rnd, opA, opB, m, n, k, rnd.nextBoolean(), alpha, beta, false, Activation.NONE);
                cases++;
            }
        }
        // Every op combination on every k for a few (m, n), both threads.
        for (int k : dims) {
            for (Op opA : ops) {
                for (Op opB : ops) {
                    check(one, rnd, opA, opB, 13, 67, k, true, 1f, 0f, false, Activation.NONE);
                    check(two, rnd, opA, opB, 37, 70, k, true, -0.5f, 0.75f, false, Activation.NONE);
                    cases += 2;
                }
            }
        }
        assertTrue(cases > 400);
    }

    @Test
    void kLargerThanKcAndMnLargerThanBlocks() {
        Random rnd = new Random(7);
        Sgemm two = new Sgemm(2, 0);
        for (Op opA : Op.values()) {
            for (Op opB : Op.values()) {
                check(two, rnd, opA, opB, Sgemm.MC + 7, Sgemm.defaultBlock().vectors() * Sgemm.L * 2 + 5, Sgemm.KC * 2 + 3, true,
                        0.5f, 0.5f, true, Activation.RELU);
            }
        }
        check(new Sgemm(1), rnd, Op.N, Op.N, 2 * Sgemm.MC + 1, Sgemm.NC + 17, 9, false, 1f, 0f,
                false, Activation.NONE);
    }

    /**
     * Two and three threads split C by columns (m not a whole number of register blocks, K in
     * three slices, the last one short, A and B with offsets and padded rows): the same bits as
     * one thread, on every op combination and with C read or not.
     */
    @Test
    void threadsGiveTheSameBitsOnUnevenShapes() {
        Random rnd = new Random(11);
        int m = 50, n = 300, k = 2 * Sgemm.KC + 88;
        for (Op opA : Op.values()) {
            for (Op opB : Op.values()) {
                Mat a = opA == Op.N ? random(rnd, m, k, true) : random(rnd, k, m, true);
                Mat b = opB == Op.N ? random(rnd, k, n, true) : random(rnd, n, k, true);
                for (float beta : new float[] {0f, 1f}) {
                    float[] c0 = new float[m * n];
                    for (int i = 0; i < c0.length; i++) c0[i] = rnd.nextFloat() - 0.5f;
                    float[] c1 = c0.clone(), c2 = c0.clone(), c3 = c0.clone();
                    new Sgemm(1).gemm(opA, opB, m, n, k, 0.5f, a.x, a.off, a.ld, b.x, b.off, b.ld, beta, c1, 0, n);
                    new Sgemm(2, 0).gemm(opA, opB, m, n, k, 0.5f, a.x, a.off, a.ld, b.x, b.off, b.ld, beta, c2, 0, n);
                    new Sgemm(3, 0).gemm(opA, opB, m, n, k, 0.5f, a.x, a.off, a.ld, b.x, b.off, b.ld, beta, c3, 0, n);
                    assertArrayEquals(c1, c2, opA + "" + opB + " beta " + beta + ", 2 threads");
                    assertArrayEquals(c1, c3, opA + "" + opB + " beta " + beta + ", 3 threads");
                }
            }
        }
    }

    @Test
    void threadsSplitTheSideThatPacksLess() {
        // C 1024 x 512 (the weight gradient): by rows, each thread packing half of op(A) and all of op(B)
        assertFalse(Sgemm.splitN(1024, 512, 16, 86, 2));
        // C 256 x 1024 (a forward product): by columns
        assertTrue(Sgemm.splitN(256, 1024, 32, 22, 2));
        // too few row panels to split by rows: columns
        assertTrue(Sgemm.splitN(12, 8, 2, 1, 2));
        // too few column panels: rows
        assertFalse(Sgemm.splitN(64, 100, 1, 6, 2));
    }

    @Test
    void epilogues() {
        Random rnd = new Random(3);
        Sgemm two = new Sgemm(2, 0);
        for (Activation act : Activation.values()) {
            for (int[] s : new int[][] {{1, 1, 1}, {5, 17, 9}, {12, 64, 33}, {19, 129, 300}}) {
                for (Op opB : Op.values()) {
                    check(two, rnd, Op.N, opB, s[0], s[1], s[2], true, 1f, 0f, true, act);
                    check(two, rnd, Op.T, opB, s[0], s[1], s[2], false, 0.7f, 1f, false, act);
                }
            }
        }
    }

    @Test
    void trainerShapesAndDeterminism() {
        Random rnd = new Random(11);
        int m = 256, k = 256, n = 512;
        Mat a = random(rnd, m, k, false);
        Mat b = random(rnd, n, k, false);
        float[] bias = new float[n];
        for (int j = 0; j < n; j++) bias[j] = rnd.nextFloat();
        float[] c1 = new float[m * n];
        float[] c2 = new float[m * n];
        float[] c3 = new float[m * n];
        new Sgemm(1).gemm(Op.N, Op.T, m, n, k, 1f, a.x, 0, k, b.x, 0, k, 0f, c1, 0, n, bias, 0, Activation.GELU);
        new Sgemm(2).gemm(Op.N, Op.T, m, n, k, 1f, a.x, 0, k, b.x, 0, k, 0f, c2, 0, n, bias, 0, Activation.GELU);
        new Sgemm(3, 0).gemm(Op.N, Op.T, m, n, k, 1f, a.x, 0, k, b.x, 0, k, 0f, c3, 0, n, bias, 0, Activation.GELU);
        assertArrayEquals(c1, c2);
        assertArrayEquals(c1, c3);
        for (int rep = 0; rep < 3; rep++) {
            new Sgemm(2).gemm(Op.N, Op.T, m, n, k, 1f, a.x, 0, k, b.x, 0, k, 0f, c2, 0, n, bias, 0, Activation.GELU);
            assertArrayEquals(c1, c2);
        }
        // The full 256 x 1024 x 512 forward shape against the reference, on 2 threads.
        check(new Sgemm(2), rnd, Op.N, Op.N, 256, 512, 1024, false, 1f, 0f, true, Activation.RELU);
        // Backward shapes: dW = dZ^T X and dX = dZ W.
        check(new Sgemm(2), rnd, Op.T, Op.N, 512, 256, 256, false, 1f, 0f, false, Activation.NONE);
        check(new Sgemm(2), rnd, Op.N, Op.N, 256, 256, 512, false, 1f, 0f, false, Activation.NONE);
    }

    @Test
    void fewRowsSplitOverThreadsMatchTheReferenceAndEachOther() {
        Random rnd = new Random(21);
        for (int m = 1; m <= 2; m++) {
            // large enough for the column split, with a ragged tail of columns
            int n = 1024 + 19, k = 256;
            check(new Sgemm(2), rnd, Op.N, Op.N, m, n, k, false, 1f, 0f, true, Activation.RELU);
            check(new Sgemm(2), rnd, Op.N, Op.N, m, n, k, true, 0.5f, 2f, true, Activation.GELU);
            Mat a = random(rnd, m, k, false), b = random(rnd, k, n, false);
            float[] bias = new float[n];
            for (int j = 0; j < n; j++) bias[j] = rnd.nextFloat();
            float[] c1 = new float[m * n], c2 = new float[m * n];
            new Sgemm(1).gemm(Op.N, Op.N, m, n, k, 1f, a.x, 0, k, b.x, 0, n, 0f, c1, 0, n, bias, 0, Activation.RELU);
            new Sgemm(2).gemm(Op.N, Op.N, m, n, k, 1f, a.x, 0, k, b.x, 0, n, 0f, c2, 0, n, bias, 0, Activation.RELU);
            assertArrayEquals(c1, c2, "the column split must not change any value");
        }
    }

    @Test
    void degenerateCases() {
        Sgemm g = new Sgemm(2, 0);
        float[] c = {Float.NaN, Float.NaN, 5f, 6f};
        float[] bias = {1f, -2f};
        g.gemm(Op.N, Op.N, 2, 2, 0, 1f, new float[0], 0, 0, new float[0], 0, 2, 0f, c, 0, 2, bias, 0, Activation.RELU);
        assertArrayEquals(new float[] {1f, 0f, 1f, 0f}, c);
        float[] d = {1f, 2f, 3f, 4f};
        g.gemm(Op.N, Op.N, 2, 2, 3, 0f, null, 0, 3, null, 0, 2, 2f, d, 0, 2);
        assertArrayEquals(new float[] {2f, 4f, 6f, 8f}, d);
        g.gemm(Op.N, Op.N, 0, 2, 3, 1f, null, 0, 3, null, 0, 2, 2f, d, 0, 2);
        assertEquals(2f, d[0]);
        assertThrows(IndexOutOfBoundsException.class, () ->
                g.gemm(Op.N, Op.N, 2, 2, 2, 1f, new float[3], 0, 2, new float[4], 0, 2, 0f, new float[4], 0, 2));
        assertThrows(IllegalArgumentException.class, () ->
                g.gemm(Op.N, Op.N, 2, 2, 2, 1f, new float[4], 0, 1, new float[4], 0, 2, 0f, new float[4], 0, 2));
        assertThrows(IllegalArgumentException.class, () -> new Sgemm(0));
    }

    @Test
    void concurrentCallersGetCorrectResults() throws Exception {
        Random rnd = new Random(5);
        int m = 70, n = 130, k = 90;
        Mat a = random(rnd, m, k, false);
        Mat b = random(rnd, k, n, false);
        float[] want = new float[m * n];
        new Sgemm(1).gemm(Op.N, Op.N, m, n, k, 1f, a.x, 0, k, b.x, 0, n, 0f, want, 0, n);
        Thread[] ts = new Thread[3];
        Throwable[] err = new Throwable[1];
        for (int t = 0; t < ts.length; t++) {
            ts[t] = new Thread(() -> {
                try {
                    float[] c = new float[m * n];
                    Sgemm g = new Sgemm(2, 0);
                    for (int r = 0; r < 50; r++) {
                        g.gemm(Op.N, Op.N, m, n, k, 1f, a.x, 0, k, b.x, 0, n, 0f, c, 0, n);
                        assertArrayEquals(want, c);
                    }
                } catch (Throwable e) {
                    err[0] = e;
                }
            });
            ts[t].start();
        }
        for (Thread t : ts) t.join();
        if (err[0] != null) throw new AssertionError(err[0]);
    }

    @Test
    void fewRowsAreTheBlockedArithmeticBitForBit() {
        // the few-rows path promises the blocked path's arithmetic: compare bit for bit with its
        // scalar definition and with the same rows computed inside a batch (k not a multiple of 4,
        // k over several KC slices, ragged columns)
        Random rnd = new Random(22);
        for (int m = 1; m <= 2; m++) {
            for (int[] nk : new int[][] {{1043, 257}, {64, 3}, {17, 1}, {512, 1024}, {100, Sgemm.KC * 2 + 6}}) {
                int n = nk[0], k = nk[1];
                for (float[] ab : new float[][] {{1f, 0f}, {0.5f, 0f}, {1.5f, -2f}, {1f, 1f}}) {
                    Mat a = random(rnd, m, k, false), b = random(rnd, k, n, false);
                    float[] c0 = new float[m * n];
                    for (int i = 0; i < c0.length; i++) c0[i] = rnd.nextFloat() - 0.5f;
                    float[] want = scalarDefinition(Op.N, Op.N, m, n, k, ab[0], a, b, ab[1], c0, n);
                    String what = "m=" + m + " n=" + n + " k=" + k + " alpha=" + ab[0] + " beta=" + ab[1];
                    for (int threads = 1; threads <= 2; threads++) {
                        float[] got = c0.clone();
                        new Sgemm(threads).gemm(Op.N, Op.N, m, n, k, ab[0], a.x, 0, k, b.x, 0, n, ab[1], got, 0, n);
                        assertArrayEquals(want, got, what + " threads=" + threads);
                    }
                    // the same rows as the first rows of a batch of 8 (the packed, blocked path)
                    float[] batchA = new float[8 * k];
                    System.arraycopy(a.x, 0, batchA, 0, m * k);
                    float[] batchC = new float[8 * n];
                    System.arraycopy(c0, 0, batchC, 0, m * n);
                    new Sgemm(1).gemm(Op.N, Op.N, 8, n, k, ab[0], batchA, 0, k, b.x, 0, n, ab[1], batchC, 0, n);
                    assertArrayEquals(want, java.util.Arrays.copyOf(batchC, m * n), what + " in a batch");
                }
            }
        }
    }

    /**
     * The blocked path's arithmetic written out in scalars: per KC-deep slice of K one FMA chain
     * from zero in increasing k, then {@code C = slice * alpha + betaEff * C} with betaEff the
     * caller's beta on the first slice and 1 after (C not read when it is 0).
     */
    static float[] scalarDefinition(Op opA, Op opB, int m, int n, int k, float alpha, Mat a, Mat b,
                                    float beta, float[] c0, int ldc) {
        float[] c = c0.clone();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float v = c[i * ldc + j];
                for (int pc = 0; pc < k; pc += Sgemm.KC) {
                    float sum = 0f;
                    for (int p = pc; p < Math.min(k, pc + Sgemm.KC); p++) {
                        sum = Math.fma(b.get(opB, p, j), a.get(opA, i, p), sum);
                    }
                    float betaEff = pc == 0 ? beta : 1f;
                    v = betaEff == 0f ? sum * alpha : Math.fma(sum, alpha, v * betaEff);
                }
                c[i * ldc + j] = v;
            }
        }
        return c;
    }

    @ParameterizedTest
    @EnumSource(RegisterBlock.class)
    void everyRegisterBlockIsTheScalarDefinitionBitForBit(RegisterBlock block) {
        // ragged edges in every dimension, K over two KC slices, both thread counts, all op pairs
        Random rnd = new Random(100 + block.ordinal());
        // rows past the last whole block: 1, 5 (an edge tile and one row), 11 (two edge tiles and 3 rows)
        int[][] shapes = {{1, 1, 1}, {3, 5, 7}, {block.rows() + 1, block.vectors() * Sgemm.L + 3, 19},
            {29, 70, Sgemm.KC + 5}, {2 * block.rows() * 8 + 5, 3 * Sgemm.L + 1, 2 * Sgemm.KC + 1},
            {2 * block.rows() + 11, 2 * Sgemm.L + 5, Sgemm.KC + 3}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            for (Op opA : Op.values()) {
                for (Op opB : Op.values()) {
                    Mat a = opA == Op.N ? random(rnd, m, k, false) : random(rnd, k, m, false);
                    Mat b = opB == Op.N ? random(rnd, k, n, false) : random(rnd, n, k, false);
                    float[] c0 = new float[m * n];
                    for (int i = 0; i < c0.length; i++) c0[i] = rnd.nextFloat() - 0.5f;
                    float alpha = rnd.nextBoolean() ? 1f : 0.75f, beta = rnd.nextBoolean() ? 0f : -1.25f;
                    float[] want = scalarDefinition(opA, opB, m, n, k, alpha, a, b, beta, c0, n);
                    for (int threads = 1; threads <= 3; threads++) {
                        float[] got = c0.clone();
                        new Sgemm(threads, 0, block).gemm(opA, opB, m, n, k, alpha, a.x, 0, a.ld, b.x, 0, b.ld,
                                beta, got, 0, n);
                        assertArrayEquals(want, got, block + " " + opA + opB + " m=" + m + " n=" + n + " k=" + k
                                + " threads=" + threads + " lanes=" + Sgemm.L);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(RegisterBlock.class)
    void everyRegisterBlockAgainstTheReference(RegisterBlock block) {
        Random rnd = new Random(200 + block.ordinal());
        Sgemm one = new Sgemm(1, block), two = new Sgemm(2, 0, block);
        int[] dims = {1, 2, 5, 7, 13, 16, 17, 33, 64, 70};
        for (int m : dims) {
            for (int n : dims) {
                int k = dims[rnd.nextInt(dims.length)];
                Op opA = Op.values()[rnd.nextInt(2)], opB = Op.values()[rnd.nextInt(2)];
                check(rnd.nextBoolean() ? one : two, rnd, opA, opB, m, n, k, rnd.nextBoolean(),
                        rnd.nextBoolean() ? 1f : -0.5f, rnd.nextBoolean() ? 0f : 0.5f, rnd.nextBoolean(),
                        Activation.values()[rnd.nextInt(Activation.values().length)]);
            }
        }
        check(two, rnd, Op.N, Op.T, Sgemm.MC + 7, 2 * Sgemm.NC / 3 + 5, Sgemm.KC + 9, true, 1f, 0f, true, Activation.RELU);
    }

    @Test
    void rowsPastTheLastWholeBlockTakeTheFourRowBlockOfTheSameWidth() {
        assertEquals(RegisterBlock.B4X2, Sgemm.edgeBlock(RegisterBlock.B12X2));
        assertEquals(RegisterBlock.B4X2, Sgemm.edgeBlock(RegisterBlock.B6X2));
        assertEquals(RegisterBlock.B4X2, Sgemm.edgeBlock(RegisterBlock.B5X2));
        assertEquals(RegisterBlock.B4X2, Sgemm.edgeBlock(RegisterBlock.B4X2));
        assertEquals(RegisterBlock.B6X4, Sgemm.edgeBlock(RegisterBlock.B6X4)); // no 4-row block four vectors wide
        assertEquals(RegisterBlock.B8X3, Sgemm.edgeBlock(RegisterBlock.B8X3));
        assertEquals(RegisterBlock.B4X3, Sgemm.edgeBlock(RegisterBlock.B4X3));
    }

    @Test
    void thePackingBufferHoldsEveryCacheBlockOfA() {
        // whatever -Dfewhot.gemm.mc sets: with 7, the 6 x 2 block's 11-row cache block packs 6 + 8 rows
        for (int setting = 1; setting <= 300; setting++) {
            int capacity = Sgemm.packedARowsCapacity(setting);
            for (RegisterBlock block : RegisterBlock.values()) {
                for (int mc = 1; mc <= Sgemm.roundUp(setting, block.rows()); mc++) {
                    for (boolean inPlace : new boolean[] {false, true}) {
                        int rows = Sgemm.packedARows(block, mc, inPlace);
                        assertTrue(rows >= mc && rows <= capacity, block + " mc setting " + setting + ", block of " + mc
                                + " rows" + (inPlace ? " (A in place)" : "") + ": packs " + rows + ", buffer " + capacity);
                    }
                }
            }
        }
    }

    @Test
    void registerBlocksFitTheirRegisterFiles() {
        assertEquals(RegisterBlock.B12X2, RegisterBlock.forRegisters(32));
        assertEquals(RegisterBlock.B4X2, RegisterBlock.forRegisters(16));
        for (int registers = 16; registers <= 64; registers++) {
            RegisterBlock chosen = RegisterBlock.forRegisters(registers);
            assertTrue(chosen.registersNeeded() + RegisterBlock.HEADROOM <= registers, registers + ": " + chosen.label());
        }
        for (RegisterBlock b : RegisterBlock.values()) {
            assertEquals(b, RegisterBlock.parse(b.label()));
            assertTrue(RegisterBlock.candidates(b.registersNeeded()).contains(b));
        }
        for (RegisterBlock b : RegisterBlock.candidates(16)) assertTrue(b.registersNeeded() <= 16, b.label());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RegisterBlock.parse("5x5"));
        assertTrue(e.getMessage().contains(RegisterBlock.PROPERTY) && e.getMessage().contains("6x4"), e.getMessage());
        assertTrue(new Sgemm(1).describe().contains(Sgemm.defaultBlock().label()));
    }

    /**
     * A's rows read in place (products of a few panels of B) give the packed path's result
     * bit for bit: the same columns of a wider product, which packs A, with bias and ReLU, beta,
     * K over two slices and rows that leave a last partial panel.
     */
    @ParameterizedTest
    @EnumSource(value = RegisterBlock.class, names = {"B12X2", "B4X2"})
    void aRowsInPlaceMatchThePackedPathBitForBit(RegisterBlock block) {
        int nr0 = block.vectors() * Sgemm.L;
        int most = Sgemm.IN_PLACE_MAX_PANELS * nr0;
        assertTrue(Sgemm.readsARowsInPlace(block, Op.N, most, nr0));
        assertFalse(Sgemm.readsARowsInPlace(block, Op.N, most + 1, nr0));
        assertFalse(Sgemm.readsARowsInPlace(block, Op.T, nr0, nr0));
        assertFalse(Sgemm.readsARowsInPlace(RegisterBlock.B6X4, Op.N, nr0, nr0));
        Random r = new Random(11);
        int m = 3 * block.rows() + 5, k = Sgemm.KC + 37, wide = (Sgemm.IN_PLACE_MAX_PANELS + 1) * nr0;
        for (int n : new int[] {1, nr0 - 3, nr0, 2 * nr0 + 1, Sgemm.IN_PLACE_MAX_PANELS * nr0}) {
            float[] a = new float[m * k], b = new float[k * wide], bias = new float[wide];
            for (int i = 0; i < a.length; i++) a[i] = r.nextFloat() - 0.5f;
            for (int i = 0; i < b.length; i++) b[i] = r.nextFloat() - 0.5f;
            for (int i = 0; i < bias.length; i++) bias[i] = r.nextFloat() - 0.5f;
            float[] cWide = new float[m * wide], cNarrow = new float[m * n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) cWide[i * wide + j] = cNarrow[i * n + j] = r.nextFloat();
            }
            Sgemm g = new Sgemm(1, block);
            g.gemm(Op.N, Op.N, m, wide, k, 0.75f, a, 0, k, b, 0, wide, 1.5f, cWide, 0, wide, bias, 0, Activation.RELU);
            g.gemm(Op.N, Op.N, m, n, k, 0.75f, a, 0, k, b, 0, wide, 1.5f, cNarrow, 0, n, bias, 0, Activation.RELU);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    assertEquals(Float.floatToRawIntBits(cWide[i * wide + j]), Float.floatToRawIntBits(cNarrow[i * n + j]),
                            block + " n=" + n + " C[" + i + "][" + j + "]");
                }
            }
        }
    }
}
