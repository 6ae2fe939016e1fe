package dev.fewhot.data.io;

import dev.fewhot.data.DataFormatException;
import dev.fewhot.data.Dataset;
import dev.fewhot.data.DatasetBuilder;
import dev.fewhot.data.RowSink;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.List;

/**
 * The Extreme Classification Repository text format.
 *
 * <pre>
 * N D L                         header: rows, features, labels
 * l1,l2,... f:v f:v ...         one line per row, 0-based label ids and feature indices
 * </pre>
 *
 * <p>Reading rules:
 * <ul>
 * <li>The label list is the first token of a line that does not start with whitespace. A row
 *     without labels starts with whitespace (or is empty); a first token at column 1 is always
 *     the label list, so {@code 3:1 5:2} without a leading space means label 3 (soft value 1)
 *     and feature 5.</li>
 * <li>Soft labels (an extension): {@code l:v} in the label list with v in [0, 1]; plain ids in
 *     the same list have value 1. A row with at least one {@code l:v} is a soft row.</li>
 * <li>Blank lines: within the first N rows, an empty or whitespace-only line is a row with no
 *     labels and no features and counts toward N. After N rows, blank lines are ignored; any
 *     other line is an error ("more rows than the header says").</li>
 * <li>Ids and indices that are not increasing within a row are sorted; a repeat is an error.</li>
 * <li>CRLF line ends, a UTF-8 byte order mark, runs of spaces and tabs between tokens and
 *     trailing whitespace are accepted. Columns in errors are 1-based character positions,
 *     counted after a byte order mark.</li>
 * </ul>
 * Every problem is a {@link DataFormatException} with file, line, column, expected and found.
 *
 * <p>Writing: the header, then per row the label list (with {@code :v} only for soft rows), then
 * {@code f:v} pairs separated by single spaces; a row without labels starts with a space. Values
 * are written so that reading gives back the identical floats.
 */
public final class XcFormat {
    private XcFormat() { }

    /** Reads the whole file into a dataset with the header's dimensions. */
    public static Dataset read(Path file) throws IOException {
        return read(file, BadLinePolicy.fail());
    }

    /**
     * Reads the whole file; with {@link BadLinePolicy#skip()} malformed row lines are skipped
     * (they still count toward the header's N, so the dataset has N minus the skipped rows).
     */
    public static Dataset read(Path file, BadLinePolicy bad) throws IOException {
        DatasetBuilder b = new DatasetBuilder();
        DataShape s;
        try (Reader r = Io.open(file)) {
            s = read(r, file.toString(), b, bad);
        }
        return b.build(s.numFeatures(), s.numLabels(), List.of(), List.of());
    }

    /** Streams the file's rows to {@code sink} (after {@code sink.begin(N, D, L)}). */
    public static DataShape read(Path file, RowSink sink) throws IOException {
        try (Reader r = Io.open(file)) {
            return read(r, file.toString(), sink);
        }
    }

    /** As {@link #read(Reader, String, RowSink)} with a policy for malformed row lines. */
    public static DataShape read(Reader in, String fileName, RowSink sink, BadLinePolicy bad) throws IOException {
        LineReader lr = new LineReader(in);
        try {
            return read(lr, fileName, sink, bad);
        } catch (IOException e) {
            throw Io.named(fileName, e);
        }
    }

    /**
     * Streams rows from {@code in} to {@code sink}; {@code fileName} is used in error messages.
     * Does not close {@code in}.
     */
    public static DataShape read(Reader in, String fileName, RowSink sink) throws IOException {
        LineReader lr = new LineReader(in);
        try {
            return read(lr, fileName, sink, BadLinePolicy.fail());
        } catch (IOException e) {
            throw Io.named(fileName, e);
        }
    }

