package dev.fewhot.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How the feature attributes of a file with typed attributes (ARFF) become feature columns,
 * fitted on the training file and stored in the model so that every later file is encoded the
 * same way.
 *
 * <ul>
 *   <li>{@link Kind#NUMERIC}: one column, the value itself;</li>
 *   <li>{@link Kind#DATE}: one column, milliseconds since 1970-01-01 UTC as Weka reads a date;</li>
 *   <li>{@link Kind#BINARY}: a two-valued nominal ({@code {0,1}}, {@code {YES,NO}},
 *       {@code {a,b}}): one column, 1 for the {@linkplain Attribute#positive() positive} value
 *       and 0 for the other;</li>
 *   <li>{@link Kind#ONE_HOT}: a nominal of three or more values: one 0/1 column per value (Weka's
 *       {@code NominalToBinary}); a value not among them encodes as all zeros;</li>
 *   <li>{@link Kind#DROPPED}: no column (an identifier-like attribute, or one the user dropped).</li>
 * </ul>
 *
 * <p>Columns follow the attributes' order; a one-hot attribute's columns follow its value order.
 * Immutable.
 */
public final class AttributeEncoding {
    /** How one attribute is encoded. */
    public enum Kind { NUMERIC, DATE, BINARY, ONE_HOT, DROPPED }

    /** Most values of a nominal quoted in a message before the list is cut. */
    public static final int SHOWN_VALUES = 10;

    /**
     * One feature attribute.
     *
     * @param name     the attribute name
     * @param kind     its encoding
     * @param values   BINARY: the two declared values; ONE_HOT: the values, one column each in this
     *                 order; DATE: one element, the date pattern; else empty
     * @param positive BINARY: the index in {@code values} of the value encoded as 1; else 0
     * @param note     why the attribute is encoded so (e.g. why it was dropped), or empty
     */
    public record Attribute(String name, Kind kind, List<String> values, int positive, String note) {
        public Attribute {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            values = List.copyOf(values);
            note = note == null ? "" : note;
            switch (kind) {
                case BINARY -> {
                    if (values.size() != 2) throw new IllegalArgumentException("attribute '" + name + "': a binary "
                            + "attribute has 2 values, got " + cut(values));
                    if (positive != 0 && positive != 1) {
                        throw new IllegalArgumentException("attribute '" + name + "': positive must be 0 or 1, got " + positive);
                    }
                }
                case ONE_HOT -> {
                    if (values.isEmpty()) throw new IllegalArgumentException("attribute '" + name + "': one-hot needs values");
                    if (new java.util.HashSet<>(values).size() != values.size()) {
                        throw new IllegalArgumentException("attribute '" + name + "': repeated values in " + cut(values));
                    }
                }
                case DATE -> {
                    if (values.size() != 1) throw new IllegalArgumentException("attribute '" + name + "': a date has one pattern");
                }
                default -> {
                    if (!values.isEmpty()) throw new IllegalArgumentException("attribute '" + name + "': " + kind + " has no values");
                }
            }
            if (kind != Kind.BINARY && positive != 0) {
                throw new IllegalArgumentException("attribute '" + name + "': positive applies to binary attributes only");
            }
        }

        /** A numeric attribute. */
        public static Attribute numeric(String name) {
            return new Attribute(name, Kind.NUMERIC, List.of(), 0, "");
        }

        /** Number of feature columns. */
        public int width() {
            return switch (kind) {
                case NUMERIC, DATE, BINARY -> 1;
                case ONE_HOT -> values.size();
                case DROPPED -> 0;
            };
        }
    }

    private final List<Attribute> attributes;
    private final int[] first;
    private final int columns;
    private final Map<String, Integer> byName = new HashMap<>();

    /** The encoding of these feature attributes (in file order; names distinct). */
    public AttributeEncoding(List<Attribute> attributes) {
        this.attributes = List.copyOf(attributes);
        first = new int[this.attributes.size()];
        int c = 0;
        for (int i = 0; i < first.length; i++) {
            Attribute a = this.attributes.get(i);
            if (byName.put(a.name(), i) != null) throw new IllegalArgumentException("attribute '" + a.name() + "' twice");
            first[i] = c;
            c = Math.addExact(c, a.width());
        }
        columns = c;
    }

    /** The feature attributes in order, dropped ones included. */
    public List<Attribute> attributes() { return attributes; }

    /** Number of feature columns. */
    public int columns() { return columns; }

    /** The index of the attribute called {@code name}, or -1. */
    public int indexOf(String name) {
        Integer i = byName.get(name);
        return i == null ? -1 : i;
    }

    /** The first feature column of attribute {@code i} (its only one unless one-hot). */
    public int firstColumn(int i) { return first[i]; }

    /**
     * True when the encoding is what a reader of numeric and {@code {0,1}} attributes does anyway:
     * every attribute numeric, or binary with the values 0 and 1 ("1" positive). Such an encoding
     * need not be stored with a model.
     */
    public boolean isPlain() {
        for (Attribute a : attributes) {
            if (a.kind() == Kind.NUMERIC) continue;
            if (a.kind() == Kind.BINARY && a.values().contains("0") && a.values().contains("1")
                    && a.values().get(a.positive()).equals("1")) continue;
            return false;
        }
        return true;
    }

    /** Column names: the attribute name, and {@code name=value} for a one-hot column. */
    public List<String> featureNames() {
        List<String> out = new ArrayList<>(columns);
        for (Attribute a : attributes) {
            switch (a.kind()) {
                case ONE_HOT -> { for (String v : a.values()) out.add(a.name() + "=" + v); }
                case DROPPED -> { }
                default -> out.add(a.name());
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** A one-line summary such as "3 attributes -> 14 columns: 1 one-hot (12 columns), 1 dropped ('id')". */
    public String summary() {
        int oneHot = 0, oneHotCols = 0, binary = 0, dates = 0;
        List<String> dropped = new ArrayList<>();
        for (Attribute a : attributes) {
            switch (a.kind()) {
                case ONE_HOT -> { oneHot++; oneHotCols += a.width(); }
                case BINARY -> binary++;
                case DATE -> dates++;
                case DROPPED -> dropped.add(a.name());
                default -> { }
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(attributes.size()).append(" feature attributes -> ").append(columns).append(" columns");
        List<String> parts = new ArrayList<>();
        if (oneHot > 0) parts.add(oneHot + " nominal one-hot (" + oneHotCols + " columns)");
        if (binary > 0) parts.add(binary + " two-valued as 0/1");
        if (dates > 0) parts.add(dates + " date as milliseconds");
        if (!dropped.isEmpty()) parts.add(dropped.size() + " left out " + cut(dropped));
        if (!parts.isEmpty()) sb.append(": ").append(String.join(", ", parts));
        return sb.toString();
    }

    /**
     * {@code {a,b,c}}, or for a long list its first {@value #SHOWN_VALUES} values and how many
     * more: {@code {a,b,...,j, ... (123 more)}}.
     */
    public static String cut(List<String> values) {
        StringBuilder sb = new StringBuilder("{");
        int n = Math.min(values.size(), SHOWN_VALUES);
        for (int i = 0; i < n; i++) {
            if (i > 0) sb.append(',');
            String v = values.get(i);
            sb.append(v.length() > 40 ? v.substring(0, 37) + "..." : v);
        }
        if (values.size() > n) sb.append(", ... (").append(values.size() - n).append(" more)");
        return sb.append('}').toString();
    }

    /** Whether a two-valued nominal's value reads as "yes" (1, yes, true, y, t, on, positive). */
    public static boolean isPositiveWord(String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "1", "yes", "true", "y", "t", "on", "positive", "pos", "+" -> true;
            default -> false;
        };
    }

    /**
     * The value index encoded as 1 for the two-valued nominal {@code values}: the one that reads
     * as "yes" (see {@link #isPositiveWord}) when exactly one does, else the second declared value
     * (Weka's NominalToBinary: the value index itself).
     */
    public static int positiveIndex(List<String> values) {
        boolean p0 = isPositiveWord(values.get(0)), p1 = isPositiveWord(values.get(1));
        if (p0 && !p1) return 0;
        return 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttributeEncoding e && e.attributes.equals(attributes);
    }

    @Override
    public int hashCode() { return attributes.hashCode(); }

    @Override
    public String toString() { return summary(); }
}
