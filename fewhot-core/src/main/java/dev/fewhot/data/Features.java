package dev.fewhot.data;

/**
 * A feature matrix of {@code rows x cols} float32 values, either dense row-major
 * ({@link DenseMatrix}) or compressed sparse rows ({@link CsrMatrix}).
 */
public sealed interface Features permits DenseMatrix, CsrMatrix {
    /** Number of rows (instances). */
    int rows();

    /** Number of columns (features). */
    int cols();

    /** Number of stored values (for a dense matrix, rows * cols). */
    long storedValues();

    /** The value at (row, col); zero when not stored. Not for hot loops. */
    float get(int row, int col);
}
