package dev.fewhot.data.io;

import dev.fewhot.data.AttributeEncoding;
import dev.fewhot.data.DataFormatException;
import dev.fewhot.data.Dataset;
import dev.fewhot.data.DatasetBuilder;
import dev.fewhot.data.RowSink;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Multi-label ARFF (Weka's Attribute-Relation File Format as used by Mulan and MEKA).
 *
 * <p>Header: {@code @relation NAME}, then one {@code @attribute NAME TYPE} per attribute, then
 * {@code @data}. Keywords are case-insensitive; names may be quoted with {@code '} or
 * {@code "} (with backslash escapes such as {@code \'}, {@code \\}); {@code %} starts a comment
 * (outside quotes); blank lines, CRLF line ends and a UTF-8 byte order mark are accepted. Types:
 * {@code numeric}, {@code real}, {@code integer}, nominal {@code {v1,v2,...}} (values may be
 * quoted, any whitespace), {@code string} and {@code date [pattern]}; {@code relational} is an
 * error.
 *
 * <p>Feature attributes become feature columns through an {@link AttributeEncoding} (see
 * {@link ArffOptions}): numeric as they are; a two-valued nominal ({@code {0,1}},
 * {@code {YES,NO}}) as one 0/1 column (1 for the value reading as "yes", else for the second
 * declared value, as Weka's NominalToBinary); a nominal of more values one-hot, one column per
 * declared value; a date as milliseconds since 1970 (Weka's reading, with the declared
 * {@code SimpleDateFormat} pattern, default {@code yyyy-MM-dd'T'HH:mm:ss}); an identifier-like
 * nominal or string attribute (at least {@value #ID_MIN_ROWS} rows with a value and at least
 * {@value #ID_DISTINCT_SHARE} of them distinct) left out with a note. Any other string attribute
 * is an error unless dropped or kept (kept: one-hot over the values seen in the file). The
 * encoding is fitted on the file read unless {@link ArffOptions#encoding()} gives one (a model's):
 * then attributes are matched by name and a value the encoding does not know encodes as zeros,
 * with one note per attribute.
 *
 * <p>Label attributes (see {@link ArffOptions} for the order of the rules): named by a Mulan XML
 * label file (at any attribute positions; nested label hierarchies are flattened), or the first /
 * last n attributes by MEKA's {@code -C n} / {@code -C -n} in the relation name. A label
 * attribute is {@code {0,1}} or numeric with values 0 and 1 only.
 *
 * <p>Result: the features are the encoded non-label attributes in their file order, the labels the
 * label attributes <em>in their file order</em> (label id k is the k-th label attribute in the
 * ARFF, whatever the order in the XML file); attribute names become feature and label names
 * ({@code name=value} for a one-hot column).
 *
 * <p>Data: dense rows {@code v1,v2,...} (one value per attribute, separated by commas, spaces
 * allowed around them) and sparse rows {@code {index value, ...}} (0-based attribute indices in
 * strictly increasing order; omitted attributes take value 0, or for a nominal their first
 * declared value, as in Weka) may be mixed. Values may be
 * quoted. A missing value {@code ?} is an error for labels, and for features unless
 * {@link ArffOptions#missingFeaturesAsZero()}. Instance weights ({@code ,{w}}) are not
 * supported. Zero feature values are not stored.
 *
 * <p>Every problem is a {@link DataFormatException} with file, line, column, expected and found
 * (errors about the XML label file name that file).
 */
public final class ArffFormat {
    private ArffFormat() { }

    private static final byte NUMERIC = 0;
    private static final byte NOMINAL01 = 1;   // {0,1}: value index 0 is "0"
    private static final byte NOMINAL10 = 2;   // {1,0}: value index 0 is "1"
    private static final byte NOMINAL = 3;     // any other value list
    private static final byte STRING = 4;
    private static final byte DATE = 5;

    /** Fewest rows with a value before a nominal or string attribute may be taken for an identifier. */
    public static final int ID_MIN_ROWS = 20;
    /** Share of distinct values (among the rows with a value) from which an attribute is identifier-like. */
    public static final double ID_DISTINCT_SHARE = 0.9;
    /** Weka's default date pattern. */
    public static final String DEFAULT_DATE_PATTERN = "yyyy-MM-dd'T'HH:mm:ss";

    /**
     * The result of a streamed read: the dimensions, names and the encoding of the feature
     * attributes (fitted on the file, or the one given in the options).
     */
    public record Header(DataShape shape, String relation, List<String> featureNames, List<String> labelNames,
                         AttributeEncoding encoding) { }

    /** A dataset and the encoding its features were read with. */
    public record Encoded(Dataset data, AttributeEncoding encoding) { }

    /** Reads the file with {@link ArffOptions#DEFAULTS}. */
    public static Dataset read(Path file) throws IOException {
        return read(file, ArffOptions.DEFAULTS);
    }

    /** Reads the whole file into a dataset with attribute names as feature and label names. */
    public static Dataset read(Path file, ArffOptions options) throws IOException {
        return readEncoded(file, options).data();
    }

    /** Reads the whole file; also returns the encoding of its feature attributes (to store with a model). */
    public static Encoded readEncoded(Path file, ArffOptions options) throws IOException {
        DatasetBuilder b = new DatasetBuilder();
        Header h = stream(file, options, b);
        return new Encoded(b.build(h.shape().numFeatures(), h.shape().numLabels(), h.labelNames(), h.featureNames()),
                h.encoding());
    }

    /** Streams the file's rows to {@code sink} (after {@code sink.begin(-1, features, labels)}). */
    public static DataShape read(Path file, ArffOptions options, RowSink sink) throws IOException {
        return stream(file, options, sink).shape();
    }

    /** Streams the file's rows to {@code sink} and returns dimensions and names. */
    public static Header stream(Path file, ArffOptions options, RowSink sink) throws IOException {
        Objects.requireNonNull(options, "options");
        try {
            return new ArffFormat.Parser(file.toString(), file, options).run(() -> Io.open(file), sink);
        } catch (java.nio.file.FileSystemException e) {
            throw e.getFile() != null ? e : Io.named(file.toString(), e); // e.g. the labels XML file is missing
        } catch (IOException e) {
            throw Io.named(file.toString(), e);
        }
    }

    /**
     * Streams rows from {@code in}; {@code fileName} is used in error messages. Without a path
     * no XML file is looked for beside the data: labels come from the options' XML file or
     * MEKA count, or the relation's {@code -C}. The text is read into memory first (the encoding
     * may have to look at the values before the rows are streamed). Does not
     * close {@code in}.
     */
    public static Header stream(Reader in, String fileName, ArffOptions options, RowSink sink) throws IOException {
        Objects.requireNonNull(options, "options");
        try {
            String[] text = {null};
            return new ArffFormat.Parser(fileName, null, options).run(() -> {
                if (text[0] == null) {
                    StringBuilder sb = new StringBuilder();
                    char[] buf = new char[1 << 14];
                    for (int n; (n = in.read(buf)) > 0; ) sb.append(buf, 0, n);
                    text[0] = sb.toString();
                }
                return new java.io.StringReader(text[0]);
            }, sink);
        } catch (IOException e) {
            throw Io.named(fileName, e);
        }
    }

    /**
     * The Mulan XML files looked for beside {@code arff} when no XML is given: {@code <stem>.xml},
     * then {@code <stem before its last '-'>.xml}.
     */
    public static List<Path> xmlCandidates(Path arff) {
        Path name = arff.getFileName();
        if (name == null) return List.of();
        String stem = name.toString();
        if (stem.toLowerCase(Locale.ROOT).endsWith(".arff")) stem = stem.substring(0, stem.length() - 5);
        List<Path> out = new ArrayList<>();
        out.add(arff.resolveSibling(stem + ".xml"));
        int dash = stem.lastIndexOf('-');
        if (dash > 0) out.add(arff.resolveSibling(stem.substring(0, dash) + ".xml"));
        return out;
    }

    /** Opens the text again (the encoding may need a first pass over the values). */
    private interface Source {
        Reader open() throws IOException;
    }

    /** One header parse and data section scan. */
    private static final class Parser {
        private final String file;
        private final Path path;
        private final ArffOptions options;
        private final int[] err = new int[1];

        // header
        private String relation;
        private long relationLine;
        private int relationCol;
        private final List<String> names = new ArrayList<>();
        private final List<String> typeText = new ArrayList<>();
        private final List<long[]> where = new ArrayList<>(); // {line, column of the type}
        private byte[] kinds = new byte[64];
        private final List<List<String>> declared = new ArrayList<>(); // nominal values, else null
        private final List<String> datePattern = new ArrayList<>();     // date pattern, else null
        private final Map<String, Integer> byName = new HashMap<>();

        // layout
        private int nAttr;
        private boolean[] isLabel;
        private String labelSource;
        private int[] labelId;      // label id of a label attribute, else -1
        private int[] col;          // first feature column of a feature attribute, -1 when left out
        private AttributeEncoding.Kind[] enc;
        private int[][] map;        // nominal: declared value index -> BINARY 0/1, ONE_HOT column offset, -1 unseen
        private Map<String, Integer>[] strMap;   // string attribute: value -> as map
        private Map<String, Integer>[] valueIndex; // long nominal lists: value -> declared index
        private SimpleDateFormat[] dateFmt;
        private int[] defaults;     // attributes whose sparse default (first declared value) is not 0, increasing
        private boolean ordered;    // feature columns increase with the attribute order
        private long[] unseen;      // rows per attribute with a value the encoding does not know
        private String[] unseenExample;
        private final List<String> labelNames = new ArrayList<>();

        // first pass (scanning): the values of the attributes the encoding has to look at
        private boolean scanning;
        private Map<String, Integer>[] seen;
        private int[] present;

        // row buffers
        private int[] featIdx;
        private float[] featVals;
        private int nnz;
        private int[] labels;
        private int nLabels;

        // current line
        private char[] c;
        private int ls;
        private int le;
        private long line;

        Parser(String file, Path path, ArffOptions options) {
            this.file = file;
            this.path = path;
            this.options = options;
        }

        Header run(Source src, RowSink sink) throws IOException {
            try (Reader r = src.open()) {
                LineReader lr = new LineReader(r);
                readHeader(lr);
                findLabels();
                AttributeEncoding e = options.encoding();
                if (e == null) {
                    boolean[] look = toLookAt();
                    if (look != null) scan(src, look);
                    e = fit();
                }
                apply(e);
                int nf = e.columns(), nl = labelNames.size();
                featIdx = new int[Math.max(1, nf)];
                featVals = new float[Math.max(1, nf)];
                labels = new int[Math.max(1, nl)];
                sink.begin(-1, nf, nl);
                int rows = rows(lr, sink);
                for (int a = 0; a < nAttr; a++) {
                    if (unseen[a] > 0) {
                        options.notes().accept(file + ": attribute " + Text.quote(names.get(a)) + ": " + unseen[a] + " row"
                                + (unseen[a] == 1 ? "" : "s") + " with a value the training data did not have (first "
                                + Text.quote(unseenExample[a]) + "), encoded as all zeros");
                    }
                }
                return new Header(new DataShape(rows, nf, nl), relation, e.featureNames(), List.copyOf(labelNames), e);
            }
        }

        /** The data rows: to the sink, or (scanning) only their values recorded. */
        private int rows(LineReader lr, RowSink sink) throws IOException {
            int rows = 0;
            while (lr.next()) {
                c = lr.buf();
                ls = lr.start();
                le = lr.end();
                line = lr.lineNumber();
                int p = skipSpace(ls);
                if (p >= le || c[p] == '%') continue;
                nnz = 0;
                nLabels = 0;
                try {
                    if (c[p] == '{') sparseRow(p);
                    else denseRow(p);
                } catch (DataFormatException e) {
                    throw lr.terminated() ? e : midRow(e, c[p] == '{');
                }
                if (!scanning) {
                    if (!ordered) RowParser.sortFew(featIdx, featVals, nnz);
                    sink.row(labels, null, nLabels, featIdx, featVals, nnz);
                }
                if (++rows < 0) throw new IOException("more than " + Integer.MAX_VALUE + " rows");
            }
            return rows;
        }

        /**
         * An error on the last line when the file ends without a line end: a sparse row never
         * closed by '}', or a dense row short of values, means the file stops in the middle of a
         * row (a truncated file), which says more than the parse error the cut left behind.
         */
        private DataFormatException midRow(DataFormatException e, boolean sparse) {
            boolean cut = sparse ? indexOf('}', ls, le) < 0 : e.found().startsWith("the end of the line");
            if (!cut) return e;
            return new DataFormatException(file, line, le - ls + 1, "the rest of the row and a line end",
                    "the end of the file in the middle of a row (the file looks truncated)");
        }

        private int indexOf(char ch, int from, int to) {
            for (int i = from; i < to; i++) if (c[i] == ch) return i;
            return -1;
        }

        // ---------------------------------------------------------------- header

        private void readHeader(LineReader lr) throws IOException {
            final String keywords = "@relation, @attribute or @data";
            while (true) {
                if (!lr.next()) {
                    throw new DataFormatException(file, lr.lineNumber() + 1, 1,
                            relation == null ? "@relation" : "@data (the header ends with it)", "the end of the file");
                }
                c = lr.buf();
                ls = lr.start();
                le = lr.end();
                line = lr.lineNumber();
                int p = skipSpace(ls);
                if (p >= le || c[p] == '%') continue;
                int te = wordEnd(p);
                String kw = new String(c, p, te - p).toLowerCase(Locale.ROOT);
                if (relation == null && !kw.equals("@relation")) {
                    throw error(p, "@relation (the first line of an ARFF header)", Text.quote(c, p, te));
                }
                switch (kw) {
                    case "@relation" -> {
                        if (relation != null) throw error(p, "@attribute or @data", "a second @relation");
                        int s = skipSpace(te);
                        if (s >= le || c[s] == '%') throw error(s, "a relation name after @relation", "the end of the line");
                        relationLine = line;
                        relationCol = s - ls + 1;
                        if (c[s] == '\'' || c[s] == '"') {
                            int[] end = new int[1];
                            relation = quoted(s, end);
                            endOfLine(end[0], "the end of the line after the relation name");
                        } else {
                            int e = s;
                            while (e < le && c[e] != '%') e++;
                            relation = new String(c, s, e - s).trim(); // unquoted: the rest of the line
                        }
                    }
                    case "@attribute" -> attribute(te);
                    case "@data" -> {
                        endOfLine(te, "the end of the line after @data");
                        if (names.isEmpty()) throw error(p, "at least one @attribute before @data", "@data");
                        return;
                    }
                    default -> throw error(p, keywords, Text.quote(c, p, te));
                }
            }
        }


        private void attribute(int afterKeyword) throws DataFormatException {
            int s = skipSpace(afterKeyword);
            if (s >= le || c[s] == '%') throw error(s, "an attribute name after @attribute", "the end of the line");
            int[] end = new int[1];
            String name = name(s, end);
            Integer before = byName.get(name);
            if (before != null) {
                throw error(s, "each attribute name once",
                        Text.quote(name) + " again (first on line " + where.get(before)[0] + ")");
            }
            int t = skipSpace(end[0]);
            if (t == end[0] && t < le && c[t] != '{') throw error(t, "whitespace after the attribute name", Text.quote(c, t, t + 1));
            if (t >= le || c[t] == '%') {
                throw error(t, "an attribute type (numeric, real, integer, {values}, string or date)", "the end of the line");
            }
            byte kind;
            String text;
            int typeEnd;
            List<String> values = null;
            String pattern = null;
            if (c[t] == '{') {
                int close = -1;
                values = new ArrayList<>();
                int q = t + 1;
                while (true) {
                    q = skipSpace(q);
                    if (q >= le) throw error(t, "a nominal value list closed by '}'", "the end of the line");
                    if (c[q] == '}' && values.isEmpty()) { close = q; break; }
                    int ve;
                    String v;
                    if (c[q] == '\'' || c[q] == '"') {
                        int[] e2 = new int[1];
                        v = quoted(q, e2);
                        ve = e2[0];
                    } else {
                        ve = q;
                        while (ve < le && c[ve] != ',' && c[ve] != '}') ve++;
                        int vt = ve;
                        while (vt > q && Text.isSpace(c[vt - 1])) vt--;
                        v = new String(c, q, vt - q);
                    }
                    values.add(v);
                    q = skipSpace(ve);
                    if (q >= le) throw error(t, "a nominal value list closed by '}'", "the end of the line");
                    if (c[q] == '}') { close = q; break; }
                    if (c[q] != ',') throw error(q, "',' or '}' in the nominal value list", Text.quote(c, q, q + 1));
                    q++;
                }
                typeEnd = close + 1;
                if (values.isEmpty()) throw error(t, "at least one value in the nominal value list", "'{}'");
                if (new java.util.HashSet<>(values).size() != values.size()) {
                    throw error(t, "each nominal value once", "nominal " + AttributeEncoding.cut(values));
                }
                text = "{" + String.join(",", values) + "}";
                if (values.size() == 2 && values.get(0).equals("0") && values.get(1).equals("1")) kind = NOMINAL01;
                else if (values.size() == 2 && values.get(0).equals("1") && values.get(1).equals("0")) kind = NOMINAL10;
                else { kind = NOMINAL; text = "nominal " + AttributeEncoding.cut(values); }
            } else {
                typeEnd = wordEnd(t);
                String ty = new String(c, t, typeEnd - t);
                text = ty.toLowerCase(Locale.ROOT);
                switch (text) {
                    case "numeric", "real", "integer" -> kind = NUMERIC;
                    case "string" -> kind = STRING;
                    case "date" -> {
                        kind = DATE;
                        pattern = DEFAULT_DATE_PATTERN;
                        int ps = skipSpace(typeEnd);
                        if (ps < le && c[ps] != '%') {
                            if (c[ps] == '\'' || c[ps] == '"') {
                                int[] e2 = new int[1];
                                pattern = quoted(ps, e2);
                                typeEnd = e2[0];
                            } else {
                                typeEnd = Text.tokenEnd(c, ps, le);
                                pattern = new String(c, ps, typeEnd - ps);
                            }
                        }
                        try {
                            new SimpleDateFormat(pattern, Locale.ROOT);
                        } catch (IllegalArgumentException e) {
                            throw error(ps < le ? ps : t, "a date pattern (Java SimpleDateFormat)", Text.quote(pattern));
                        }
                    }
                    case "relational" -> throw error(t, "a numeric, nominal, string or date attribute",
                            "relational (attribute " + Text.quote(name) + ")");
                    default -> throw error(t, "an attribute type (numeric, real, integer, {values}, string or date)",
                            Text.quote(ty));
                }
            }
            endOfLine(typeEnd, "the end of the line after the attribute type");
            int idx = names.size();
            if (idx == kinds.length) kinds = java.util.Arrays.copyOf(kinds, idx * 2);
            kinds[idx] = kind;
            names.add(name);
            typeText.add(text);
            declared.add(values == null ? null : List.copyOf(values));
            datePattern.add(pattern);
            where.add(new long[] {line, t - ls + 1});
            byName.put(name, idx);
        }

        /** A name at {@code s}: quoted (with backslash escapes) or up to whitespace / '{' / '%'. */
        private String name(int s, int[] end) throws DataFormatException {
            if (c[s] == '\'' || c[s] == '"') return quoted(s, end);
            int e = s;
            while (e < le && !Text.isSpace(c[e]) && c[e] != '{' && c[e] != '%') e++;
            if (e == s) throw error(s, "a name", Text.quote(c, s, s + 1));
            end[0] = e;
            return new String(c, s, e - s);
        }

        /** The quoted text starting at {@code c[s]} (a quote), unescaped; end[0] = after the closing quote. */
        private String quoted(int s, int[] end) throws DataFormatException {
            char q = c[s];
            StringBuilder sb = new StringBuilder();
            int i = s + 1;
            while (true) {
                if (i >= le) throw error(s, "a closing " + q + " for the quote opened here", "the end of the line");
                char ch = c[i];
                if (ch == q) break;
                if (ch == '\\' && i + 1 < le) {
                    char n = c[++i];
                    switch (n) {
                        case 'n' -> sb.append('\n');
                        case 't' -> sb.append('\t');
                        case 'r' -> sb.append('\r');
                        default -> sb.append(n);
                    }
                } else {
                    sb.append(ch);
                }
                i++;
            }
            end[0] = i + 1;
            return sb.toString();
        }

        private void endOfLine(int p, String expected) throws DataFormatException {
            int q = skipSpace(p);
            if (q < le && c[q] != '%') throw error(q, expected, Text.quote(c, q, Text.tokenEnd(c, q, le)));
        }


        // ---------------------------------------------------------------- labels

        private void findLabels() throws IOException {
            nAttr = names.size();
            isLabel = new boolean[nAttr];
            Path xml = options.labelsXml();
            int meka = options.mekaLabels();
            List<Path> looked = List.of();
            if (xml == null && meka == 0 && path != null) {
                looked = xmlCandidates(path);
                for (Path cand : looked) {
                    if (Files.isRegularFile(cand)) { xml = cand; break; }
                }
            }
            if (xml != null) {
                labelSource = "labels XML " + xml;
                for (MulanLabels.Label l : MulanLabels.read(xml)) {
                    Integer a = byName.get(l.name());
                    if (a == null) {
                        throw new DataFormatException(xml.toString(), l.line(), l.column(),
                                "an attribute named " + Text.quote(l.name()) + " in " + file + " for this label",
                                "no such attribute among its " + nAttr);
                    }
                    isLabel[a] = true;
                }
            } else {
                boolean fromOption = meka != 0;
                if (!fromOption) meka = mekaFromRelation(looked);
                labelSource = fromOption ? "the MEKA label count " + meka : "-C " + meka + " in the @relation name";
                int n = Math.abs(meka);
                if (n > nAttr) {
                    throw new DataFormatException(file, fromOption ? 0 : relationLine, fromOption ? 0 : relationCol,
                            "a label count of at most the " + nAttr + " attributes", labelSource);
                }
                if (meka > 0) for (int a = 0; a < n; a++) isLabel[a] = true;
                else for (int a = nAttr - n; a < nAttr; a++) isLabel[a] = true;
            }
            labelId = new int[nAttr];
            java.util.Arrays.fill(labelId, -1);
            int nl = 0;
            for (int a = 0; a < nAttr; a++) {
                if (!isLabel[a]) continue;
                byte k = kinds[a];
                if (k != NUMERIC && k != NOMINAL01 && k != NOMINAL10) {
                    long[] w = where.get(a);
                    throw new DataFormatException(file, w[0], (int) w[1],
                            "a {0,1} nominal or numeric (0/1) label attribute (labels from " + labelSource + ")",
                            typeText.get(a) + " (attribute " + Text.quote(names.get(a)) + ")");
                }
                labelId[a] = nl++;
                labelNames.add(names.get(a));
            }
            for (String n : options.keepAttributes()) checkNamed(n, "keep");
            for (String n : options.dropAttributes()) checkNamed(n, "drop");
        }

        private void checkNamed(String n, String what) throws DataFormatException {
            Integer a = byName.get(n);
            if (a == null) {
                throw new DataFormatException(file, 0, 0, "an attribute named " + Text.quote(n) + " to " + what,
                        "none among the attributes " + AttributeEncoding.cut(names));
            }
            if (isLabel[a]) {
                throw new DataFormatException(file, 0, 0, "a feature attribute to " + what,
                        Text.quote(n) + ", a label attribute (labels from " + labelSource + ")");
            }
        }

        // ---------------------------------------------------------------- encoding

        /**
         * The attributes whose values the encoding must see, or null for none (then the data is
         * read once): string attributes, and nominal ones with enough declared values to look like
         * an identifier (at least {@code ID_DISTINCT_SHARE * ID_MIN_ROWS}: a value outside the
         * declared list is an error).
         */
        private boolean[] toLookAt() {
            boolean[] look = null;
            for (int a = 0; a < nAttr; a++) {
                if (isLabel[a] || options.dropAttributes().contains(names.get(a))) continue;
                boolean kept = options.keepAttributes().contains(names.get(a));
                boolean mayBeId = kinds[a] == NOMINAL && !kept && declared.get(a).size() >= ID_DISTINCT_SHARE * ID_MIN_ROWS;
                if (kinds[a] == STRING || mayBeId) {
                    if (look == null) look = new boolean[nAttr];
                    look[a] = true;
                }
            }
            return look;
        }

        /** A first pass over the data rows recording the values of the attributes in {@code look}. */
        @SuppressWarnings("unchecked")
        private void scan(Source src, boolean[] look) throws IOException {
            Parser p = new Parser(file, path, options);
            try (Reader r = src.open()) {
                LineReader lr = new LineReader(r);
                p.readHeader(lr);
                p.nAttr = p.names.size();
                p.scanning = true;
                p.defaults = new int[0];
                p.seen = new Map[p.nAttr];
                p.present = new int[p.nAttr];
                for (int a = 0; a < nAttr; a++) if (look[a]) p.seen[a] = new java.util.LinkedHashMap<>();
                p.rows(lr, null);
            }
            seen = p.seen;
            present = p.present;
        }

        private boolean identifierLike(int a) {
            return seen != null && seen[a] != null && present[a] >= ID_MIN_ROWS
                    && seen[a].size() >= ID_DISTINCT_SHARE * present[a];
        }

        /** The encoding fitted on this file's header (and the values scanned). */
        private AttributeEncoding fit() throws DataFormatException {
            List<AttributeEncoding.Attribute> out = new ArrayList<>();
            for (int a = 0; a < nAttr; a++) {
                if (isLabel[a]) continue;
                String n = names.get(a);
                boolean kept = options.keepAttributes().contains(n);
                if (options.dropAttributes().contains(n)) {
                    out.add(new AttributeEncoding.Attribute(n, AttributeEncoding.Kind.DROPPED, List.of(), 0, "left out as asked"));
                    continue;
                }
                List<String> v = declared.get(a);
                String idNote = !kept && identifierLike(a) ? "an identifier: " + seen[a].size() + " distinct values in "
                        + present[a] + " rows" : null;
                switch (kinds[a]) {
                    case NUMERIC -> out.add(AttributeEncoding.Attribute.numeric(n));
                    case DATE -> out.add(new AttributeEncoding.Attribute(n, AttributeEncoding.Kind.DATE,
                            List.of(datePattern.get(a)), 0, ""));
                    case NOMINAL01, NOMINAL10 -> out.add(new AttributeEncoding.Attribute(n, AttributeEncoding.Kind.BINARY,
                            v, AttributeEncoding.positiveIndex(v), ""));
                    case NOMINAL -> {
                        if (idNote != null) {
                            out.add(dropped(n, idNote));
                        } else if (v.size() == 2) {
                            out.add(new AttributeEncoding.Attribute(n, AttributeEncoding.Kind.BINARY, v,
                                    AttributeEncoding.positiveIndex(v), ""));
                        } else {
                            out.add(new AttributeEncoding.Attribute(n, AttributeEncoding.Kind.ONE_HOT, v, 0, ""));
                        }
                    }
                    default -> { // STRING
                        if (idNote != null) {
                            out.add(dropped(n, idNote));
                        } else if (kept && !seen[a].isEmpty()) {
                            out.add(new AttributeEncoding.Attribute(n, AttributeEncoding.Kind.ONE_HOT,
                                    new ArrayList<>(seen[a].keySet()), 0, "string values seen in training"));
                        } else if (kept) {
                            out.add(new AttributeEncoding.Attribute(n, AttributeEncoding.Kind.DROPPED, List.of(), 0,
                                    "a string attribute without values"));
                        } else {
                            long[] w = where.get(a);
                            throw new DataFormatException(file, w[0], (int) w[1],
                                    "a numeric, nominal or date feature attribute (a string attribute is left out when "
                                            + "identifier-like; else drop it, or keep it to one-hot its values: "
                                            + "dropAttributes / keepAttributes, --drop-attributes / --keep-attributes)",
                                    "string (attribute " + Text.quote(n) + ", " + seen[a].size() + " distinct values in "
                                            + present[a] + " rows)");
                        }
                    }
                }
            }
            return new AttributeEncoding(out);
        }

        private AttributeEncoding.Attribute dropped(String n, String why) {
            options.notes().accept(file + ": attribute " + Text.quote(n) + " left out (" + why
                    + "); to use it: keepAttributes / --keep-attributes " + n);
            return new AttributeEncoding.Attribute(n, AttributeEncoding.Kind.DROPPED, List.of(), 0, why);
        }

        /** Lays this file's attributes onto the encoding {@code e} by name. */
        @SuppressWarnings("unchecked")
        private void apply(AttributeEncoding e) throws DataFormatException {
            col = new int[nAttr];
            enc = new AttributeEncoding.Kind[nAttr];
            map = new int[nAttr][];
            strMap = new Map[nAttr];
            valueIndex = new Map[nAttr];
            dateFmt = new SimpleDateFormat[nAttr];
            unseen = new long[nAttr];
            unseenExample = new String[nAttr];
            java.util.Arrays.fill(col, -1);
            boolean[] covered = new boolean[e.attributes().size()];
            int[] def = new int[nAttr];
            int nd = 0, lastCol = -1;
            ordered = true;
            for (int a = 0; a < nAttr; a++) {
                if (isLabel[a]) {
                    if (kinds[a] == NOMINAL10) def[nd++] = a;
                    continue;
                }
                long[] w = where.get(a);
                int i = e.indexOf(names.get(a));
                if (i < 0) {
                    List<String> known = new ArrayList<>();
                    for (AttributeEncoding.Attribute x : e.attributes()) known.add(x.name());
                    throw new DataFormatException(file, w[0], (int) w[1],
                            "a feature attribute of the encoding fitted on the training data " + AttributeEncoding.cut(known),
                            "attribute " + Text.quote(names.get(a)));
                }
                covered[i] = true;
                AttributeEncoding.Attribute x = e.attributes().get(i);
                enc[a] = x.kind();
                if (x.kind() == AttributeEncoding.Kind.DROPPED) continue;
                col[a] = e.firstColumn(i);
                if (col[a] < lastCol) ordered = false;
                lastCol = col[a];
                byte k = kinds[a];
                String found = typeText.get(a) + " (attribute " + Text.quote(names.get(a)) + ")";
                switch (x.kind()) {
                    case NUMERIC -> {
                        if (k != NUMERIC) throw new DataFormatException(file, w[0], (int) w[1],
                                "a numeric attribute, as in the training data", found);
                    }
                    case DATE -> {
                        if (k != DATE) throw new DataFormatException(file, w[0], (int) w[1],
                                "a date attribute, as in the training data", found);
                        dateFmt[a] = new SimpleDateFormat(datePattern.get(a), Locale.ROOT);
                        dateFmt[a].setTimeZone(java.util.TimeZone.getTimeZone("UTC"));
                        dateFmt[a].setLenient(false);
                    }
                    default -> { // BINARY, ONE_HOT
                        boolean binary = x.kind() == AttributeEncoding.Kind.BINARY;
                        if (k == STRING) {
                            strMap[a] = new HashMap<>();
                            for (int j = 0; j < x.values().size(); j++) {
                                strMap[a].put(x.values().get(j), binary ? (j == x.positive() ? 1 : 0) : j);
                            }
                        } else if (k == NOMINAL || k == NOMINAL01 || k == NOMINAL10) {
                            List<String> v = declared.get(a);
                            map[a] = new int[v.size()];
                            for (int j = 0; j < v.size(); j++) {
                                int m = x.values().indexOf(v.get(j));
                                map[a][j] = m < 0 ? -1 : binary ? (m == x.positive() ? 1 : 0) : m;
                            }
                            if (map[a][0] > 0 || (!binary && map[a][0] == 0)) def[nd++] = a;
                            if (v.size() > 8) {
                                valueIndex[a] = new HashMap<>();
                                for (int j = 0; j < v.size(); j++) valueIndex[a].put(v.get(j), j);
                            }
                        } else {
                            throw new DataFormatException(file, w[0], (int) w[1],
                                    "a nominal attribute, as in the training data", found);
                        }
                    }
                }
            }
            for (int i = 0; i < covered.length; i++) {
                AttributeEncoding.Attribute x = e.attributes().get(i);
                if (!covered[i] && x.kind() != AttributeEncoding.Kind.DROPPED) {
                    throw new DataFormatException(file, 0, 0, "the feature attribute " + Text.quote(x.name())
                            + " (the training data had it)", "no such attribute");
                }
            }
            defaults = java.util.Arrays.copyOf(def, nd);
        }

        /** The n of {@code -C n} in the relation name, or an error explaining how to name labels. */
        private int mekaFromRelation(List<Path> looked) throws DataFormatException {
            String[] tok = relation.trim().split("\\s+");
            for (int i = 0; i < tok.length; i++) {
                if (!tok[i].equals("-C")) continue;
                String v = i + 1 < tok.length ? tok[i + 1] : "";
                int n;
                try {
                    n = Integer.parseInt(v);
                } catch (NumberFormatException e) {
                    n = 0;
                }
                if (n == 0) {
                    throw new DataFormatException(file, relationLine, relationCol,
                            "a non-zero label count after -C in the relation name (MEKA: -C n first n, -C -n last n attributes)",
                            v.isEmpty() ? "nothing" : Text.quote(v));
                }
                return n;
            }
            StringBuilder tried = new StringBuilder();
            for (Path p : looked) tried.append(tried.length() == 0 ? "" : ", ").append(p.getFileName());
            throw new DataFormatException(file, relationLine, relationCol,
                    "label attributes named by a Mulan XML label file (given explicitly, or beside the data"
                            + (looked.isEmpty() ? "" : " as " + tried) + ") or MEKA's '-C n' (first n attributes)"
                            + " / '-C -n' (last n) in the @relation name",
                    "neither: no XML file and relation " + Text.quote(relation));
        }


        // ---------------------------------------------------------------- data

        private void denseRow(int p) throws DataFormatException {
            for (int a = 0; a < nAttr; a++) {
                p = skipSpace(p);
                if (p >= le || c[p] == '%') {
                    throw error(p, nAttr + " comma-separated values (one per attribute)",
                            "the end of the line after " + a + " value" + (a == 1 ? "" : "s"));
                }
                int vs, ve, next;
                if (c[p] == '\'' || c[p] == '"') {
                    vs = p + 1;
                    ve = closingQuote(p);
                    next = ve + 1;
                } else {
                    vs = p;
                    ve = p;
                    while (ve < le && c[ve] != ',' && c[ve] != '%' && !Text.isSpace(c[ve])) ve++;
                    next = ve;
                    if (ve == vs) throw error(p, "a value for attribute " + Text.quote(names.get(a)), "','");
                }
                value(a, vs, ve, p);
                p = skipSpace(next);
                if (a < nAttr - 1) {
                    if (p >= le || c[p] == '%') {
                        throw error(p, nAttr + " comma-separated values (one per attribute)",
                                "the end of the line after " + (a + 1) + " value" + (a == 0 ? "" : "s"));
                    }
                    if (c[p] != ',') throw error(p, "',' between values", Text.quote(c, p, Text.tokenEnd(c, p, le)));
                    p++;
                }
            }
            if (p < le && c[p] != '%') {
                throw error(p, "the end of the row after " + nAttr + " values (one per attribute)",
                        Text.quote(c, p, Text.tokenEnd(c, p, le)));
            }
        }


        private void sparseRow(int open) throws DataFormatException {
            int p = open + 1;
            int prev = -1;
            int prevCol = 0;
            int d = 0; // next entry of defaults
            boolean first = true;
            while (true) {
                p = skipSpace(p);
                if (p >= le) throw error(open, "a sparse row closed by '}'", "the end of the line");
                if (c[p] == '}' && first) { p++; break; }
                int is = p;
                long idx = 0;
                while (p < le && c[p] >= '0' && c[p] <= '9') {
                    if (idx <= Integer.MAX_VALUE) idx = idx * 10 + (c[p] - '0');
                    p++;
                }
                if (p == is || (p < le && !Text.isSpace(c[p]) && c[p] != '}' && c[p] != ',')) {
                    int te = p;
                    while (te < le && !Text.isSpace(c[te]) && c[te] != ',' && c[te] != '}') te++;
                    throw error(is, "an attribute index (a non-negative integer) followed by a space and a value",
                            Text.quote(c, is, Math.max(te, is + 1)));
                }
                if (idx >= nAttr) {
                    throw error(is, "an attribute index in [0, " + nAttr + ")", Text.quote(c, is, p));
                }
                int a = (int) idx;
                if (a == prev) {
                    throw error(is, "each attribute index at most once in a row",
                            Text.quote(c, is, p) + " again (first at column " + prevCol + ")");
                }
                if (a < prev) {
                    throw error(is, "attribute indices in increasing order (after " + prev + ")", Text.quote(c, is, p));
                }
                while (d < defaults.length && defaults[d] < a) put(defaults[d++]);
                if (d < defaults.length && defaults[d] == a) d++;
                p = skipSpace(p);
                if (p >= le || c[p] == ',' || c[p] == '}') {
                    throw error(p, "a value after attribute index " + a, p >= le ? "the end of the line" : Text.quote(c, p, p + 1));
                }
                int vs, ve, next;
                int vp = p;
                if (c[p] == '\'' || c[p] == '"') {
                    vs = p + 1;
                    ve = closingQuote(p);
                    next = ve + 1;
                } else {
                    vs = p;
                    ve = p;
                    while (ve < le && c[ve] != ',' && c[ve] != '}' && !Text.isSpace(c[ve])) ve++;
                    next = ve;
                }
                value(a, vs, ve, vp);
                prev = a;
                prevCol = is - ls + 1;
                first = false;
                p = skipSpace(next);
                if (p >= le) throw error(open, "a sparse row closed by '}'", "the end of the line");
                if (c[p] == '}') { p++; break; }
                if (c[p] != ',') throw error(p, "',' or '}' in a sparse row", Text.quote(c, p, Text.tokenEnd(c, p, le)));
                p++;
            }
            while (d < defaults.length) put(defaults[d++]);
            p = skipSpace(p);
            if (p < le && c[p] != '%') {
                throw error(p, "the end of the row after '}' (instance weights are not supported)",
                        Text.quote(c, p, Text.tokenEnd(c, p, le)));
            }
        }

        private int closingQuote(int open) throws DataFormatException {
            char q = c[open];
            for (int i = open + 1; i < le; i++) {
                if (c[i] == '\\') { i++; continue; }
                if (c[i] == q) return i;
            }
            throw error(open, "a closing " + q + " for the quoted value", "the end of the line");
        }

        /** Interprets the value {@code c[vs..ve)} of attribute a; {@code at} is where it starts (before a quote). */
        private void value(int a, int vs, int ve, int at) throws DataFormatException {
            boolean missing = ve - vs == 1 && c[vs] == '?' && at == vs;
            if (scanning) {
                if (seen[a] != null && !missing) {
                    present[a]++;
                    if (seen[a].size() < (1 << 22)) seen[a].merge(text(vs, ve), 1, Integer::sum);
                }
                return;
            }
            byte k = kinds[a];
            if (labelId[a] >= 0) {
                float v;
                if (missing) {
                    throw error(at, "0 or 1 for label " + Text.quote(names.get(a)) + " (labels cannot be missing)", "'?'");
                }
                if (k == NUMERIC) {
                    v = Text.parseFloat(c, vs, ve, err);
                    if (err[0] != 0 || (v != 0f && v != 1f)) {
                        throw error(at, "0 or 1 for label " + Text.quote(names.get(a)), Text.quote(c, vs, ve));
                    }
                } else {
                    v = zeroOne(vs, ve);
                    if (v < 0) throw error(at, "0 or 1 for label " + Text.quote(names.get(a)), Text.quote(c, vs, ve));
                }
                if (v != 0f) labels[nLabels++] = labelId[a];
                return;
            }
            if (col[a] < 0) return; // left out
            if (missing) {
                if (!options.missingFeaturesAsZero()) {
                    throw error(at, "a value for attribute " + Text.quote(names.get(a))
                            + " (missing values are read only with the option to take them as 0)", "'?'");
                }
                return;
            }
            switch (enc[a]) {
                case NUMERIC -> {
                    float v = Text.parseFloat(c, vs, ve, err);
                    if (err[0] == Text.BAD_NUMBER) {
                        throw error(at, "a number for attribute " + Text.quote(names.get(a)), Text.quote(c, vs, ve));
                    }
                    if (err[0] == Text.NOT_FINITE) {
                        throw error(at, "a finite number for attribute " + Text.quote(names.get(a)), Text.quote(c, vs, ve));
                    }
                    emit(col[a], v);
                }
                case DATE -> {
                    String s = text(vs, ve);
                    java.text.ParsePosition pp = new java.text.ParsePosition(0);
                    java.util.Date d = dateFmt[a].parse(s, pp);
                    if (d == null || pp.getIndex() != s.length()) {
                        throw error(at, "a date as " + Text.quote(datePattern.get(a)) + " for attribute "
                                + Text.quote(names.get(a)), Text.quote(s));
                    }
                    emit(col[a], (float) d.getTime());
                }
                default -> { // BINARY, ONE_HOT
                    int m;
                    if (strMap[a] != null) {
                        String s = text(vs, ve);
                        Integer got = strMap[a].get(s);
                        if (got == null) {
                            unseen(a, s);
                            return;
                        }
                        m = got;
                    } else {
                        int j = nominalIndex(a, vs, ve);
                        if (j < 0) {
                            throw error(at, "one of the declared values " + AttributeEncoding.cut(declared.get(a))
                                    + " for attribute " + Text.quote(names.get(a)), Text.quote(text(vs, ve)));
                        }
                        m = map[a][j];
                        if (m < 0) {
                            unseen(a, declared.get(a).get(j));
                            return;
                        }
                    }
                    if (enc[a] == AttributeEncoding.Kind.BINARY) emit(col[a], m);
                    else emit(col[a] + m, 1f);
                }
            }
        }

        private void emit(int column, float v) {
            if (v != 0f) {
                featIdx[nnz] = column;
                featVals[nnz] = v;
                nnz++;
            }
        }

        private void unseen(int a, String value) {
            if (unseen[a]++ == 0) unseenExample[a] = value;
        }

        /** The declared index of the nominal value {@code c[vs..ve)} of attribute a, or -1. */
        private int nominalIndex(int a, int vs, int ve) {
            boolean escaped = false;
            for (int i = vs; i < ve; i++) if (c[i] == '\\') { escaped = true; break; }
            if (escaped || valueIndex[a] != null) {
                String s = text(vs, ve);
                if (valueIndex[a] != null) {
                    Integer j = valueIndex[a].get(s);
                    return j == null ? -1 : j;
                }
                return declared.get(a).indexOf(s);
            }
            List<String> v = declared.get(a);
            int n = ve - vs;
            for (int j = 0; j < v.size(); j++) {
                String s = v.get(j);
                if (s.length() != n) continue;
                boolean same = true;
                for (int i = 0; i < n; i++) {
                    if (s.charAt(i) != c[vs + i]) { same = false; break; }
                }
                if (same) return j;
            }
            return -1;
        }

        /** The text {@code c[vs..ve)} with backslash escapes resolved. */
        private String text(int vs, int ve) {
            int i = vs;
            while (i < ve && c[i] != '\\') i++;
            if (i == ve) return new String(c, vs, ve - vs);
            StringBuilder sb = new StringBuilder(ve - vs);
            for (i = vs; i < ve; i++) {
                char ch = c[i];
                if (ch == '\\' && i + 1 < ve) {
                    char n = c[++i];
                    sb.append(switch (n) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case 'r' -> '\r';
                        default -> n;
                    });
                } else {
                    sb.append(ch);
                }
            }
            return sb.toString();
        }

        /** The sparse default (first declared value) of attribute a, not mentioned in the row. */
        private void put(int a) {
            if (scanning) return;
            if (labelId[a] >= 0) {
                labels[nLabels++] = labelId[a];
                return;
            }
            int m = map[a][0];
            if (enc[a] == AttributeEncoding.Kind.BINARY) emit(col[a], m);
            else if (m >= 0) emit(col[a] + m, 1f);
        }

        private float zeroOne(int vs, int ve) {
            if (ve - vs != 1) return -1;
            return c[vs] == '0' ? 0f : c[vs] == '1' ? 1f : -1;
        }

        // ---------------------------------------------------------------- helpers

        private int skipSpace(int p) {
            while (p < le && Text.isSpace(c[p])) p++;
            return p;
        }

        private int wordEnd(int p) {
            int e = p;
            while (e < le && !Text.isSpace(c[e]) && c[e] != '{' && c[e] != '%') e++;
            return e == p ? Math.min(p + 1, le) : e;
        }

        private DataFormatException error(int pos, String expected, String found) {
            return new DataFormatException(file, line, pos - ls + 1, expected, found);
        }
    }
}
