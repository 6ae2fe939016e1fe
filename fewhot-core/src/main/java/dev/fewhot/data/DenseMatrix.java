package dev.fewhot.data;

import java.util.Objects;

/**
 * A dense row-major float32 matrix: element (r, c) is {@code data[r * cols + c]}. The array is
 * shared, not copied: callers that hand one in must not modify it afterwards.
 */
public final class DenseMatrix implements Features {
    private final int rows;
    private final int cols;
    private final float[] data;

    /**
     * @param rows number of rows, at least 0
     * @param cols number of columns, at least 0
     * @param data row-major values, length rows * cols, all finite
     * @throws IllegalArgumentException when the length is not rows * cols or a value is NaN or
     *                                  infinite (the message names its row and column)
     */
    public DenseMatrix(int rows, int cols, float[] data) {
        if (rows < 0) throw new IllegalArgumentException("rows must be >= 0, got " + rows);
        if (cols < 0) throw new IllegalArgumentException("cols must be >= 0, got " + cols);
        Objects.requireNonNull(data, "data");
        if ((long) rows * cols != data.length) {
            throw new IllegalArgumentException("data: length must be rows * cols = " + ((long) rows * cols)
                    + ", got " + data.length);
        }
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                throw new IllegalArgumentException("data: row " + i / cols + ", column " + i % cols + " is " + data[i]
                        + " (features must be finite)");
            }
        }
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /**
     * A matrix from one array per row, copied; every row must have {@code cols} values.
     *
     * @throws IllegalArgumentException when a row has another width or a non-finite value
     */
    public static DenseMatrix of(int cols, float[]... rows) {
        if (rows == null) throw new IllegalArgumentException("rows must not be null");
        if (cols < 0) throw new IllegalArgumentException("cols must be >= 0, got " + cols);
        float[] d = new float[Math.multiplyExact(rows.length, cols)];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == null || rows[r].length != cols) {
                throw new IllegalArgumentException("rows: row " + r + " has " + (rows[r] == null ? "no array" : rows[r].length
                        + " values") + ", expected " + cols);
            }
            System.arraycopy(rows[r], 0, d, r * cols, cols);
        }
        return new DenseMatrix(rows.length, cols, d);
    }

    @Override public int rows() { return rows; }
    @Override public int cols() { return cols; }
    @Override public long storedValues() { return (long) rows * cols; }

    /** The backing row-major array (not a copy). */
    public float[] data() { return data; }

    @Override
    public float get(int row, int col) {
        Objects.checkIndex(row, rows);
        Objects.checkIndex(col, cols);
        return data[row * cols + col];
    }
}
