package dev.fewhot.data.io;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the CSV reader: the delimiter and which columns hold the labels. Exactly one way of
 * naming the labels applies; build options with {@link #labelColumns}, {@link #labelPrefix} or
 * {@link #labelListColumn}, then adjust with the {@code with...} methods.
 *
 * @param delimiter       field separator: ',' (default) or e.g. '\t' for TSV; not a quote or line end
 * @param labelColumns    label columns by exact header names (0/1 or soft values in [0, 1]), or null
 * @param labelPrefix     label columns are those whose header name starts with this, or null
 * @param labelListColumn the one column holding each row's label names, or null
 * @param labelSeparator  separator of the names in the label list column (default "|")
 * @param vocabulary      with a label list column: the fixed label names (ids = positions), or
 *                        null to build the vocabulary in order of first appearance
 */
public record CsvOptions(char delimiter, List<String> labelColumns, String labelPrefix, String labelListColumn,
                         String labelSeparator, List<String> vocabulary) {
    public CsvOptions {
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("delimiter must not be a quote or a line end, got " + printable(delimiter));
        }
        int modes = (labelColumns != null ? 1 : 0) + (labelPrefix != null ? 1 : 0) + (labelListColumn != null ? 1 : 0);
        if (modes != 1) {
            throw new IllegalArgumentException("give exactly one of label columns, a label prefix or a label list column; got "
                    + modes);
        }
        if (labelColumns != null) {
            labelColumns = List.copyOf(labelColumns);
            if (labelColumns.isEmpty()) throw new IllegalArgumentException("labelColumns: at least one column name is required");
            if (new HashSet<>(labelColumns).size() != labelColumns.size()) {
                throw new IllegalArgumentException("labelColumns: repeated column name in " + labelColumns);
            }
        }
        if (labelPrefix != null && labelPrefix.isEmpty()) throw new IllegalArgumentException("labelPrefix must not be empty");
        if (labelListColumn != null) {
            Objects.requireNonNull(labelSeparator, "labelSeparator");
            if (labelSeparator.isEmpty()) throw new IllegalArgumentException("labelSeparator must not be empty");
        }
        if (vocabulary != null) {
            if (labelListColumn == null) {
                throw new IllegalArgumentException("vocabulary applies only with a label list column");
            }
            vocabulary = List.copyOf(vocabulary);
            if (new HashSet<>(vocabulary).size() != vocabulary.size()) {
                throw new IllegalArgumentException("vocabulary: repeated label name");
            }
        }
    }

    /** Label columns given by their exact header names; comma-delimited. */
    public static CsvOptions labelColumns(List<String> names) {
        return new CsvOptions(',', Objects.requireNonNull(names, "names"), null, null, "|", null);
    }

    /** Label columns are those whose header name starts with {@code prefix}; comma-delimited. */
    public static CsvOptions labelPrefix(String prefix) {
        return new CsvOptions(',', null, Objects.requireNonNull(prefix, "prefix"), null, "|", null);
    }

    /** One column {@code name} lists each row's labels separated by {@code separator}; comma-delimited. */
    public static CsvOptions labelListColumn(String name, String separator) {
        return new CsvOptions(',', null, null, Objects.requireNonNull(name, "name"), separator, null);
    }

    /** A copy with another field delimiter. */
    public CsvOptions withDelimiter(char d) {
        return new CsvOptions(d, labelColumns, labelPrefix, labelListColumn, labelSeparator, vocabulary);
    }

    /**
     * A copy with a fixed label vocabulary (label list column only): label id k is
     * {@code names.get(k)}; a label name not in it is an error. Null: build from the data.
     */
    public CsvOptions withVocabulary(List<String> names) {
        return new CsvOptions(delimiter, labelColumns, labelPrefix, labelListColumn, labelSeparator, names);
    }

    private static String printable(char c) {
        return c == '\n' ? "'\\n'" : c == '\r' ? "'\\r'" : "'" + c + "'";
    }
}
