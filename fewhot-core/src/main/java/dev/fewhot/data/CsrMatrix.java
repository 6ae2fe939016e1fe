package dev.fewhot.data;

import java.util.Objects;

/**
 * A compressed-sparse-row float32 matrix. Row r holds the column indices
 * {@code indices[indptr[r] .. indptr[r+1])}, strictly increasing, with their values in the same
 * slots of {@code values}. Arrays are shared, not copied.
 */
public final class CsrMatrix implements Features {
    private final int rows;
    private final int cols;
    private final int[] indptr;
    private final int[] indices;
    private final float[] values;

    /**
     * @param rows    number of rows
     * @param cols    number of columns; every index is in [0, cols)
     * @param indptr  row pointers, length rows + 1, non-decreasing, starting at 0
     * @param indices column indices, at least indptr[rows] long
     * @param values  stored values, at least indptr[rows] long, all finite
     * @throws IllegalArgumentException when the row pointers decrease, a row's column indices are
     *         outside [0, cols) or not increasing, or a value is NaN or infinite (the message
     *         names the row and the value)
     */
    public CsrMatrix(int rows, int cols, int[] indptr, int[] indices, float[] values) {
        if (rows < 0) throw new IllegalArgumentException("rows must be >= 0, got " + rows);
        if (cols < 0) throw new IllegalArgumentException("cols must be >= 0, got " + cols);
        Objects.requireNonNull(indptr, "indptr");
        Objects.requireNonNull(indices, "indices");
        Objects.requireNonNull(values, "values");
        if (indptr.length != rows + 1) {
            throw new IllegalArgumentException("indptr: length must be rows + 1 = " + (rows + 1) + ", got " + indptr.length);
        }
        if (indptr[0] != 0) throw new IllegalArgumentException("indptr[0] must be 0, got " + indptr[0]);
        int nnz = indptr[rows];
        if (indices.length < nnz || values.length < nnz) {
            throw new IllegalArgumentException("indices/values: need at least indptr[rows] = " + nnz
                    + " entries, got " + indices.length + "/" + values.length);
        }
        CsrChecks.sortedIdsInRange(rows, indptr, indices, cols, "indices", "column", "columns", "cols");
        for (int r = 0; r < rows; r++) {
            for (int k = indptr[r]; k < indptr[r + 1]; k++) {
                if (!Float.isFinite(values[k])) {
                    throw new IllegalArgumentException("values: row " + r + ", column " + indices[k] + " is " + values[k]
                            + " (features must be finite)");
                }
            }
        }
        this.rows = rows;
        this.cols = cols;
        this.indptr = indptr;
        this.indices = indices;
        this.values = values;
    }

    @Override public int rows() { return rows; }
    @Override public int cols() { return cols; }
    @Override public long storedValues() { return indptr[rows]; }

    /** Row pointers (not a copy). */
    public int[] indptr() { return indptr; }
    /** Column indices (not a copy). */
    public int[] indices() { return indices; }
    /** Stored values (not a copy). */
    public float[] values() { return values; }

    @Override
    public float get(int row, int col) {
        Objects.checkIndex(row, rows);
        Objects.checkIndex(col, cols);
        int lo = indptr[row], hi = indptr[row + 1] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = indices[mid];
            if (c == col) return values[mid];
            if (c < col) lo = mid + 1; else hi = mid - 1;
        }
        return 0f;
    }

    /** Expands to a dense row-major matrix. */
    public DenseMatrix toDense() {
        float[] d = new float[Math.multiplyExact(rows, cols)];
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int k = indptr[r]; k < indptr[r + 1]; k++) d[base + indices[k]] = values[k];
        }
        return new DenseMatrix(rows, cols, d);
    }
}
