package dev.fewhot.data.io;

import dev.fewhot.data.AttributeEncoding;
import java.nio.file.Path;
import java.util.List;

/**
 * How {@link Datasets#read} reads a data file. Every field is optional (null / default):
 * without a format the file's content tells it ({@link DataFormat#guess}); the CSV fields say
 * which columns hold the labels, and apply to CSV only, as {@code labelsXml} applies to ARFF only.
 *
 * @param format          the format, or null to guess it from the file
 * @param featureBase     LIBSVM: index of the first feature in the file (0 or 1)
 * @param labelBase       LIBSVM: id of the first label in the file (0 or 1)
 * @param labelsXml       ARFF: the Mulan XML file naming the label attributes, or null to look
 *                        beside the data ({@link ArffFormat#xmlCandidates}) then at MEKA's {@code -C n}
 * @param labelColumns    CSV: the label columns by exact header name, or null
 * @param labelPrefix     CSV: label columns are those whose header starts with this, or null
 * @param labelListColumn CSV: the column listing each row's label names, or null
 * @param labelSeparator  CSV: separator of the names in the label list column
 * @param delimiter       CSV: field delimiter, or null for tab in {@code .tsv} files and ',' else
 * @param keepAttributes  ARFF training data: attributes to encode even when they look like identifiers, or null
 * @param dropAttributes  ARFF training data: feature attributes to leave out, or null
 * @param encoding        ARFF: the attribute encoding to apply (a model's, or the training file's),
 *                        or null to fit one on the file ({@link AttributeEncoding})
 */
public record ReadOptions(DataFormat format, int featureBase, int labelBase, Path labelsXml, List<String> labelColumns,
                          String labelPrefix, String labelListColumn, String labelSeparator, Character delimiter,
                          List<String> keepAttributes, List<String> dropAttributes, AttributeEncoding encoding) {
    /** Options without ARFF attribute settings (the encoding fitted on each file). */
    public ReadOptions(DataFormat format, int featureBase, int labelBase, Path labelsXml, List<String> labelColumns,
                       String labelPrefix, String labelListColumn, String labelSeparator, Character delimiter) {
        this(format, featureBase, labelBase, labelsXml, labelColumns, labelPrefix, labelListColumn, labelSeparator, delimiter,
                null, null, null);
    }

    public ReadOptions {
        keepAttributes = keepAttributes == null ? null : List.copyOf(keepAttributes);
        dropAttributes = dropAttributes == null ? null : List.copyOf(dropAttributes);
        if (featureBase != 0 && featureBase != 1) throw new IllegalArgumentException("--feature-base must be 0 or 1, got " + featureBase);
        if (labelBase != 0 && labelBase != 1) throw new IllegalArgumentException("--label-base must be 0 or 1, got " + labelBase);
        labelColumns = labelColumns == null ? null : List.copyOf(labelColumns);
        if (labelSeparator == null || labelSeparator.isEmpty()) {
            throw new IllegalArgumentException("--label-separator must not be empty, got '" + labelSeparator + "'");
        }
    }

    /** Guess the format; LIBSVM features 1-based, labels 0-based; ARFF labels from the XML beside the file. */
    public static ReadOptions defaults() {
        return new ReadOptions(null, 1, 0, null, null, null, null, "|", null);
    }

    /** A copy that reads this format. */
    public ReadOptions withFormat(DataFormat f) {
        return new ReadOptions(f, featureBase, labelBase, labelsXml, labelColumns, labelPrefix, labelListColumn, labelSeparator, delimiter,
                keepAttributes, dropAttributes, encoding);
    }

    /** A copy for ARFF data whose labels a Mulan XML file names. */
    public ReadOptions withLabelsXml(Path xml) {
        return new ReadOptions(format, featureBase, labelBase, xml, labelColumns, labelPrefix, labelListColumn, labelSeparator, delimiter,
                keepAttributes, dropAttributes, encoding);
    }

    /** A copy for LIBSVM data with these index bases. */
    public ReadOptions withBases(int feature, int label) {
        return new ReadOptions(format, feature, label, labelsXml, labelColumns, labelPrefix, labelListColumn, labelSeparator, delimiter,
                keepAttributes, dropAttributes, encoding);
    }

    /** A copy for CSV data whose label columns have these header names. */
    public ReadOptions withLabelColumns(List<String> names) {
        return new ReadOptions(format, featureBase, labelBase, labelsXml, names, labelPrefix, labelListColumn, labelSeparator, delimiter,
                keepAttributes, dropAttributes, encoding);
    }

    /** A copy for CSV data whose label columns' header names start with {@code prefix}. */
    public ReadOptions withLabelPrefix(String prefix) {
        return new ReadOptions(format, featureBase, labelBase, labelsXml, labelColumns, prefix, labelListColumn, labelSeparator, delimiter,
                keepAttributes, dropAttributes, encoding);
    }

    /** A copy for CSV data with a column listing each row's label names. */
    public ReadOptions withLabelListColumn(String column, String separator) {
        return new ReadOptions(format, featureBase, labelBase, labelsXml, labelColumns, labelPrefix, column, separator, delimiter,
                keepAttributes, dropAttributes, encoding);
    }

    /** A copy with a CSV field delimiter. */
    public ReadOptions withDelimiter(Character d) {
        return new ReadOptions(format, featureBase, labelBase, labelsXml, labelColumns, labelPrefix, labelListColumn, labelSeparator, d,
                keepAttributes, dropAttributes, encoding);
    }

    /** A copy for ARFF training data that encodes these attributes even when they look like identifiers. */
    public ReadOptions withKeepAttributes(List<String> names) {
        return new ReadOptions(format, featureBase, labelBase, labelsXml, labelColumns, labelPrefix, labelListColumn, labelSeparator,
                delimiter, names, dropAttributes, encoding);
    }

    /** A copy for ARFF training data that leaves these feature attributes out. */
    public ReadOptions withDropAttributes(List<String> names) {
        return new ReadOptions(format, featureBase, labelBase, labelsXml, labelColumns, labelPrefix, labelListColumn, labelSeparator,
                delimiter, keepAttributes, names, encoding);
    }

    /** A copy that applies {@code e} to ARFF data (a model's or the training file's encoding; null: fit one on the file). */
    public ReadOptions withEncoding(AttributeEncoding e) {
        return new ReadOptions(format, featureBase, labelBase, labelsXml, labelColumns, labelPrefix, labelListColumn, labelSeparator,
                delimiter, keepAttributes, dropAttributes, e);
    }

    /** Whether any CSV-only field is set. */
    boolean hasCsvFields() {
        return labelColumns != null || labelPrefix != null || labelListColumn != null || delimiter != null;
    }
}
