package dev.fewhot.model;

/**
 * The numeric operations {@link Network} needs, mapped onto the kernels. Package-private: the
 * one place where the model layer meets {@code dev.fewhot.kernels}.
 */
final class Ops {
    enum Act { NONE, RELU, GELU }

    private final int threads;

    Ops(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        this.threads = threads;
    }

    /** dst[n x w] = act(a[n x k] W[k x w] + b). */
    void gemmBiasAct(int n, int w, int k, float[] a, float[] wts, int wOff, float[] bias, int bOff, float[] dst, Act act) {
        for (int r = 0; r < n; r++) {
            int d = r * w;
            for (int j = 0; j < w; j++) dst[d + j] = 0f;
            for (int p = 0; p < k; p++) {
                float av = a[r * k + p];
                if (av == 0f) continue;
                int wo = wOff + p * w;
                for (int j = 0; j < w; j++) dst[d + j] += av * wts[wo + j];
            }
        }
        biasAct(dst, n, w, bias, bOff, act);
    }

    /** dst[n x w] = csr[n x k] W[k x w]. */
    void spmm(int n, int w, int[] ptr, int[] idx, float[] val, float[] wts, int wOff, float[] dst) {
        for (int r = 0; r < n; r++) {
            int d = r * w;
            for (int j = 0; j < w; j++) dst[d + j] = 0f;
            for (int q = ptr[r]; q < ptr[r + 1]; q++) {
                float av = val[q];
                int wo = wOff + idx[q] * w;
                for (int j = 0; j < w; j++) dst[d + j] += av * wts[wo + j];
            }
        }
    }

    void biasAct(float[] dst, int n, int w, float[] bias, int bOff, Act act) {
        for (int r = 0; r < n; r++) {
            int d = r * w;
            for (int j = 0; j < w; j++) {
                float z = dst[d + j] + bias[bOff + j];
                dst[d + j] = act == Act.RELU ? Math.max(z, 0f) : act == Act.GELU ? gelu(z) : z;
            }
        }
    }

    void gelu(float[] src, float[] dst, int len) {
        for (int i = 0; i < len; i++) dst[i] = gelu(src[i]);
    }

    private static final double C = Math.sqrt(2 / Math.PI);

    static float gelu(float x) {
        double u = C * (x + 0.044715 * x * x * x);
        return (float) (0.5 * x * (1 + Math.tanh(u)));
    }

    void geluBackward(float[] dz, float[] z, int len) {
        for (int i = 0; i < len; i++) {
            double x = z[i];
            double u = C * (x + 0.044715 * x * x * x);
            double t = Math.tanh(u);
            double d = 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * C * (1 + 3 * 0.044715 * x * x);
            dz[i] = (float) (dz[i] * d);
        }
    }

    void reluBackward(float[] dz, float[] a, int len) {
        for (int i = 0; i < len; i++) if (!(a[i] > 0f)) dz[i] = 0f;
    }

    /** dst[off + j] = sum_r dz[r, j]. */
    void columnSums(float[] dz, int n, int w, float[] dst, int off) {
        for (int j = 0; j < w; j++) {
            double s = 0;
            for (int r = 0; r < n; r++) s += dz[r * w + j];
            dst[off + j] = (float) s;
        }
    }

    /** dW[k x w] (at off) = a[n x k]^T dz[n x w]. */
    void gemmTN(int k, int w, int n, float[] a, float[] dz, float[] dst, int off) {
        java.util.Arrays.fill(dst, off, off + k * w, 0f);
        for (int r = 0; r < n; r++) {
            for (int p = 0; p < k; p++) {
                float av = a[r * k + p];
                if (av == 0f) continue;
                int d = off + p * w;
                for (int j = 0; j < w; j++) dst[d + j] += av * dz[r * w + j];
            }
        }
    }

    /** dW[k x w] (at off) = csr[n x k]^T dz[n x w]. */
    void spmmTransposed(int n, int w, int[] ptr, int[] idx, float[] val, float[] dz, int k, float[] dst, int off) {
        java.util.Arrays.fill(dst, off, off + k * w, 0f);
        for (int r = 0; r < n; r++) {
            for (int q = ptr[r]; q < ptr[r + 1]; q++) {
                float av = val[q];
                int d = off + idx[q] * w;
                for (int j = 0; j < w; j++) dst[d + j] += av * dz[r * w + j];
            }
        }
    }

    /** dst[n x k] = dz[n x w] W[k x w]^T. */
    void gemmNT(int n, int k, int w, float[] dz, float[] wts, int wOff, float[] dst) {
        for (int r = 0; r < n; r++) {
            for (int p = 0; p < k; p++) {
                float s = 0f;
                int wo = wOff + p * w;
                for (int j = 0; j < w; j++) s += dz[r * w + j] * wts[wo + j];
                dst[r * k + p] = s;
            }
        }
    }
}
