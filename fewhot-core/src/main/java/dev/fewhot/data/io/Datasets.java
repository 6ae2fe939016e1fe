package dev.fewhot.data.io;

import dev.fewhot.data.AttributeEncoding;
import dev.fewhot.data.DataFormatException;
import dev.fewhot.data.Dataset;
import dev.fewhot.data.LabelMapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads a data file in any supported format: XC, LIBSVM, ARFF (labels named by a Mulan XML
 * file found beside the data, or MEKA's {@code -C n}) or CSV / TSV. Data read for a model or
 * against training data ({@link #readLike}) gets the same dimensions, and its labels are mapped
 * onto the reference's label names when it names them in another order.
 */
public final class Datasets {
    private Datasets() { }

    /**
     * The dimensions (and label names) data must have, e.g. those of a model or of training data.
     *
     * @param numFeatures features, or -1 for any
     * @param numLabels   labels, or -1 for any
     * @param labelNames  label names to map the data's labels onto by name, or empty
     */
    public record Shape(int numFeatures, int numLabels, List<String> labelNames) {
        public Shape {
            labelNames = labelNames == null ? List.of() : List.copyOf(labelNames);
        }

        /** Any dimensions. */
        public static Shape any() { return new Shape(-1, -1, List.of()); }

        /** The dimensions and label names of {@code d}. */
        public static Shape of(Dataset d) { return new Shape(d.numFeatures(), d.numLabels(), d.labelNames()); }
    }

    /**
     * Data read from a file, and the ARFF attribute encoding it was read with (fitted on the file
     * or given in the options), or null for the other formats: train a model on the data, give it
     * the encoding, and later files are read as this one was.
     */
    public record Read(Dataset data, AttributeEncoding encoding) { }

    /** Reads a file, its format guessed, with the default options. */
    public static Dataset read(Path file) throws IOException {
        return read(file, ReadOptions.defaults());
    }

    /** Reads a file with these options. */
    public static Dataset read(Path file, ReadOptions options) throws IOException {
        return read(file, options, Shape.any(), BadLinePolicy.fail());
    }

    /**
     * Reads a file with the dimensions of {@code reference} (e.g. test data for training data),
     * its labels mapped onto the reference's names; a file of other dimensions is an error.
     */
    public static Dataset readLike(Path file, ReadOptions options, Dataset reference) throws IOException {
        Dataset d = read(file, options, Shape.of(reference), BadLinePolicy.fail());
        requireSameShape(reference, d, file.toString());
        return d;
    }

    /**
     * Reads a file.
     *
     * @param expected for formats without a header (LIBSVM), the dimensions to use; ARFF and CSV
     *                 data must have exactly these; label names (when given) map the labels by name
     * @param bad      what to do with malformed lines of the line-oriented formats (xc, libsvm, csv);
     *                 a skipping policy counts what it skipped
     * @throws DataFormatException on malformed data (file, line, column, expected, found)
     * @throws IllegalArgumentException when an option does not apply to the file's format
     */
    public static Dataset read(Path file, ReadOptions options, Shape expected, BadLinePolicy bad) throws IOException {
        return readEncoded(file, options, expected, bad).data();
    }

    /**
     * As {@link #read(Path, ReadOptions, Shape, BadLinePolicy)}, also returning the ARFF attribute
     * encoding (fitted on the file unless the options give one; null for the other formats).
     */
    public static Read readEncoded(Path file, ReadOptions options, Shape expected, BadLinePolicy bad) throws IOException {
        if (!Files.exists(file)) throw new NoSuchFileException(file.toString(), null, "no such file");
        ReadOptions o = options == null ? ReadOptions.defaults() : options;
        Shape s = expected == null ? Shape.any() : expected;
        BadLinePolicy policy = bad == null ? BadLinePolicy.fail() : bad;
        DataFormat f = o.format() != null ? o.format()
                : DataFormat.guess(file).orElseThrow(() -> new IllegalArgumentException(file + ": empty file, cannot tell its format"));
        if (o.hasCsvFields() && f != DataFormat.CSV) {
            throw new IllegalArgumentException(file + ": --label-columns, --label-prefix, --label-list-column and "
                    + "--delimiter apply to CSV data only, but the file is read as " + f.id());
        }
        if (o.labelsXml() != null && f != DataFormat.ARFF) {
            throw new IllegalArgumentException(file + ": --labels-xml applies to ARFF data only, but the file is read as " + f.id());
        }
        if ((o.keepAttributes() != null || o.dropAttributes() != null) && f != DataFormat.ARFF) {
            throw new IllegalArgumentException(file + ": --keep-attributes and --drop-attributes apply to ARFF data only, "
                    + "but the file is read as " + f.id());
        }
        if (policy.skips() && f == DataFormat.ARFF) {
            throw new IllegalArgumentException(file + ": --skip-bad-lines applies to the line-oriented formats (xc, libsvm, "
                    + "csv), but the file is read as arff");
        }
        int nf = s.numFeatures(), nl = s.numLabels();
        AttributeEncoding[] encoding = {null};
        Dataset d = switch (f) {
            case LIBSVM -> LibsvmFormat.read(file, new LibsvmOptions(o.featureBase(), o.labelBase(), nf, nl), policy);
            case ARFF -> checked(file, arff(file, o, encoding), nf, nl);
            case CSV -> checked(file, CsvFormat.read(file, csvOptions(file, o, nl >= 0 ? s.labelNames() : List.of()), policy),
                    nf, nl);
            case XC -> XcFormat.read(file, policy);
        };
        // a test file whose label attributes or columns come in another order is mapped by name
        return new Read(LabelMapping.toNames(d, s.labelNames(), file.toString()), encoding[0]);
    }

    /** Reads an ARFF file with the options' encoding, or fits one (keep/drop attributes) and puts it in {@code out[0]}. */
    private static Dataset arff(Path file, ReadOptions o, AttributeEncoding[] out) throws IOException {
        ArffOptions a = o.labelsXml() != null ? ArffOptions.labelsXml(o.labelsXml()) : ArffOptions.DEFAULTS;
        if (o.encoding() == null) a = a.withKeepAttributes(o.keepAttributes()).withDropAttributes(o.dropAttributes());
        ArffFormat.Encoded r = ArffFormat.readEncoded(file, a.withEncoding(o.encoding()));
        out[0] = r.encoding();
        return r.data();
    }

    /**
     * Checks that {@code other} has the features and labels of {@code reference}.
     *
     * @param what names {@code other} in the message (e.g. its file)
     */
    public static void requireSameShape(Dataset reference, Dataset other, String what) {
        if (other.numFeatures() != reference.numFeatures()) {
            throw new IllegalArgumentException(what + ": " + other.numFeatures() + " features, the training data has "
                    + reference.numFeatures());
        }
        if (other.numLabels() != reference.numLabels()) {
            throw new IllegalArgumentException(what + ": " + other.numLabels() + " labels, the training data has "
                    + reference.numLabels());
        }
    }

    private static CsvOptions csvOptions(Path file, ReadOptions o, List<String> vocabulary) {
        int modes = (o.labelColumns() != null ? 1 : 0) + (o.labelPrefix() != null ? 1 : 0) + (o.labelListColumn() != null ? 1 : 0);
        if (modes == 0) {
            throw new IllegalArgumentException(file + ": CSV data needs to be told which columns hold the labels: give "
                    + "--label-columns A,B,... (names), --label-prefix P (a name prefix) or --label-list-column NAME "
                    + "(a column listing label names)");
        }
        if (modes > 1) {
            throw new IllegalArgumentException(file + ": give only one of --label-columns, --label-prefix and "
                    + "--label-list-column");
        }
        CsvOptions c = o.labelColumns() != null ? CsvOptions.labelColumns(o.labelColumns())
                : o.labelPrefix() != null ? CsvOptions.labelPrefix(o.labelPrefix())
                : CsvOptions.labelListColumn(o.labelListColumn(), o.labelSeparator());
        char delimiter = o.delimiter() != null ? o.delimiter()
                : String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT).endsWith(".tsv") ? '\t' : ',';
        c = c.withDelimiter(delimiter);
        if (o.labelListColumn() != null && vocabulary != null && !vocabulary.isEmpty()) c = c.withVocabulary(vocabulary);
        return c;
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
