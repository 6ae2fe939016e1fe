package dev.fewhot.data.io;

import dev.fewhot.data.DataFormatException;
import dev.fewhot.data.Dataset;
import dev.fewhot.data.DatasetBuilder;
import dev.fewhot.data.RowSink;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Multi-label CSV (or TSV, or any single-character delimiter) with a required header row.
 *
 * <p>Syntax (RFC 4180): fields separated by the delimiter; a field that starts with {@code "}
 * is quoted: it may hold delimiters and line breaks, and {@code ""} stands for one quote; after
 * the closing quote comes the delimiter or the end of the record. A quote inside an unquoted
 * field is an error. CRLF line ends and a UTF-8 byte order mark are accepted; empty lines
 * (outside quotes) are skipped. Every row has as many fields as the header.
 *
 * <p>Labels ({@link CsvOptions}), one of:
 * <ul>
 * <li>label columns by exact names (label ids in the order the names are given) or by a name
 *     prefix (ids in header order; label names are the full column names): values 0 or 1, or
 *     soft values in [0, 1] (0 is not stored, 1 is a hard label, anything between is soft);</li>
 * <li>one label list column holding the row's label names separated by a separator (default
 *     {@code |}); names are trimmed of spaces, an empty cell means no labels, an empty name
 *     between separators or a repeated name is an error. Without a fixed vocabulary the label
 *     ids follow the order of <em>first appearance</em> in the file (streaming, no second
 *     pass); with one ({@link CsvOptions#withVocabulary}) ids are positions in it and a name
 *     outside it is an error (so a test file maps by name onto a model's labels).</li>
 * </ul>
 * Every other column is a numeric feature (in header order, named by the header); spaces
 * around numbers are allowed, an empty cell is an error. Zero feature values are not stored.
 *
 * <p>Every problem is a {@link DataFormatException} with file, line, column (of the field's
 * first character), expected and found.
 */
public final class CsvFormat {
    private CsvFormat() { }

    /** The result of a streamed read: the dimensions and the names. */
    public record Header(DataShape shape, List<String> featureNames, List<String> labelNames) { }

    /** Reads the whole file into a dataset with column names as feature and label names. */
    public static Dataset read(Path file, CsvOptions options) throws IOException {
        return read(file, options, BadLinePolicy.fail());
    }

    /**
     * Reads the whole file; with {@link BadLinePolicy#skip()} malformed data records (wrong field
     * count, bad values, a stray quote) are skipped. The header row and an unterminated quoted
     * field at the end of the file still fail.
     */
    public static Dataset read(Path file, CsvOptions options, BadLinePolicy bad) throws IOException {
        DatasetBuilder b = new DatasetBuilder();
        Header h;
        try (Reader r = Io.open(file)) {
            h = stream(r, file.toString(), options, b, bad);
        }
        return b.build(h.shape().numFeatures(), h.shape().numLabels(), h.labelNames(), h.featureNames());
    }

    /** Streams the file's rows to {@code sink}. */
    public static DataShape read(Path file, CsvOptions options, RowSink sink) throws IOException {
        return stream(file, options, sink).shape();
    }

    /** Streams the file's rows to {@code sink} and returns dimensions and names. */
    public static Header stream(Path file, CsvOptions options, RowSink sink) throws IOException {
        try (Reader r = Io.open(file)) {
            return stream(r, file.toString(), options, sink);
        }
    }

    /** Streams rows from {@code in}; {@code fileName} is used in error messages. Does not close {@code in}. */
    public static Header stream(Reader in, String fileName, CsvOptions options, RowSink sink) throws IOException {
        return stream(in, fileName, options, sink, BadLinePolicy.fail());
    }

    /** As {@link #stream(Reader, String, CsvOptions, RowSink)} with a policy for malformed records. */
    public static Header stream(Reader in, String fileName, CsvOptions options, RowSink sink, BadLinePolicy bad)
            throws IOException {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(bad, "bad");
        try {
            return new Parser(fileName, options, new LineReader(in), bad).run(sink);
        } catch (IOException e) {
            throw Io.named(fileName, e);
        }
    }

    private static final int LIST = Integer.MIN_VALUE;

    private static final class Parser {
        private final String file;
        private final CsvOptions o;
        private final LineReader lr;
        private final char delim;
        private final int[] err = new int[1];

        // current record: field k is val[fs[k] .. fe[k]), starting at line fline[k], column fcol[k]
        private char[] val = new char[1024];
        private int vlen;
        private int[] fs = new int[64];
        private int[] fe = new int[64];
        private long[] fline = new long[64];
        private int[] fcol = new int[64];
        private int nFields;
        private long endLine;
        private int endCol;

        // layout
        private String[] header;
        private int[] role;
        private final List<String> labelNames = new ArrayList<>();
        private final List<String> featureNames = new ArrayList<>();
        private Map<String, Integer> vocab;
        private final boolean fixedVocab;

        // row buffers
        private int[] featIdx;
        private float[] featVals;
        private int nnz;
        private int[] labels = new int[16];
        private float[] labelValues = new float[16];
        private int nLabels;
        private boolean soft;

        private final BadLinePolicy bad;

        Parser(String file, CsvOptions o, LineReader lr, BadLinePolicy bad) {
            this.bad = bad;
            this.file = file;
            this.o = o;
            this.lr = lr;
            this.delim = o.delimiter();
            this.fixedVocab = o.vocabulary() != null;
        }

        Header run(RowSink sink) throws IOException {
            if (!nextRecord()) throw new DataFormatException(file, 1, 1, "a header row with the column names", "an empty file");
            layout();
            int nf = featureNames.size();
            featIdx = new int[Math.max(1, nf)];
            featVals = new float[Math.max(1, nf)];
            sink.begin(-1, nf, o.labelListColumn() == null || fixedVocab ? labelNames.size() : -1);
            int rows = 0;
            while (true) {
                try {
                    if (!nextRecord()) break;
                } catch (DataFormatException e) {
                    if (e.line() > 0 && e.found().equals("the end of the file")) throw e; // unterminated quote
                    bad.handle(e, rows);
                    continue;
                }
                int vocabBefore = vocab == null ? 0 : vocab.size();
                try {
                    if (nFields != header.length) {
                        if (nFields > header.length) {
                            throw new DataFormatException(file, fline[header.length], fcol[header.length],
                                    header.length + " fields as in the header", nFields + " fields");
                        }
                        throw new DataFormatException(file, endLine, endCol, header.length + " fields as in the header",
                                "the end of the row after " + nFields + " field" + (nFields == 1 ? "" : "s"));
                    }
                    row();
                } catch (DataFormatException e) {
                    bad.handle(e, rows);
                    // forget label names first seen in the skipped record
                    if (vocab != null && !fixedVocab) vocab.values().removeIf(id -> id >= vocabBefore);
                    continue;
                }
                sink.row(labels, soft ? labelValues : null, nLabels, featIdx, featVals, nnz);
                if (++rows < 0) throw new IOException("more than " + Integer.MAX_VALUE + " rows");
            }
            if (!fixedVocab && o.labelListColumn() != null) {
                labelNames.clear();
                String[] byId = new String[vocab.size()];
                vocab.forEach((k, v) -> byId[v] = k);
                labelNames.addAll(Arrays.asList(byId));
            }
            return new Header(new DataShape(rows, featureNames.size(), labelNames.size()), List.copyOf(featureNames),
                    List.copyOf(labelNames));
        }

        // ---------------------------------------------------------------- layout

        private void layout() throws DataFormatException {
            int n = nFields;
            header = new String[n];
            Map<String, Integer> col = new HashMap<>();
            for (int k = 0; k < n; k++) {
                header[k] = new String(val, fs[k], fe[k] - fs[k]);
                Integer before = col.putIfAbsent(header[k], k);
                if (before != null) {
                    throw new DataFormatException(file, fline[k], fcol[k], "each column name once in the header",
                            Text.quote(header[k]) + " again (first at column " + fcol[before] + ")");
                }
            }
            role = new int[n];
            Arrays.fill(role, -1);
            int nl = 0;
            if (o.labelColumns() != null) {
                for (String name : o.labelColumns()) {
                    Integer k = col.get(name);
                    if (k == null) {
                        throw new DataFormatException(file, fline[0], fcol[0], "a column named " + Text.quote(name)
                                + " in the header (a label column)", "no such column among " + columnList());
                    }
                    role[k] = -(nl++) - 2;
                    labelNames.add(name);
                }
            } else if (o.labelPrefix() != null) {
                for (int k = 0; k < n; k++) {
                    if (header[k].startsWith(o.labelPrefix())) {
                        role[k] = -(nl++) - 2;
                        labelNames.add(header[k]);
                    }
                }
                if (nl == 0) {
                    throw new DataFormatException(file, fline[0], fcol[0], "a column whose name starts with "
                            + Text.quote(o.labelPrefix()) + " (the label prefix)", "none among " + columnList());
                }
            } else {
                Integer k = col.get(o.labelListColumn());
                if (k == null) {
                    throw new DataFormatException(file, fline[0], fcol[0], "a column named " + Text.quote(o.labelListColumn())
                            + " in the header (the label list column)", "no such column among " + columnList());
                }
                role[k] = LIST;
                vocab = new HashMap<>();
                if (fixedVocab) {
                    for (String v : o.vocabulary()) vocab.put(v, vocab.size());
                    labelNames.addAll(o.vocabulary());
                }
            }
            int nf = 0;
            for (int k = 0; k < n; k++) {
                if (role[k] == -1) {
                    role[k] = nf++;
                    featureNames.add(header[k]);
                }
            }
        }

        private String columnList() {
            StringBuilder sb = new StringBuilder().append(header.length).append(" columns [");
            for (int k = 0; k < header.length && sb.length() < 200; k++) {
                sb.append(k == 0 ? "" : ", ").append(header[k]);
            }
            return sb.append(sb.length() >= 200 ? ", ...]" : "]").toString();
        }

        // ---------------------------------------------------------------- rows

        private void row() throws DataFormatException {
            nnz = 0;
            nLabels = 0;
            soft = false;
            for (int k = 0; k < nFields; k++) {
                int r = role[k];
                int s = fs[k], e = fe[k];
                while (s < e && Text.isSpace(val[s])) s++;
                while (e > s && Text.isSpace(val[e - 1])) e--;
                if (r == LIST) {
                    labelList(k, s, e);
                    continue;
                }
                if (s == e) {
                    throw fieldError(k, r >= 0 ? "a number for column " + Text.quote(header[k])
                            : "0, 1 or a soft value in [0, 1] for label column " + Text.quote(header[k]), "an empty field");
                }
                float v = Text.parseFloat(val, s, e, err);
                if (r >= 0) {
                    if (err[0] == Text.BAD_NUMBER) throw fieldError(k, "a number for column " + Text.quote(header[k]), Text.quote(val, s, e));
                    if (err[0] == Text.NOT_FINITE) {
                        throw fieldError(k, "a finite number for column " + Text.quote(header[k]), Text.quote(val, s, e));
                    }
                    if (v != 0f) {
                        featIdx[nnz] = r;
                        featVals[nnz] = v;
                        nnz++;
                    }
                } else {
                    if (err[0] != 0 || !(v >= 0f && v <= 1f)) {
                        throw fieldError(k, "0, 1 or a soft value in [0, 1] for label column " + Text.quote(header[k]),
                                Text.quote(val, s, e));
                    }
                    if (v != 0f) addLabel(-r - 2, v);
                }
            }
            RowParser.sortFew(labels, labelValues, nLabels);
        }

        private void labelList(int k, int s, int e) throws DataFormatException {
            if (s == e) return;
            String sep = o.labelSeparator();
            String cell = new String(val, s, e - s);
            int from = 0;
            while (true) {
                int at = cell.indexOf(sep, from);
                int to = at < 0 ? cell.length() : at;
                String name = cell.substring(from, to).strip();
                if (name.isEmpty()) {
                    throw fieldError(k, "a label name " + (at < 0 ? "after " : "before ") + Text.quote(sep)
                            + " in the label list column", "nothing in " + Text.quote(cell));
                }
                Integer id = vocab.get(name);
                if (id == null) {
                    if (fixedVocab) {
                        throw fieldError(k, "a label name from the given vocabulary of " + vocab.size() + " labels",
                                Text.quote(name));
                    }
                    id = vocab.size();
                    vocab.put(name, id);
                }
                for (int j = 0; j < nLabels; j++) {
                    if (labels[j] == id) throw fieldError(k, "each label at most once in a row", Text.quote(name) + " again");
                }
                addLabel(id, 1f);
                if (at < 0) break;
                from = at + sep.length();
            }
        }

        private void addLabel(int id, float v) {
            if (nLabels == labels.length) {
                labels = Arrays.copyOf(labels, nLabels * 2);
                labelValues = Arrays.copyOf(labelValues, nLabels * 2);
            }
            labels[nLabels] = id;
            labelValues[nLabels] = v;
            if (v != 1f) soft = true;
            nLabels++;
        }

        private DataFormatException fieldError(int k, String expected, String found) {
            return new DataFormatException(file, fline[k], fcol[k], expected, found);
        }

        // ---------------------------------------------------------------- records

        /** Reads the next record into the field buffers; false at the end of the input. */
        private boolean nextRecord() throws IOException {
            do {
                if (!lr.next()) return false;
            } while (lr.start() == lr.end());
            nFields = 0;
            vlen = 0;
            char[] c = lr.buf();
            int ls = lr.start(), le = lr.end();
            int i = ls;
            while (true) {
                int start = vlen;
                long line = lr.lineNumber();
                int col = i - ls + 1;
                if (i < le && c[i] == '"') {
                    long qLine = line;
                    int qCol = col;
                    i++;
                    while (true) {
                        if (i >= le) {
                            append('\n');
                            if (!lr.next()) {
                                throw new DataFormatException(file, qLine, qCol, "a closing '\"' for the quoted field",
                                        "the end of the file");
                            }
                            c = lr.buf();
                            ls = lr.start();
                            le = lr.end();
                            i = ls;
                            continue;
                        }
                        char ch = c[i];
                        if (ch == '"') {
                            if (i + 1 < le && c[i + 1] == '"') {
                                append('"');
                                i += 2;
                                continue;
                            }
                            i++;
                            break;
                        }
                        append(ch);
                        i++;
                    }
                    if (i < le && c[i] != delim) {
                        throw new DataFormatException(file, lr.lineNumber(), i - ls + 1,
                                "the delimiter or the end of the line after a closing quote", Text.quote(c, i, i + 1));
                    }
                } else {
                    while (i < le && c[i] != delim) {
                        if (c[i] == '"') {
                            throw new DataFormatException(file, lr.lineNumber(), i - ls + 1,
                                    "no quote inside an unquoted field (quote the whole field and double the quote)",
                                    "'\"'");
                        }
                        append(c[i]);
                        i++;
                    }
                }
                addField(start, vlen, line, col);
                if (i < le) {
                    i++; // the delimiter
                    continue;
                }
                endLine = lr.lineNumber();
                endCol = le - ls + 1;
                return true;
            }
        }

        private void append(char ch) {
            if (vlen == val.length) val = Arrays.copyOf(val, vlen * 2);
            val[vlen++] = ch;
        }

        private void addField(int s, int e, long line, int col) {
            if (nFields == fs.length) {
                int cap = nFields * 2;
                fs = Arrays.copyOf(fs, cap);
                fe = Arrays.copyOf(fe, cap);
                fline = Arrays.copyOf(fline, cap);
                fcol = Arrays.copyOf(fcol, cap);
            }
            fs[nFields] = s;
            fe[nFields] = e;
            fline[nFields] = line;
            fcol[nFields] = col;
            nFields++;
        }
    }
}
