package dev.fewhot.kernels;

/**
 * The argument checks the products share ({@link Sgemm}, {@link Spmm}, {@link Int8Gemm}): a
 * matrix stored at an offset with a leading dimension, a range of an array, a CSR matrix. Each
 * failure names the argument and shows the values.
 */
final class KernelChecks {
    private KernelChecks() { }

    /** A rows x cols matrix at {@code off} with leading dimension {@code ld} fits in an array of {@code length}. */
    static void matrix(String name, int length, int off, int ld, int rows, int cols) {
        if (ld < cols) throw new IllegalArgumentException(name + ": leading dimension " + ld + " < columns " + cols);
        if (off < 0 || (long) off + (long) (rows - 1) * ld + cols > length) {
            throw new IndexOutOfBoundsException(name + ": " + rows + " x " + cols + " at offset " + off
                    + " with leading dimension " + ld + " does not fit in length " + length);
        }
    }

    /** {@link #matrix(String, int, int, int, int, int)} for an array that must not be null. */
    static void matrix(String name, float[] x, int off, int ld, int rows, int cols) {
        if (x == null) throw new NullPointerException(name);
        matrix(name, x.length, off, ld, rows, cols);
    }

    /** [off, off + n) lies in an array of {@code length}. */
    static void range(String name, int length, int off, long n) {
        if (off < 0 || off + n > length) {
            throw new IndexOutOfBoundsException(name + ": [" + off + ", " + off + " + " + n + ") does not fit in length " + length);
        }
    }

    /** An m-row CSR matrix of k columns: row pointers in range and not decreasing, column indices in [0, k). */
    static void csr(int m, int k, int[] indptr, int[] indices, float[] values) {
        if (indptr.length < m + 1) {
            throw new IllegalArgumentException("indptr: length must be >= m + 1 = " + (m + 1) + ", got " + indptr.length);
        }
        int lo = indptr[0], hi = indptr[m];
        if (lo < 0 || hi < lo || hi > indices.length || hi > values.length) {
            throw new IllegalArgumentException("indptr: [" + lo + ", " + hi + ") out of range of indices/values");
        }
        for (int i = 0; i < m; i++) {
            if (indptr[i + 1] < indptr[i]) {
                throw new IllegalArgumentException("indptr: must not decrease, got " + indptr[i] + " then " + indptr[i + 1]
                        + " at row " + i);
            }
        }
        for (int p = lo; p < hi; p++) {
            if (indices[p] < 0 || indices[p] >= k) {
                throw new IndexOutOfBoundsException("indices: column index " + indices[p] + " not in [0, " + k + ")");
            }
        }
    }
}
