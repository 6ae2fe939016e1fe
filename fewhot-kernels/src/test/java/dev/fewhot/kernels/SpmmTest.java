package dev.fewhot.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SpmmTest {

    /** A random CSR matrix stored as {indptr, indices} plus values, and its dense copy. */
    static final class Csr {
        int[] indptr, indices;
        float[] values;
        float[] dense;

        Csr(Random rnd, int m, int k, double density) {
            indptr = new int[m + 1];
            int[] idx = new int[m * k + 1];
            float[] val = new float[m * k + 1];
            dense = new float[m * k];
            int nnz = 0;
            for (int i = 0; i < m; i++) {
                for (int c = 0; c < k; c++) {
                    if (rnd.nextDouble() < density) {
                        idx[nnz] = c;
                        val[nnz] = rnd.nextFloat() * 2f - 1f;
                        dense[i * k + c] = val[nnz];
                        nnz++;
                    }
                }
                indptr[i + 1] = nnz;
            }
            indices = java.util.Arrays.copyOf(idx, nnz);
            values = java.util.Arrays.copyOf(val, nnz);
        }
    }

    @Test
    void forwardMatchesDense() {
        Random rnd = new Random(1);
        for (int[] s : new int[][] {{1, 1, 1}, {5, 17, 9}, {13, 64, 33}, {64, 300, 50}, {70, 67, 100}}) {
            int m = s[0], n = s[1], k = s[2];
            Csr a = new Csr(rnd, m, k, 0.2);
            float[] b = VectorOpsTest.randoms(rnd, k * n, 1f);
            float[] bias = VectorOpsTest.randoms(rnd, n, 1f);
            for (Activation act : Activation.values()) {
                for (float beta : new float[] {0f, 0.5f}) {
                    float[] c0 = VectorOpsTest.randoms(rnd, m * n, 1f);
                    float[] want = c0.clone();
                    new Sgemm(1).gemm(Op.N, Op.N, m, n, k, 1.5f, a.dense, 0, k, b, 0, n, beta, want, 0, n, bias, 0, act);
                    float[] got1 = c0.clone();
                    new Spmm(1).csrTimesDense(m, n, k, 1.5f, a.indptr, a.indices, a.values, b, 0, n, beta, got1, 0, n, bias, 0, act);
                    float[] got2 = c0.clone();
                    new Spmm(2).csrTimesDense(m, n, k, 1.5f, a.indptr, a.indices, a.values, b, 0, n, beta, got2, 0, n, bias, 0, act);
                    assertArrayEquals(got1, got2);
                    for (int i = 0; i < want.length; i++) assertEquals(want[i], got1[i], 2e-5 * (1 + Math.abs(want[i])));
                }
            }
        }
    }

    @Test
    void transposeMatchesDenseAndIsDeterministic() {
        Random rnd = new Random(2);
        for (int[] s : new int[][] {{1, 1, 1}, {5, 17, 9}, {13, 64, 33}, {256, 300, 50}, {70, 67, 100}}) {
            int m = s[0], n = s[1], k = s[2];
            Csr a = new Csr(rnd, m, k, 0.1);
            float[] dz = VectorOpsTest.randoms(rnd, m * n, 1f);
            for (float beta : new float[] {0f, 1f}) {
                float[] w0 = VectorOpsTest.randoms(rnd, k * n + 4, 1f);
                float[] want = w0.clone();
                new Sgemm(1).gemm(Op.T, Op.N, k, n, m, 0.5f, a.dense, 0, k, dz, 0, n, beta, want, 2, n);
                float[] got1 = w0.clone();
                new Spmm(1).csrTransposeTimesDense(m, n, k, 0.5f, a.indptr, a.indices, a.values, dz, 0, n, beta, got1, 2, n);
                float[] got2 = w0.clone();
                new Spmm(2).csrTransposeTimesDense(m, n, k, 0.5f, a.indptr, a.indices, a.values, dz, 0, n, beta, got2, 2, n);
                assertArrayEquals(got1, got2);
                for (int i = 0; i < want.length; i++) assertEquals(want[i], got1[i], 2e-5 * (1 + Math.abs(want[i])));
            }
        }
        assertThrows(IndexOutOfBoundsException.class, () -> new Spmm(1).csrTransposeTimesDense(
                1, 1, 1, 1f, new int[] {0, 1}, new int[] {3}, new float[] {1f}, new float[1], 0, 1, 0f, new float[1], 0, 1));
    }
}
