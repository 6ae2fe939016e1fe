package dev.fewhot.data;

import java.util.Objects;

/**
 * The positive labels of each row, as CSR of label ids: row r's labels are
 * {@code labels[indptr[r] .. indptr[r+1])}, strictly increasing ids in [0, numLabels). An empty
 * row (no positive label) is allowed. Optional soft values in [0, 1] sit in the same slots of
 * {@code values}; without them every listed label has target 1 and every other label 0.
 */
public final class LabelSets {
    private final int rows;
    private final int numLabels;
    private final int[] indptr;
    private final int[] labels;
    private final float[] values;

    /**
     * @param rows      number of rows
     * @param numLabels size of the label space
     * @param indptr    row pointers, length rows + 1
     * @param labels    label ids
     * @param values    soft targets in [0, 1] parallel to {@code labels}, or null for hard labels
     * @throws IllegalArgumentException when the row pointers decrease, a row lists an id outside
     *         [0, numLabels) or out of increasing order (unsorted or repeated), or a soft value is
     *         outside [0, 1]; the message names the row and the value
     */
    public LabelSets(int rows, int numLabels, int[] indptr, int[] labels, float[] values) {
        if (rows < 0) throw new IllegalArgumentException("rows must be >= 0, got " + rows);
        if (numLabels < 0) throw new IllegalArgumentException("numLabels must be >= 0, got " + numLabels);
        Objects.requireNonNull(indptr, "indptr");
        Objects.requireNonNull(labels, "labels");
        if (indptr.length != rows + 1) {
            throw new IllegalArgumentException("indptr: length must be rows + 1 = " + (rows + 1) + ", got " + indptr.length);
        }
        if (labels.length < indptr[rows]) {
            throw new IllegalArgumentException("labels: need at least " + indptr[rows] + " entries, got " + labels.length);
        }
        if (values != null && values.length < indptr[rows]) {
            throw new IllegalArgumentException("values: need at least " + indptr[rows] + " entries, got " + values.length);
        }
        if (indptr[0] != 0) throw new IllegalArgumentException("indptr[0] must be 0, got " + indptr[0]);
        CsrChecks.sortedIdsInRange(rows, indptr, labels, numLabels, "labels", "label id", "ids", "numLabels");
        if (values != null) {
            for (int r = 0; r < rows; r++) {
                for (int k = indptr[r]; k < indptr[r + 1]; k++) {
                    if (!(values[k] >= 0 && values[k] <= 1)) {
                        throw new IllegalArgumentException("values: row " + r + ", label " + labels[k] + " has soft value "
                                + values[k] + ", outside [0, 1]");
                    }
                }
            }
        }
        this.rows = rows;
        this.numLabels = numLabels;
        this.indptr = indptr;
        this.labels = labels;
        this.values = values;
    }

    /**
     * Hard label sets from one array of label ids per row, e.g. {@code of(5, new int[][] {{0, 3}, {}, {4}})}.
     *
     * @throws IllegalArgumentException when a row lists an id outside [0, numLabels), or not in
     *                                  increasing order (unsorted or repeated)
     */
    public static LabelSets of(int numLabels, int[]... rows) {
        if (rows == null) throw new IllegalArgumentException("rows must not be null");
        int[] ptr = new int[rows.length + 1];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == null) throw new IllegalArgumentException("rows: row " + r + " is null (use an empty array)");
            ptr[r + 1] = Math.addExact(ptr[r], rows[r].length);
        }
        int[] ids = new int[ptr[rows.length]];
        for (int r = 0; r < rows.length; r++) System.arraycopy(rows[r], 0, ids, ptr[r], rows[r].length);
        return new LabelSets(rows.length, numLabels, ptr, ids, null);
    }

    /** Hard label sets in CSR form (see the constructor), validated. */
    public static LabelSets of(int rows, int numLabels, int[] indptr, int[] labels) {
        return new LabelSets(rows, numLabels, indptr, labels, null);
    }

    public int rows() { return rows; }
    public int numLabels() { return numLabels; }
    /** Row pointers (not a copy). */
    public int[] indptr() { return indptr; }
    /** Label ids (not a copy). */
    public int[] labels() { return labels; }
    /** Soft values parallel to {@link #labels()}, or null when every listed label is a hard 1. */
    public float[] values() { return values; }
    /** True when soft values are stored. */
    public boolean isSoft() { return values != null; }
    /** Total number of stored (positive) entries. */
    public int totalPositives() { return indptr[rows]; }
    /** Number of positive labels of row r. */
    public int count(int row) { return indptr[row + 1] - indptr[row]; }

    /**
     * Writes the dense targets of n rows into {@code out} (row-major, n x numLabels), zeros
     * elsewhere: rows {@code order[from .. from + n)}, or {@code from .. from + n} when order is
     * null. No allocation.
     */
    public void densify(int[] order, int from, int n, float[] out) {
        long need = (long) n * numLabels;
        if (out.length < need) throw new IllegalArgumentException("out: need " + need + " floats, got " + out.length);
        java.util.Arrays.fill(out, 0, (int) need, 0f);
        for (int i = 0; i < n; i++) {
            int r = order == null ? from + i : order[from + i], base = i * numLabels;
            for (int k = indptr[r]; k < indptr[r + 1]; k++) out[base + labels[k]] = values == null ? 1f : values[k];
        }
    }

    /** Per-label count of rows where the label is listed (positive, whatever its soft value). */
    public int[] labelCounts() {
        int[] c = new int[numLabels];
        int end = indptr[rows];
        for (int k = 0; k < end; k++) c[labels[k]]++;
        return c;
    }
}
