package dev.fewhot.data.io;

import dev.fewhot.data.Dataset;
import dev.fewhot.data.DatasetBuilder;
import dev.fewhot.data.RowSink;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The multi-label LIBSVM (svmlight) text format: no header, one line per row,
 * {@code l1,l2,... f:v f:v ...}. Index bases and dimensions come from {@link LibsvmOptions}
 * (defaults: features 1-based, labels 0-based, dimensions inferred as the largest index read
 * plus one).
 *
 * <p>Reading rules, as for {@link XcFormat} (label list = first token of a line that does not
 * start with whitespace; soft {@code l:v} labels; unsorted ids sorted, repeats rejected; CRLF,
 * byte order mark, tabs and trailing whitespace accepted), except for blank lines: an
 * <em>empty</em> line (nothing, or only a carriage return) is skipped, while a line holding only
 * whitespace is a row with no labels and no features (that is how the writer writes such a row).
 *
 * <p>The file does not record the dimensions: pass them in the options when reading a file back
 * if trailing features or labels may be unused.
 */
public final class LibsvmFormat {
    private LibsvmFormat() { }

    /** Reads the file with the default options. */
    public static Dataset read(Path file) throws IOException {
        return read(file, LibsvmOptions.DEFAULTS);
    }

    /** Reads the whole file into a dataset. */
    public static Dataset read(Path file, LibsvmOptions options) throws IOException {
        return read(file, options, BadLinePolicy.fail());
    }

    /** Reads the whole file; with {@link BadLinePolicy#skip()} malformed lines are skipped. */
    public static Dataset read(Path file, LibsvmOptions options, BadLinePolicy bad) throws IOException {
        DatasetBuilder b = new DatasetBuilder();
        DataShape s;
        try (Reader r = Io.open(file)) {
            s = read(r, file.toString(), options, b, bad);
        }
        return b.build(s.numFeatures(), s.numLabels(), List.of(), List.of());
    }

    /**
     * Streams the file's rows to {@code sink}, after {@code sink.begin(-1, numFeatures,
     * numLabels)} with the options' dimensions (-1 when inferred).
     */
    public static DataShape read(Path file, LibsvmOptions options, RowSink sink) throws IOException {
        try (Reader r = Io.open(file)) {
            return read(r, file.toString(), options, sink);
        }
    }

    /** Streams rows from {@code in}; {@code fileName} is used in error messages. Does not close {@code in}. */
    public static DataShape read(Reader in, String fileName, LibsvmOptions options, RowSink sink) throws IOException {
        return read(in, fileName, options, sink, BadLinePolicy.fail());
    }

    /** As {@link #read(Reader, String, LibsvmOptions, RowSink)} with a policy for malformed lines. */
    public static DataShape read(Reader in, String fileName, LibsvmOptions options, RowSink sink, BadLinePolicy bad)
            throws IOException {
        Objects.requireNonNull(options, "options");
        LineReader lr = new LineReader(in);
        RowParser p = new RowParser(fileName, options.labelBase(), options.featureBase(),
                options.numLabels(), options.numFeatures());
        sink.begin(-1, options.numFeatures(), options.numLabels());
        int rows = 0;
        try {
            while (lr.next()) {
                if (lr.start() == lr.end()) continue;
                try {
                    p.parse(lr.buf(), lr.start(), lr.end(), lr.lineNumber());
                } catch (dev.fewhot.data.DataFormatException e) {
                    bad.handle(e, rows);
                    continue;
                }
                sink.row(p.labels, p.soft ? p.labelValues : null, p.nLabels, p.featIdx, p.featVals, p.nnz);
                if (++rows < 0) throw new IOException("more than " + Integer.MAX_VALUE + " rows");
            }
        } catch (IOException e) {
            throw Io.named(fileName, e);
        }
        int d = options.numFeatures() >= 0 ? options.numFeatures() : p.maxFeature + 1;
        int l = options.numLabels() >= 0 ? options.numLabels() : p.maxLabel + 1;
        return new DataShape(rows, d, l);
    }

    /** Writes the dataset with the default options (features 1-based, labels 0-based). */
    public static void write(Path file, Dataset data) throws IOException {
        write(file, data, LibsvmOptions.DEFAULTS);
    }

    /**
     * Writes the dataset with the options' bases (atomically: a temporary file in the same
     * folder, then a move). The options' dimensions are ignored: the dataset's are used.
     */
    public static void write(Path file, Dataset data, LibsvmOptions options) throws IOException {
        LibsvmOptions o = options.withDimensions(data.numFeatures(), data.numLabels());
        try (RowWriter w = writer(file, o)) {
            w.writeAll(data);
        }
    }

    /**
     * A streaming writer; {@link RowWriter#close()} publishes the file. Dimensions given in the
     * options are checked on every row; -1 accepts any id.
     */
    public static RowWriter writer(Path file, LibsvmOptions options) throws IOException {
        return new RowWriter(file, RowWriter.Kind.LIBSVM, options.labelBase(), options.featureBase(),
                options.numFeatures(), options.numLabels(), -1);
    }
}
