package dev.fewhot.cli;

import dev.fewhot.data.DataFormatException;
import dev.fewhot.data.Dataset;
import dev.fewhot.data.LabelMapping;
import dev.fewhot.data.io.ArffFormat;
import dev.fewhot.data.io.BadLinePolicy;
import dev.fewhot.data.io.XcFormat;
import dev.fewhot.data.io.ArffOptions;
import dev.fewhot.data.io.CsvFormat;
import dev.fewhot.data.io.CsvOptions;
import dev.fewhot.data.io.DataFormat;
import dev.fewhot.data.io.LibsvmFormat;
import dev.fewhot.data.io.LibsvmOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The data options every command that reads data takes. */
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
     * of the model or training data: a CSV label list column is mapped onto them by name.
     */
    public Dataset load(Path file, int numFeatures, int numLabels, List<String> labelNames) throws IOException {
        if (!Files.exists(file)) throw new NoSuchFileException(file.toString(), null, "no such file");
        DataFormat f = format != null ? DataFormat.fromName(format)
                : DataFormat.guess(file).orElseThrow(() -> new IllegalArgumentException(file + ": empty file, cannot tell its format"));
        boolean csvOptions = labelColumns != null || labelPrefix != null || labelListColumn != null || delimiter != null;
        if (csvOptions && f != DataFormat.CSV) {
            throw new IllegalArgumentException(file + ": --label-columns, --label-prefix, --label-list-column and "
                    + "--delimiter apply to CSV data only, but the file is read as " + f.id());
        }
        if (labelsXml != null && f != DataFormat.ARFF) {
            throw new IllegalArgumentException(file + ": --labels-xml applies to ARFF data only, but the file is read as " + f.id());
        }
        if (skipBadLines && f == DataFormat.ARFF) {
            throw new IllegalArgumentException(file + ": --skip-bad-lines applies to the line-oriented formats (xc, libsvm, "
                    + "csv), but the file is read as arff");
        }
        BadLinePolicy bad = skipBadLines ? BadLinePolicy.skip() : BadLinePolicy.fail();
        Dataset d = switch (f) {
            case LIBSVM -> LibsvmFormat.read(file, new LibsvmOptions(featureBase, labelBase, numFeatures, numLabels), bad);
            case ARFF -> checked(file, ArffFormat.read(file,
                    labelsXml != null ? ArffOptions.labelsXml(labelsXml) : ArffOptions.DEFAULTS), numFeatures, numLabels);
            case CSV -> checked(file, CsvFormat.read(file, csvOptions(file, numLabels >= 0 ? labelNames : List.of()), bad),
                    numFeatures, numLabels);
            case XC -> XcFormat.read(file, bad);
        };
        skippedRows = bad.skippedRows();
        skippedLines = bad.skippedLines();
        if (bad.skipped() > 0) {
            System.err.println("fewhot: " + bad.report(file.toString()));
            System.err.flush();
        }
        // a test file whose label attributes or columns come in another order is mapped by name
        return labelNames == null ? d : LabelMapping.toNames(d, labelNames, file.toString());
    }

    private CsvOptions csvOptions(Path file, List<String> vocabulary) {
        int modes = (labelColumns != null ? 1 : 0) + (labelPrefix != null ? 1 : 0) + (labelListColumn != null ? 1 : 0);
        if (modes == 0) {
            throw new IllegalArgumentException(file + ": CSV data needs to be told which columns hold the labels: give "
                    + "--label-columns A,B,... (names), --label-prefix P (a name prefix) or --label-list-column NAME "
                    + "(a column listing label names)");
        }
        if (modes > 1) {
            throw new IllegalArgumentException(file + ": give only one of --label-columns, --label-prefix and "
                    + "--label-list-column");
        }
        CsvOptions o = labelColumns != null ? CsvOptions.labelColumns(labelColumns)
                : labelPrefix != null ? CsvOptions.labelPrefix(labelPrefix)
                : CsvOptions.labelListColumn(labelListColumn, labelSeparator);
        o = o.withDelimiter(delimiterChar(file));
        if (labelListColumn != null && vocabulary != null && !vocabulary.isEmpty()) o = o.withVocabulary(vocabulary);
        return o;
    }

    private char delimiterChar(Path file) {
        if (delimiter == null) {
            String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
            return name.endsWith(".tsv") ? '\t' : ',';
        }
        String d = delimiter;
        if (d.equals("\\t") || d.equalsIgnoreCase("tab")) return '\t';
        if (d.length() != 1) {
            throw new IllegalArgumentException("--delimiter: expected one character, \\t or tab, got '" + d + "'");
        }
        return d.charAt(0);
    }

    /** {@code d} when its dimensions are the expected ones (-1: any), else an error naming both. */
    private static Dataset checked(Path file, Dataset d, int numFeatures, int numLabels) throws DataFormatException {
        boolean badF = numFeatures >= 0 && d.numFeatures() != numFeatures;
        boolean badL = numLabels >= 0 && d.numLabels() != numLabels;
        if (badF || badL) {
            throw new DataFormatException(file.toString(), 0, 0,
                    (numFeatures >= 0 ? numFeatures + " features" : "") + (numFeatures >= 0 && numLabels >= 0 ? " and " : "")
                            + (numLabels >= 0 ? numLabels + " labels" : "") + " (as the model or training data has)",
                    d.numFeatures() + " features and " + d.numLabels() + " labels");
        }
        return d;
    }
}