    private static DataShape read(LineReader lr, String file, RowSink sink, BadLinePolicy bad) throws IOException {
        if (!lr.next()) {
            throw new DataFormatException(file, 1, 1, "a header 'N D L' (three non-negative integers)", "an empty file");
        }
        int[] header = parseHeader(lr, file);
        int n = header[0], d = header[1], l = header[2];
        sink.begin(n, d, l);
        RowParser p = new RowParser(file, 0, 0, l, d);
        int rows = 0, lines = 0;
        while (lines < n && lr.next()) {
            lines++;
            try {
                p.parse(lr.buf(), lr.start(), lr.end(), lr.lineNumber());
            } catch (DataFormatException e) {
                bad.handle(e, rows);
                continue;
            }
            sink.row(p.labels, p.soft ? p.labelValues : null, p.nLabels, p.featIdx, p.featVals, p.nnz);
            rows++;
        }
        if (lines < n) {
            throw new DataFormatException(file, lr.lineNumber() + 1, 1,
                    n + " rows as the header on line 1 says", "the end of the file after " + lines + " rows");
        }
        while (lr.next()) {
            if (!lr.isBlank()) {
                int s = lr.start();
                while (Text.isSpace(lr.buf()[s])) s++;
                throw new DataFormatException(file, lr.lineNumber(), s - lr.start() + 1,
                        "the end of the file after " + n + " rows as the header on line 1 says",
                        "another row " + Text.quote(lr.buf(), lr.start(), lr.end()));
            }
        }
        return new DataShape(rows, d, l);
    }

    private static int[] parseHeader(LineReader lr, String file) throws DataFormatException {
        final String expected = "a header 'N D L' (three non-negative integers)";
        char[] c = lr.buf();
        int ls = lr.start(), e = lr.end();
        int[] out = new int[3];
        int p = ls;
        for (int k = 0; k < 3; k++) {
            while (p < e && Text.isSpace(c[p])) p++;
            if (p >= e) {
                throw new DataFormatException(file, lr.lineNumber(), p - ls + 1, expected,
                        k == 0 ? "an empty line" : "the end of the line after " + k + " number" + (k == 1 ? "" : "s"));
            }
            int te = Text.tokenEnd(c, p, e);
            long v = 0;
            for (int i = p; i < te; i++) {
                char ch = c[i];
                if (ch < '0' || ch > '9') {
                    throw new DataFormatException(file, lr.lineNumber(), p - ls + 1, expected, Text.quote(c, p, te));
                }
                if (v <= Integer.MAX_VALUE) v = v * 10 + (ch - '0');
            }
            if (v > Integer.MAX_VALUE) {
                throw new DataFormatException(file, lr.lineNumber(), p - ls + 1,
                        expected + " within the int range (at most " + Integer.MAX_VALUE + ")", Text.quote(c, p, te));
            }
            out[k] = (int) v;
            p = te;
        }
        while (p < e && Text.isSpace(c[p])) p++;
        if (p < e) {
            throw new DataFormatException(file, lr.lineNumber(), p - ls + 1, expected,
                    "an extra token " + Text.quote(c, p, Text.tokenEnd(c, p, e)));
        }
        return out;
    }

    /** Writes the dataset (atomically: a temporary file in the same folder, then a move). */
    public static void write(Path file, Dataset data) throws IOException {
        try (RowWriter w = writer(file, data.rows(), data.numFeatures(), data.numLabels())) {
            w.writeAll(data);
        }
    }

    /**
     * A streaming writer with a known row count: write exactly {@code rows} rows, then
     * {@link RowWriter#close()} publishes the file.
     */
    public static RowWriter writer(Path file, int rows, int numFeatures, int numLabels) throws IOException {
        if (rows < 0) throw new IllegalArgumentException("rows must be >= 0, got " + rows);
        return new RowWriter(file, RowWriter.Kind.XC, 0, 0, numFeatures, numLabels, rows);
    }

    /**
     * A streaming writer for an unknown number of rows: the header's N is reserved with padding
     * and filled in by {@link RowWriter#close()}.
     */
    public static RowWriter writer(Path file, int numFeatures, int numLabels) throws IOException {
        return new RowWriter(file, RowWriter.Kind.XC, 0, 0, numFeatures, numLabels, -1);
    }
}
