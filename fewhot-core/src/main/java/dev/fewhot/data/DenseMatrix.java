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
     * @param data row-major values, length rows * cols
     */
    public DenseMatrix(int rows, int cols, float[] data) {
        if (rows < 0) throw new IllegalArgumentException("rows must be >= 0, got " + rows);
        if (cols < 0) throw new IllegalArgumentException("cols must be >= 0, got " + cols);
        Objects.requireNonNull(data, "data");
        if ((long) rows * cols != data.length) {
            throw new IllegalArgumentException("data: length must be rows * cols = " + ((long) rows * cols)
                    + ", got " + data.length);
        }
        this.rows = rows;
        this.cols = cols;
        this.data = data;
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
