package dev.fewhot.blas;

import dev.fewhot.kernels.Activation;
import dev.fewhot.kernels.Gemm;
import dev.fewhot.kernels.KernelPool;
import dev.fewhot.kernels.Op;
import dev.fewhot.kernels.VectorOps;
import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;

/**
 * GEMM through the system's BLAS (OpenBLAS on Debian: {@code apt-get install libopenblas0}) via
 * {@code dev.ludovic.netlib}'s JNI binding, the library Spark uses. BLAS is column-major: the
 * row-major {@code C = op(A) op(B)} is the column-major {@code C^T = op(B)^T op(A)^T}, so the
 * call swaps the operands. The bias and activation run afterwards in the Java kernel. Its
 * thread count is OpenBLAS's own ({@code OPENBLAS_NUM_THREADS}). Its idle worker threads spin for
 * about 0.1 s after each call unless {@code OPENBLAS_THREAD_TIMEOUT=4}, which the launcher sets:
 * spinning, they slow the trainer's own threads between two products.
 */
public final class NativeGemm implements Gemm {
    private final BLAS blas;

    private NativeGemm(BLAS blas) {
        dev.fewhot.kernels.VectorSupport.check(); // no Vector API: one line naming the JVM flag, not NoClassDefFoundError
        this.blas = blas;
    }

    /**
     * The native back-end, or an explanation of why it is not available.
     *
     * @throws IllegalStateException when no native BLAS loads on this machine
     */
    public static NativeGemm load() {
        try {
            return new NativeGemm(NativeBLAS.getInstance());
        } catch (Throwable t) {
            throw new IllegalStateException("native BLAS is not available (" + t.getClass().getSimpleName()
                    + (t.getMessage() == null ? "" : ": " + t.getMessage().lines().findFirst().orElse(""))
                    + "); install OpenBLAS (apt-get install libopenblas0) or use --blas java");
        }
    }

    /**
     * The threads OpenBLAS runs, as it reads them at load: {@code OPENBLAS_NUM_THREADS}, else
     * {@code GOTO_NUM_THREADS}, else {@code OMP_NUM_THREADS}, else the cores this process may use,
     * and never more than those cores.
     * The JNI binding cannot change it afterwards; the launcher sets {@code OPENBLAS_NUM_THREADS}
     * from {@code --threads}.
     */
    public static int threads() {
        int cores = Runtime.getRuntime().availableProcessors();
        for (String v : new String[] {"OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS"}) {
            String s = System.getenv(v);
            if (s == null || s.isBlank()) continue;
            try {
                int t = Integer.parseInt(s.strip());
                if (t > 0) return Math.min(t, cores);
            } catch (NumberFormatException e) {
                // OpenBLAS reads a malformed value as 0 and goes on to the next variable
            }
        }
        return cores;
    }

    /** True when a native BLAS loads. */
    public static boolean available() {
        try {
            load();
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    @Override
    public void gemm(Op opA, Op opB, int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] b,
                     int bOff, int ldb, float beta, float[] c, int cOff, int ldc, float[] bias, int biasOff,
                     Activation act) {
        if (m == 0 || n == 0) return;
        if (k == 0) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) c[cOff + i * ldc + j] = beta == 0f ? 0f : beta * c[cOff + i * ldc + j];
            }
        } else {
            // OpenBLAS runs on threads of its own: the Java pool's idle workers must not hold a core
            KernelPool.common().stopSpinning();
            blas.sgemm(opB == Op.T ? "T" : "N", opA == Op.T ? "T" : "N", n, m, k, alpha, b, bOff, ldb, a, aOff, lda,
                    beta, c, cOff, ldc);
        }
        if (bias != null || act != Activation.NONE) VectorOps.biasActivation(m, n, c, cOff, ldc, bias, biasOff, act);
    }

    @Override
    public String name() {
        return "openblas";
    }
}
