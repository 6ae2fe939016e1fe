package dev.fewhot.kernels;

/**
 * Single-precision matrix product on row-major arrays,
 * {@code C = alpha * op(A) * op(B) + beta * C}, optionally followed by a per-column bias and an
 * activation. {@link Sgemm} is the pure-Java implementation; an accelerator (for instance
 * OpenBLAS through JNI) implements the same interface, so the trainer does not care which one
 * runs.
 */
public interface Gemm {
    /**
     * @param opA  how A is used
     * @param opB  how B is used
     * @param m    rows of C
     * @param n    columns of C
     * @param k    the inner dimension
     * @param alpha scale of the product
     * @param a    A's storage, from {@code aOff}, leading dimension {@code lda}
     * @param b    B's storage, from {@code bOff}, leading dimension {@code ldb}
     * @param beta scale of C's previous content (0: C is not read)
     * @param c    C's storage, from {@code cOff}, leading dimension {@code ldc}
     * @param bias per-column bias added after the product, or null
     * @param act  activation applied last
     */
    void gemm(Op opA, Op opB, int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] b, int bOff,
              int ldb, float beta, float[] c, int cOff, int ldc, float[] bias, int biasOff, Activation act);

    /** The product without bias or activation. */
    default void gemm(Op opA, Op opB, int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] b,
                      int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        gemm(opA, opB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, null, 0, Activation.NONE);
    }

    /** A short name for reports ("java", "openblas"). */
    String name();
}
