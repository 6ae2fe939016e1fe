package dev.fewhot.kernels;

/**
 * Whether a matrix operand of a product is used as stored ({@link #N}) or transposed
 * ({@link #T}), as in BLAS. Matrices are row-major: an operand used as an r x c matrix with
 * {@code N} is stored with r rows of leading dimension {@code ld >= c}; with {@code T} it is stored
 * as c rows of leading dimension {@code ld >= r}.
 */
public enum Op {
    /** Use the matrix as stored. */
    N,
    /** Use the transpose of the stored matrix. */
    T
}
