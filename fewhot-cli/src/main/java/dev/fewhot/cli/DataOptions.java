package dev.fewhot.cli;

import dev.fewhot.data.AttributeEncoding;
import dev.fewhot.data.Dataset;
import dev.fewhot.data.io.BadLinePolicy;
import dev.fewhot.data.io.DataFormat;
import dev.fewhot.data.io.Datasets;
import dev.fewhot.data.io.ReadOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The data options every command that reads data takes: parsed into {@link ReadOptions}, read by {@link Datasets}. */
public final class DataOptions {
    @Option(names = "--format", paramLabel = "FMT",
            description = "Data format: xc (Extreme Classification text), libsvm, arff (Mulan / MEKA) or csv "
                    + "(also for TSV); default: guessed from the file.")
    String format;

    @Option(names = "--feature-base", paramLabel = "0|1", defaultValue = "1",
            description = "LIBSVM: index of the first feature in the file (default ${DEFAULT-VALUE}).")
    int featureBase;

    @Option(names = "--label-base", paramLabel = "0|1", defaultValue = "0",
            description = "LIBSVM: id of the first label in the file (default ${DEFAULT-VALUE}).")
    int labelBase;

    @Option(names = "--labels-xml", paramLabel = "FILE",
            description = "ARFF: the Mulan XML file naming the label attributes (default: <stem>.xml or "
                    + "<stem before its last '-'>.xml beside the data, else MEKA's '-C n' in the relation name).")
    Path labelsXml;

    @Option(names = "--keep-attributes", paramLabel = "NAME,...", split = ",",
            description = "ARFF training data: encode these attributes even when they look like identifiers (a nominal "
                    + "or string attribute whose values are nearly all distinct is otherwise left out, with a note).")
    List<String> keepAttributes;

    @Option(names = "--drop-attributes", paramLabel = "NAME,...", split = ",",
            description = "ARFF training data: leave these feature attributes out. Later files (validation, test) are "
                    + "encoded as the training file was: the encoding is stored in the model.")
    List<String> dropAttributes;

    /**
     * The ARFF attribute encoding: null until an ARFF file is read; fitted on the first one read
     * (the training file) and applied to every later one. Set it to a model's encoding to read
     * data for that model.
     */
    AttributeEncoding encoding;

    @Option(names = "--label-columns", paramLabel = "A,B,...", split = ",",
            description = "CSV: the label columns by exact header names (values 0/1 or soft in [0, 1]).")
    List<String> labelColumns;

    @Option(names = "--label-prefix", paramLabel = "P",
            description = "CSV: label columns are those whose header name starts with P.")
    String labelPrefix;

    @Option(names = "--label-list-column", paramLabel = "NAME",
            description = "CSV: the column listing each row's label names (ids by first appearance, or the "
                    + "model's / training data's label names when reading data for a model).")
    String labelListColumn;

    @Option(names = "--label-separator", paramLabel = "S", defaultValue = "|",
            description = "CSV: separator of the names in the label list column (default ${DEFAULT-VALUE}).")
    String labelSeparator;

    @Option(names = "--delimiter", paramLabel = "D",
            description = "CSV: field delimiter, one character, or \\t / tab (default: tab for .tsv files, else ',').")
    String delimiter;

    @Option(names = "--skip-bad-lines",
            description = "XC, LIBSVM, CSV: skip malformed data lines instead of stopping at the first; report on "
                    + "stderr how many were skipped and where the first few were (predict writes a marker line for each "
                    + "skipped row, so that its output keeps one line per input row).")
    boolean skipBadLines;

    private int[] skippedRows = new int[0];
    private long[] skippedLines = new long[0];

    /**
     * With {@code --skip-bad-lines}: the places (0-based, among all the input's data rows) of the
     * rows the last {@code load} skipped; empty when none was.
     */
    int[] skippedRows() { return skippedRows; }

    /** The 1-based line numbers of the rows the last {@code load} skipped, in the order of {@link #skippedRows()}. */
    long[] skippedLines() { return skippedLines; }

    /** The options as the library's {@link ReadOptions}. */
    public ReadOptions options() {
        return new ReadOptions(format == null ? null : DataFormat.fromName(format), featureBase, labelBase, labelsXml,
                labelColumns, labelPrefix, labelListColumn, labelSeparator, delimiter == null ? null : delimiterChar(delimiter),
                keepAttributes, dropAttributes, encoding);
    }

    /** Reads a data file with dimensions from the file (or inferred). */
    public Dataset load(Path file) throws IOException {
        return load(file, -1, -1, List.of());
    }

    /**
     * Reads a data file; for formats without a header, {@code numFeatures}/{@code numLabels}
     * (when not -1) fix the dimensions, e.g. to those of a model; ARFF and CSV data must have
     * exactly these dimensions.
     */
    public Dataset load(Path file, int numFeatures, int numLabels) throws IOException {
        return load(file, numFeatures, numLabels, List.of());
    }

    /**
     * As {@link #load(Path, int, int)}; {@code labelNames} (when not empty) are the label names
     * of the model or training data: the data's labels are mapped onto them by name. Skipped
     * lines (--skip-bad-lines) are reported on stderr.
     */
    public Dataset load(Path file, int numFeatures, int numLabels, List<String> labelNames) throws IOException {
        BadLinePolicy bad = skipBadLines ? BadLinePolicy.skip() : BadLinePolicy.fail();
        Datasets.Read r = Datasets.readEncoded(file, options(), new Datasets.Shape(numFeatures, numLabels, labelNames), bad);
        Dataset d = r.data();
        if (encoding == null) encoding = r.encoding(); // later files are encoded as the training file was
        skippedRows = bad.skippedRows();
        skippedLines = bad.skippedLines();
        if (bad.skipped() > 0) {
            System.err.println("fewhot: " + bad.report(file.toString()));
            System.err.flush();
        }
        return d;
    }

    private static char delimiterChar(String d) {
        if (d.equals("\\t") || d.equalsIgnoreCase("tab")) return '\t';
        if (d.length() != 1) {
            throw new IllegalArgumentException("--delimiter: expected one character, \\t or tab, got '" + d + "'");
        }
        return d.charAt(0);
    }
}
