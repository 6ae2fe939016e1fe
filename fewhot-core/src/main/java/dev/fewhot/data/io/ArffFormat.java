package dev.fewhot.data.io;

import dev.fewhot.data.DataFormatException;
import dev.fewhot.data.Dataset;
import dev.fewhot.data.DatasetBuilder;
import dev.fewhot.data.RowSink;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * {@code numeric}, {@code real}, {@code integer}, and the nominal {@code {0,1}} (values may be
 * quoted, any whitespace, either order). Any other type ({@code string}, {@code date},
 * {@code relational}, other nominal value sets) is an error.
 *
 * <p>Label attributes (see {@link ArffOptions} for the order of the rules): named by a Mulan XML
 * label file (at any attribute positions; nested label hierarchies are flattened), or the first /
 * last n attributes by MEKA's {@code -C n} / {@code -C -n} in the relation name. A label
 * attribute is {@code {0,1}} or numeric with values 0 and 1 only.
 *
 * <p>Result: the features are the non-label attributes in their file order, the labels the
 * label attributes <em>in their file order</em> (label id k is the k-th label attribute in the
 * ARFF, whatever the order in the XML file); attribute names become feature and label names.
 *
 * <p>Data: dense rows {@code v1,v2,...} (one value per attribute, separated by commas, spaces
 * allowed around them) and sparse rows {@code {index value, ...}} (0-based attribute indices in
 * strictly increasing order; omitted attributes take value 0, or 1 for a nominal declared
 * {@code {1,0}}, i.e. their first declared value, as in Weka) may be mixed. Values may be
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
    private static final byte OTHER = 3;

    /** The result of a streamed read: the dimensions and names. */
    public record Header(DataShape shape, String relation, List<String> featureNames, List<String> labelNames) { }

    /** Reads the file with {@link ArffOptions#DEFAULTS}. */
    public static Dataset read(Path file) throws IOException {
        return read(file, ArffOptions.DEFAULTS);
    }

    /** Reads the whole file into a dataset with attribute names as feature and label names. */
    public static Dataset read(Path file, ArffOptions options) throws IOException {
        DatasetBuilder b = new DatasetBuilder();
        Header h = stream(file, options, b);
        return b.build(h.shape().numFeatures(), h.shape().numLabels(), h.labelNames(), h.featureNames());
    }

    /** Streams the file's rows to {@code sink} (after {@code sink.begin(-1, features, labels)}). */
    public static DataShape read(Path file, ArffOptions options, RowSink sink) throws IOException {
        return stream(file, options, sink).shape();
    }

    /** Streams the file's rows to {@code sink} and returns dimensions and names. */
    public static Header stream(Path file, ArffOptions options, RowSink sink) throws IOException {
        Objects.requireNonNull(options, "options");
        try (Reader r = Io.open(file)) {
            return new ArffFormat.Parser(file.toString(), file, options).run(new LineReader(r), sink);
        } catch (java.nio.file.FileSystemException e) {
            throw e.getFile() != null ? e : Io.named(file.toString(), e); // e.g. the labels XML file is missing
        } catch (IOException e) {
            throw Io.named(file.toString(), e);
        }
    }

    /**
     * Streams rows from {@code in}; {@code fileName} is used in error messages. Without a path
     * no XML file is looked for beside the data: labels come from the options' XML file or
     * MEKA count, or the relation's {@code -C}. Does not close {@code in}.
     */
    public static Header stream(Reader in, String fileName, ArffOptions options, RowSink sink) throws IOException {
        Objects.requireNonNull(options, "options");
        try {
            return new ArffFormat.Parser(fileName, null, options).run(new LineReader(in), sink);
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
        private final Map<String, Integer> byName = new HashMap<>();

        // layout
        private int nAttr;
        private int[] target;       // >= 0: feature index; < 0: -(label id) - 1
        private int[] defaultOnes;  // attributes whose sparse default is 1 ({1,0} nominal), increasing
        private final List<String> featureNames = new ArrayList<>();
        private final List<String> labelNames = new ArrayList<>();

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

        Header run(LineReader lr, RowSink sink) throws IOException {
            readHeader(lr);
            layout();
            int nf = featureNames.size(), nl = labelNames.size();
            featIdx = new int[Math.max(1, nf)];
            featVals = new float[Math.max(1, nf)];
            labels = new int[Math.max(1, nl)];
            sink.begin(-1, nf, nl);
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
                sink.row(labels, null, nLabels, featIdx, featVals, nnz);
                if (++rows < 0) throw new IOException("more than " + Integer.MAX_VALUE + " rows");
            }
            return new Header(new DataShape(rows, nf, nl), relation, List.copyOf(featureNames), List.copyOf(labelNames));
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
            if (t >= le || c[t] == '%') throw error(t, "an attribute type (numeric, real, integer or {0,1})", "the end of the line");
            byte kind;
            String text;
            int typeEnd;
            if (c[t] == '{') {
                int close = -1;
                List<String> values = new ArrayList<>();
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
                text = "{" + String.join(",", values) + "}";
                if (values.size() == 2 && values.get(0).equals("0") && values.get(1).equals("1")) kind = NOMINAL01;
                else if (values.size() == 2 && values.get(0).equals("1") && values.get(1).equals("0")) kind = NOMINAL10;
                else { kind = OTHER; text = "nominal " + text; }
            } else {
                typeEnd = wordEnd(t);
                String ty = new String(c, t, typeEnd - t);
                switch (ty.toLowerCase(Locale.ROOT)) {
                    case "numeric", "real", "integer" -> kind = NUMERIC;
                    default -> kind = OTHER;
                }
                text = ty.toLowerCase(Locale.ROOT);
                if (kind == OTHER && !List.of("string", "date", "relational").contains(text)) {
                    throw error(t, "an attribute type (numeric, real, integer or {0,1})", Text.quote(ty));
                }
                if (text.equals("date")) typeEnd = le; // a date format may follow
                if (text.equals("relational")) {
                    throw error(t, "a numeric or {0,1} nominal attribute", "relational (attribute " + Text.quote(name) + ")");
                }
            }
            endOfLine(typeEnd, "the end of the line after the attribute type");
            int idx = names.size();
            if (idx == kinds.length) kinds = java.util.Arrays.copyOf(kinds, idx * 2);
            kinds[idx] = kind;
            names.add(name);
            typeText.add(text);
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

        private void layout() throws IOException {
            nAttr = names.size();
            boolean[] isLabel = new boolean[nAttr];
            String source;
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
                source = "labels XML " + xml;
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
                source = fromOption ? "the MEKA label count " + meka : "-C " + meka + " in the @relation name";
                int n = Math.abs(meka);
                if (n > nAttr) {
                    throw new DataFormatException(file, fromOption ? 0 : relationLine, fromOption ? 0 : relationCol,
                            "a label count of at most the " + nAttr + " attributes", source);
                }
                if (meka > 0) for (int a = 0; a < n; a++) isLabel[a] = true;
                else for (int a = nAttr - n; a < nAttr; a++) isLabel[a] = true;
            }
            target = new int[nAttr];
            int nf = 0, nl = 0, nd = 0;
            defaultOnes = new int[nAttr];
            for (int a = 0; a < nAttr; a++) {
                byte k = kinds[a];
                long[] w = where.get(a);
                if (isLabel[a]) {
                    if (k == OTHER) {
                        throw new DataFormatException(file, w[0], (int) w[1],
                                "a {0,1} nominal or numeric (0/1) label attribute (labels from " + source + ")",
                                typeText.get(a) + " (attribute " + Text.quote(names.get(a)) + ")");
                    }
                    target[a] = -(nl++) - 1;
                    labelNames.add(names.get(a));
                } else {
                    if (k == OTHER) {
                        throw new DataFormatException(file, w[0], (int) w[1], "a numeric or {0,1} nominal attribute",
                                typeText.get(a) + " (attribute " + Text.quote(names.get(a)) + ")");
                    }
                    target[a] = nf++;
                    featureNames.add(names.get(a));
                }
                if (k == NOMINAL10) defaultOnes[nd++] = a;
            }
            defaultOnes = java.util.Arrays.copyOf(defaultOnes, nd);
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
            int d = 0; // next entry of defaultOnes
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
                while (d < defaultOnes.length && defaultOnes[d] < a) put(defaultOnes[d++], 1f);
                if (d < defaultOnes.length && defaultOnes[d] == a) d++;
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
            while (d < defaultOnes.length) put(defaultOnes[d++], 1f);
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

        /** Interprets the value {@code c[vs..ve)} of attribute a; {@code col} is where it starts. */
        private void value(int a, int vs, int ve, int col) throws DataFormatException {
            int t = target[a];
            byte k = kinds[a];
            boolean missing = ve - vs == 1 && c[vs] == '?' && col == vs;
            if (t < 0) {
                float v;
                if (missing) {
                    throw error(col, "0 or 1 for label " + Text.quote(names.get(a)) + " (labels cannot be missing)", "'?'");
                }
                if (k == NUMERIC) {
                    v = Text.parseFloat(c, vs, ve, err);
                    if (err[0] != 0 || (v != 0f && v != 1f)) {
                        throw error(col, "0 or 1 for label " + Text.quote(names.get(a)), Text.quote(c, vs, ve));
                    }
                } else {
                    v = zeroOne(vs, ve);
                    if (v < 0) throw error(col, "0 or 1 for label " + Text.quote(names.get(a)), Text.quote(c, vs, ve));
                }
                if (v != 0f) labels[nLabels++] = -t - 1;
                return;
            }
            float v;
            if (missing) {
                if (!options.missingFeaturesAsZero()) {
                    throw error(col, "a value for attribute " + Text.quote(names.get(a))
                            + " (missing values are read only with the option to take them as 0)", "'?'");
                }
                return;
            }
            if (k == NUMERIC) {
                v = Text.parseFloat(c, vs, ve, err);
                if (err[0] == Text.BAD_NUMBER) {
                    throw error(col, "a number for attribute " + Text.quote(names.get(a)), Text.quote(c, vs, ve));
                }
                if (err[0] == Text.NOT_FINITE) {
                    throw error(col, "a finite number for attribute " + Text.quote(names.get(a)), Text.quote(c, vs, ve));
                }
            } else {
                v = zeroOne(vs, ve);
                if (v < 0) {
                    throw error(col, "0 or 1 for attribute " + Text.quote(names.get(a)) + " (declared " + typeText.get(a) + ")",
                            Text.quote(c, vs, ve));
                }
            }
            if (v != 0f) {
                featIdx[nnz] = t;
                featVals[nnz] = v;
                nnz++;
            }
        }

        /** A sparse default value for attribute a (not mentioned in the row). */
        private void put(int a, float v) {
            int t = target[a];
            if (t < 0) labels[nLabels++] = -t - 1;
            else {
                featIdx[nnz] = t;
                featVals[nnz] = v;
                nnz++;
            }
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
