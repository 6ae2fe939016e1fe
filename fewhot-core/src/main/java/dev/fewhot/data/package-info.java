/**
 * The few-hot data layer: features (dense row-major or CSR), label sets (CSR of label ids with
 * optional soft values), datasets, streamed readers and writers, and label statistics.
 *
 * <p>The hot representation is a handful of primitive arrays per matrix: no boxing and no
 * per-row objects. Readers stream: they parse one line at a time into reusable buffers and hand
 * each row to a {@link dev.fewhot.data.RowSink}; {@link dev.fewhot.data.DatasetBuilder} is the
 * sink that assembles an in-memory {@link dev.fewhot.data.Dataset}. The file formats (XC,
 * LIBSVM) live in {@code dev.fewhot.data.io}.
 */
package dev.fewhot.data;
