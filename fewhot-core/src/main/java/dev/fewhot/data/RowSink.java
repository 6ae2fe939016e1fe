package dev.fewhot.data;

/**
 * Receives parsed rows one at a time from a streaming reader. The arrays are the reader's
 * reusable buffers: valid only during the call, and only their first {@code nLabels} /
 * {@code nnz} entries. Label ids and feature indices arrive 0-based, strictly increasing.
 */
public interface RowSink {
    /** Called once before the first row with the dimensions known so far (-1 when unknown). */
    default void begin(int rows, int numFeatures, int numLabels) { }

    /**
     * One row.
     *
     * @param labels      label ids
     * @param labelValues soft values parallel to labels, or null when all are hard 1
     * @param nLabels     number of labels
     * @param featIdx     feature indices
     * @param featVals    feature values
     * @param nnz         number of features
     */
    void row(int[] labels, float[] labelValues, int nLabels, int[] featIdx, float[] featVals, int nnz);
}
