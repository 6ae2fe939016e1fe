package dev.fewhot.bench;

import dev.fewhot.kernels.Op;
import dev.fewhot.kernels.RegisterBlock;
import dev.fewhot.kernels.Sgemm;

/**
 * One SGEMM implementation under benchmark: row-major {@code C = op(A) * op(B)} (alpha 1, beta 0)
 * with the given thread count. {@link #create} maps the benchmark's {@code impl} parameter to an
 * implementation: add peers there.
 */
public interface GemmImpl {

    /**
     * Row-major {@code C = op(A) * op(B)}.
     *
     * @param opA how A is used
     * @param opB how B is used
     * @param m   rows of C
     * @param n   columns of C
     * @param k   shared dimension
     * @param a   A, dense, leading dimension {@code opA == N ? k : m}
     * @param b   B, dense, leading dimension {@code opB == N ? n : k}
     * @param c   C, m x n
     */
    void gemm(Op opA, Op opB, int m, int n, int k, float[] a, float[] b, float[] c);

    /**
     * @param name    implementation name: {@code fewhot} (the Vector API kernel with the block it
     *                chooses for the machine), {@code fewhot-RxV} (with the register block RxV, e.g.
     *                {@code fewhot-6x2}) or {@code openblas}
     * @param threads thread count
     * @return the implementation
     */
    static GemmImpl create(String name, int threads) {
        if (name.startsWith("fewhot-")) {
            return of(new Sgemm(threads, RegisterBlock.parse(name.substring("fewhot-".length()))));
        }
        switch (name) {
            case "fewhot":
                return of(new Sgemm(threads));
            case "openblas": {
                // the system's OpenBLAS through dev.ludovic.netlib (JNI), as fewhot's --blas native;
                // its thread count is OpenBLAS's own, fixed per process by OPENBLAS_NUM_THREADS
                String env = System.getenv("OPENBLAS_NUM_THREADS");
                if (env == null || Integer.parseInt(env.trim()) != threads) {
                    throw new IllegalStateException("run the openblas peer with OPENBLAS_NUM_THREADS=" + threads
                            + " in the environment (found " + env + ")");
                }
                return of(dev.fewhot.blas.NativeGemm.load());
            }
            default:
                throw new IllegalArgumentException("unknown impl " + name);
        }
    }

    /** {@code C = op(A) op(B)} with {@code g} on densely stored matrices. */
    private static GemmImpl of(dev.fewhot.kernels.Gemm g) {
        return (opA, opB, m, n, k, a, b, c) -> g.gemm(opA, opB, m, n, k, 1f,
                a, 0, opA == Op.N ? k : m, b, 0, opB == Op.N ? n : k, 0f, c, 0, n);
    }
}
