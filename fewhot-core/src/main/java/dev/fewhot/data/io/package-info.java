/**
 * Streamed readers and writers of the multi-label text formats: the Extreme Classification
 * Repository format ({@link dev.fewhot.data.io.XcFormat}), multi-label LIBSVM
 * ({@link dev.fewhot.data.io.LibsvmFormat}, settings in {@link dev.fewhot.data.io.LibsvmOptions}),
 * and the read-only ARFF ({@link dev.fewhot.data.io.ArffFormat}, Mulan XML labels or MEKA
 * {@code -C}, settings in {@link dev.fewhot.data.io.ArffOptions}) and CSV / TSV
 * ({@link dev.fewhot.data.io.CsvFormat}, settings in {@link dev.fewhot.data.io.CsvOptions}),
 * chosen by name through {@link dev.fewhot.data.io.DataFormat}.
 *
 * <p>Readers parse one line at a time with a hand-written scanner over a character buffer into
 * reusable int and float buffers, and hand each row to a {@link dev.fewhot.data.RowSink};
 * {@code read(Path)} builds a {@link dev.fewhot.data.Dataset} through
 * {@link dev.fewhot.data.DatasetBuilder}. Malformed input is reported as a
 * {@link dev.fewhot.data.DataFormatException} with file, 1-based line and column, what was
 * expected and what was found; other I/O errors name the file.
 *
 * <p>Writers ({@link dev.fewhot.data.io.RowWriter}) stream rows to a temporary file in the
 * target's folder and publish it on close with a forced flush and an atomic move. Floats are
 * written so that reading them back gives identical values.
 */
package dev.fewhot.data.io;
