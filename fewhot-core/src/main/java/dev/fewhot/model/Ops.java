package dev.fewhot.model;

import dev.fewhot.kernels.Activation;
import dev.fewhot.kernels.Gemm;
import dev.fewhot.kernels.Int8Gemm;
import dev.fewhot.kernels.KernelPool;
import dev.fewhot.kernels.Op;
import dev.fewhot.kernels.Sgemm;
import dev.fewhot.kernels.Spmm;
import dev.fewhot.kernels.VectorOps;

/**
 * The numeric operations {@link Network} needs, mapped onto the kernels. Package-private: the
 * one place where the model layer meets {@code dev.fewhot.kernels}. Weights are stored
 * {@code in x out} row-major, so the forward pass is {@code A W}, the weight gradient
 * {@code A^T dZ} and the input gradient {@code dZ W^T}.
 */
final class Ops {
    private final Gemm gemm;
    private final Spmm spmm;
    private final Int8Gemm int8;
    /** Threads of the element-wise and per-column passes (each element computed as on one thread: no bit changes). */
    private final int threads;

    Ops(Gemm gemm, int threads) {
        dev.fewhot.kernels.VectorSupport.check(); // no Vector API: one line naming the JVM flag, not NoClassDefFoundError
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        this.gemm = gemm != null ? gemm : new Sgemm(threads);
        this.spmm = new Spmm(threads);
        this.int8 = new Int8Gemm(threads);
        this.threads = threads;
    }

    /** q[k x w], scale[w] = the int8 quantization of W[k x w] (at wOff), column by column. */
    static void quantize(int k, int w, float[] wts, int wOff, byte[] q, float[] scale) {
        dev.fewhot.kernels.VectorSupport.check();
        Int8Gemm.quantize(k, w, wts, wOff, w, q, 0, scale, 0);
    }

    /** dst[n x w] = act((a[n x k] q[k x w]) * scale + b). */
    void int8Dense(int n, int w, int k, float[] a, byte[] q, float[] scale, float[] bias, int bOff, float[] dst, Activation act) {
        int8.dense(n, w, k, a, 0, k, q, 0, w, scale, 0, bias, bOff, act, dst, 0, w);
    }

    /** dst[n x w] = act((csr[n x k] q[k x w]) * scale + b), reading only the stored rows of q. */
    void int8Csr(int n, int w, int k, int[] ptr, int[] idx, float[] val, byte[] q, float[] scale, float[] bias, int bOff,
                 float[] dst, Activation act) {
        int8.csr(n, w, k, ptr, idx, val, q, 0, w, scale, 0, bias, bOff, act, dst, 0, w);
    }

    /** dst[n x w] = act(a[n x k] W[k x w] + b). */
    void gemmBiasAct(int n, int w, int k, float[] a, float[] wts, int wOff, float[] bias, int bOff, float[] dst, Activation act) {
        gemm.gemm(Op.N, Op.N, n, w, k, 1f, a, 0, k, wts, wOff, w, 0f, dst, 0, w, bias, bOff, act);
    }

    /** dst[n x w] = csr[n x k] W[k x w] (bias and activation applied later by {@link #biasAct}). */
    void spmm(int n, int w, int k, int[] ptr, int[] idx, float[] val, float[] wts, int wOff, float[] dst) {
        spmm.csrTimesDense(n, w, k, 1f, ptr, idx, val, wts, wOff, w, 0f, dst, 0, w, null, 0, Activation.NONE);
    }

    void biasAct(float[] dst, int n, int w, float[] bias, int bOff, Activation act) {
        VectorOps.biasActivation(n, w, dst, 0, w, bias, bOff, act);
    }

    /** dst = gelu(src), element-wise. */
    void gelu(float[] src, float[] dst, int len) {
        System.arraycopy(src, 0, dst, 0, len);
        VectorOps.biasActivation(dst, 0, len, null, 0, Activation.GELU);
    }

    void geluBackward(float[] dz, float[] z, int len) {
        VectorOps.geluBackward(len, dz, 0, z, 0, dz, 0);
    }

    void reluBackward(float[] dz, float[] a, int len) {
        KernelPool.common().invokeRanges(len, KernelPool.partsFor(len, threads), 64,
                (part, from, to) -> VectorOps.reluBackward(to - from, dz, from, a, from, dz, from));
    }

    /** dst[off + j] = sum_r dz[r, j] (each column summed over its rows in order, whatever the split). */
    void columnSums(float[] dz, int n, int w, float[] dst, int off) {
        KernelPool.common().invokeRanges(w, KernelPool.partsFor((long) n * w, threads), 16,
                (part, from, to) -> VectorOps.columnSums(n, to - from, dz, from, w, 0f, dst, off + from));
    }

    /** dW[k x w] (at off) = a[n x k]^T dz[n x w]. */
    void gemmTN(int k, int w, int n, float[] a, float[] dz, float[] dst, int off) {
        gemm.gemm(Op.T, Op.N, k, w, n, 1f, a, 0, k, dz, 0, w, 0f, dst, off, w);
    }

    /** dW[k x w] (at off) = csr[n x k]^T dz[n x w]. */
    void spmmTransposed(int n, int w, int[] ptr, int[] idx, float[] val, float[] dz, int k, float[] dst, int off) {
        spmm.csrTransposeTimesDense(n, w, k, 1f, ptr, idx, val, dz, 0, w, 0f, dst, off, w);
    }

    /** dst[n x k] = dz[n x w] W[k x w]^T. */
    void gemmNT(int n, int k, int w, float[] dz, float[] wts, int wOff, float[] dst) {
        gemm.gemm(Op.N, Op.T, n, k, w, 1f, dz, 0, w, wts, wOff, w, 0f, dst, 0, k);
    }
}
