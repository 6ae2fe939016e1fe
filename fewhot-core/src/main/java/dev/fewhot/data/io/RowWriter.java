package dev.fewhot.data.io;

import dev.fewhot.data.CsrMatrix;
import dev.fewhot.data.Dataset;
import dev.fewhot.data.DenseMatrix;
import dev.fewhot.data.Features;
import dev.fewhot.data.LabelSets;
import dev.fewhot.data.RowSink;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Writes rows of an XC or LIBSVM file one at a time, so a generator can stream rows without
 * holding a dataset; made by {@link XcFormat#writer} or {@link LibsvmFormat#writer}.
 *
 * <p>The text goes to a temporary file in the target's folder. {@link #close()} commits: it
 * flushes, forces the data to disk ({@link FileChannel#force}), and moves the temporary file onto
 * the target ({@code ATOMIC_MOVE}, replacing an existing file; a plain replacing move where the
 * file system cannot move atomically). Until then the target is untouched. {@link #abort()}
 * discards the temporary file instead; any failure while committing does the same. An XC writer
 * with a declared row count refuses to commit a different count (the file is discarded).
 *
 * <p>Because {@code close()} commits, a producer that can fail should abort explicitly:
 * <pre>{@code
 * try (RowWriter w = XcFormat.writer(path, numFeatures, numLabels)) {
 *     try {
 *         for (...) w.writeRow(labels, null, nLabels, idx, vals, nnz);
 *     } catch (RuntimeException | IOException e) {
 *         w.abort();
 *         throw e;
 *     }
 * }
 * }</pre>
 *
 * <p>As a {@link RowSink} it lets a reader convert formats in a stream (I/O errors then surface
 * as {@link UncheckedIOException}). Not thread-safe.
 */
public final class RowWriter implements RowSink, Closeable {
    enum Kind { XC, LIBSVM }

    private static final int ROW_DIGITS = 10; // room reserved for N when the row count is unknown

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final Writer out;
    private final Kind kind;
    private final int labelBase;
    private final int featureBase;
    private final int numFeatures;
    private final int numLabels;
    private final int expectedRows;
    private final int headerLength;
    private final StringBuilder line = new StringBuilder(256);
    private char[] chars = new char[256];
    private int[] denseIdx;
    private float[] denseVals;
    private long rows;
    private boolean done;

    RowWriter(Path target, Kind kind, int labelBase, int featureBase, int numFeatures, int numLabels,
              int expectedRows) throws IOException {
        Objects.requireNonNull(target, "target");
        if (kind == Kind.XC && (numFeatures < 0 || numLabels < 0)) {
            throw new IllegalArgumentException("numFeatures and numLabels must be >= 0, got " + numFeatures
                    + " and " + numLabels);
        }
        if (numFeatures < -1 || numLabels < -1) {
            throw new IllegalArgumentException("numFeatures and numLabels must be >= -1, got " + numFeatures
                    + " and " + numLabels);
        }
        this.target = target;
        this.kind = kind;
        this.labelBase = labelBase;
        this.featureBase = featureBase;
        this.numFeatures = numFeatures;
        this.numLabels = numLabels;
        this.expectedRows = expectedRows;
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        this.temp = dev.fewhot.data.io.AtomicFiles.temporaryBeside(dir, abs.getFileName().toString() + ".");
        FileChannel ch = null;
        try {
            ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            this.channel = ch;
            this.out = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(ch), StandardCharsets.UTF_8),
                    1 << 16);
            if (kind == Kind.XC) {
                String h = header(expectedRows < 0 ? 0 : expectedRows);
                this.headerLength = h.length();
                out.write(h);
                out.write('\n');
            } else {
                this.headerLength = 0;
            }
        } catch (IOException | RuntimeException e) {
            if (ch != null) closeQuietly(ch);
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    private String header(long n) {
        String h = n + " " + numFeatures + " " + numLabels;
        if (expectedRows < 0) {
            int width = ROW_DIGITS + 2 + Integer.toString(numFeatures).length() + Integer.toString(numLabels).length();
            StringBuilder sb = new StringBuilder(h);
            while (sb.length() < width) sb.append(' ');
            h = sb.toString();
        }
        return h;
    }

    /** The file this writer publishes on {@link #close()}. */
    public Path target() { return target; }

    /** Rows written so far. */
    public long rows() { return rows; }

    /**
     * Writes one row. Label ids and feature indices are 0-based and strictly increasing; label
     * ids below the label count, feature indices below the feature count (when known); values
     * finite; soft values in [0, 1].
     *
     * @param labels      label ids ({@code nLabels} used)
     * @param labelValues soft values parallel to {@code labels}, or null for hard labels
     * @param nLabels     number of labels
     * @param featIdx     feature indices ({@code nnz} used)
     * @param featVals    feature values
     * @param nnz         number of features
     * @throws IllegalArgumentException on an invalid row (nothing is written)
     * @throws IllegalStateException    after commit or abort, or beyond the declared row count
     */
    public void writeRow(int[] labels, float[] labelValues, int nLabels, int[] featIdx, float[] featVals, int nnz)
            throws IOException {
        writeRow(labels, 0, labelValues, nLabels, featIdx, featVals, 0, nnz);
    }

    private void writeRow(int[] labels, int lOff, float[] labelValues, int nLabels,
                          int[] featIdx, float[] featVals, int fOff, int nnz) throws IOException {
        if (done) throw new IllegalStateException("writer for " + target + " is already closed");
        if (expectedRows >= 0 && rows >= expectedRows) {
            throw new IllegalStateException("row " + rows + ": the header of " + target + " declares " + expectedRows + " rows");
        }
        validate(labels, lOff, labelValues, nLabels, featIdx, featVals, fOff, nnz);
        StringBuilder sb = line;
        sb.setLength(0);
        for (int k = 0; k < nLabels; k++) {
            if (k > 0) sb.append(',');
            sb.append((long) labels[lOff + k] + labelBase);
            if (labelValues != null) {
                sb.append(':');
                Text.appendFloat(sb, labelValues[lOff + k]);
            }
        }
        if (nLabels == 0) sb.append(' ');
        for (int k = 0; k < nnz; k++) {
            if (k > 0 || nLabels > 0) sb.append(' ');
            sb.append((long) featIdx[fOff + k] + featureBase).append(':');
            Text.appendFloat(sb, featVals[fOff + k]);
        }
        sb.append('\n');
        int len = sb.length();
        if (chars.length < len) chars = new char[Math.max(len, chars.length * 2)];
        sb.getChars(0, len, chars, 0);
        out.write(chars, 0, len);
        rows++;
    }

    private void validate(int[] labels, int lOff, float[] labelValues, int nLabels,
                          int[] featIdx, float[] featVals, int fOff, int nnz) {
        if (nLabels < 0 || nnz < 0) throw new IllegalArgumentException("row " + rows + ": negative count");
        if (nLabels > 0) {
            Objects.checkFromIndexSize(lOff, nLabels, labels.length);
            if (labelValues != null) Objects.checkFromIndexSize(lOff, nLabels, labelValues.length);
        }
        if (nnz > 0) {
            Objects.checkFromIndexSize(fOff, nnz, featIdx.length);
            Objects.checkFromIndexSize(fOff, nnz, featVals.length);
        }
        int prev = -1;
        for (int k = 0; k < nLabels; k++) {
            int id = labels[lOff + k];
            if (id <= prev || (numLabels >= 0 && id >= numLabels)) {
                throw new IllegalArgumentException("row " + rows + ": label ids must be strictly increasing in [0, "
                        + (numLabels >= 0 ? numLabels : "2^31-1") + "), got " + id + " after " + prev);
            }
            if (labelValues != null) {
                float v = labelValues[lOff + k];
                if (!(v >= 0f && v <= 1f)) {
                    throw new IllegalArgumentException("row " + rows + ": soft label values must be in [0, 1], got "
                            + v + " for label " + id);
                }
            }
            prev = id;
        }
        prev = -1;
        for (int k = 0; k < nnz; k++) {
            int j = featIdx[fOff + k];
            if (j <= prev || (numFeatures >= 0 && j >= numFeatures)) {
                throw new IllegalArgumentException("row " + rows + ": feature indices must be strictly increasing in [0, "
                        + (numFeatures >= 0 ? numFeatures : "2^31-1") + "), got " + j + " after " + prev);
            }
            if (!Float.isFinite(featVals[fOff + k])) {
                throw new IllegalArgumentException("row " + rows + ": feature values must be finite, got "
                        + featVals[fOff + k] + " for feature " + j);
            }
            prev = j;
        }
    }

    /** {@link RowSink} view of {@link #writeRow}: I/O errors become {@link UncheckedIOException}. */
    @Override
    public void row(int[] labels, float[] labelValues, int nLabels, int[] featIdx, float[] featVals, int nnz) {
        try {
            writeRow(labels, labelValues, nLabels, featIdx, featVals, nnz);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes every row of {@code data} (dense rows: the non-zero values, -0.0 included). */
    public void writeAll(Dataset data) throws IOException {
        Features f = data.features();
        LabelSets y = data.labels();
        int[] lp = y.indptr();
        if (f instanceof CsrMatrix csr) {
            int[] fp = csr.indptr();
            for (int r = 0; r < data.rows(); r++) {
                writeRow(y.labels(), lp[r], y.values(), lp[r + 1] - lp[r],
                        csr.indices(), csr.values(), fp[r], fp[r + 1] - fp[r]);
            }
        } else {
            DenseMatrix dm = (DenseMatrix) f;
            int cols = dm.cols();
            float[] a = dm.data();
            if (denseIdx == null || denseIdx.length < cols) {
                denseIdx = new int[cols];
                denseVals = new float[cols];
            }
            for (int r = 0; r < data.rows(); r++) {
                int n = 0, base = r * cols;
                for (int j = 0; j < cols; j++) {
                    float v = a[base + j];
                    if (Float.floatToRawIntBits(v) != 0) {
                        denseIdx[n] = j;
                        denseVals[n++] = v;
                    }
                }
                writeRow(y.labels(), lp[r], y.values(), lp[r + 1] - lp[r], denseIdx, denseVals, 0, n);
            }
        }
    }

    /** Discards the temporary file; the target is left as it was. Idempotent. */
    public void abort() throws IOException {
        if (done) return;
        done = true;
        closeQuietly(out);
        Files.deleteIfExists(temp);
    }

    /**
     * Commits: flushes, forces to disk and moves the temporary file onto the target. Does nothing
     * after an abort or an earlier close.
     *
     * @throws IllegalStateException when an XC writer's declared row count was not reached (the
     *                               file is discarded)
     */
    @Override
    public void close() throws IOException {
        if (done) return;
        if (expectedRows >= 0 && rows != expectedRows) {
            abort();
            throw new IllegalStateException("the header of " + target + " declares " + expectedRows
                    + " rows but " + rows + " were written; file discarded");
        }
        done = true;
        try {
            out.flush();
            if (kind == Kind.XC && expectedRows < 0) {
                if (rows > Integer.MAX_VALUE) throw new IOException(target + ": more than " + Integer.MAX_VALUE + " rows");
                byte[] h = header(rows).getBytes(StandardCharsets.US_ASCII);
                if (h.length != headerLength) throw new IllegalStateException("header length changed");
                ByteBuffer bb = ByteBuffer.wrap(h);
                long pos = 0;
                while (bb.hasRemaining()) pos += channel.write(bb, pos);
            }
            channel.force(true);
            out.close();
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(out);
            try {
                Files.deleteIfExists(temp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // the temporary file is deleted next; nothing else to do
        }
    }
}
