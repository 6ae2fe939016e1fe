package dev.fewhot.data.io;

import dev.fewhot.data.Dataset;
import dev.fewhot.data.RowSink;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The supported text formats, picked by name ({@link #fromName}) or guessed from a file
 * ({@link #guess}). LIBSVM goes through this enum with {@link LibsvmOptions#DEFAULTS}; use
 * {@link LibsvmFormat} directly for other bases or fixed dimensions. ARFF goes through it with
 * {@link ArffOptions#DEFAULTS} (labels from a Mulan XML file beside the data or MEKA's
 * {@code -C}); use {@link ArffFormat} directly to name the XML file. CSV needs to be told which
 * columns are labels: {@code CSV.read} fails with a message saying so; use {@link CsvFormat}
 * with {@link CsvOptions}. ARFF and CSV are read-only.
 */
public enum DataFormat {
    /** Extreme Classification Repository text: header {@code N D L}, 0-based ids. See {@link XcFormat}. */
    XC("xc", List.of("xmc", "extreme"), List.of(".xmc.txt", ".xc.txt", ".xmc", ".xc")),
    /** Multi-label LIBSVM / svmlight text. See {@link LibsvmFormat}. */
    LIBSVM("libsvm", List.of("svmlight", "svm"), List.of(".libsvm", ".svmlight", ".svm")),
    /** Multi-label ARFF (Mulan or MEKA), read-only. See {@link ArffFormat}. */
    ARFF("arff", List.of("mulan", "meka"), List.of(".arff")),
    /** CSV / TSV with a header row, read-only; needs {@link CsvOptions}. See {@link CsvFormat}. */
    CSV("csv", List.of("tsv"), List.of(".csv", ".tsv"));

    /** Why {@code CSV.read} without options fails. */
    static final String CSV_NEEDS_LABELS = "CSV data needs to be told which columns hold the labels: give label columns "
            + "by name, a label column name prefix or a label list column (CsvOptions.labelColumns / labelPrefix / "
            + "labelListColumn; on the command line --label-columns a,b,c, --label-prefix P or --label-list-column NAME)";

    private final String id;
    private final List<String> aliases;
    private final List<String> extensions;

    DataFormat(String id, List<String> aliases, List<String> extensions) {
        this.id = id;
        this.aliases = aliases;
        this.extensions = extensions;
    }

    /** The canonical lower-case name ("xc", "libsvm", "arff", "csv"). */
    public String id() { return id; }

    /** File name endings that suggest this format. */
    public List<String> extensions() { return extensions; }

    /**
     * The format called {@code name} (case-insensitive; the canonical name or an alias such as
     * "xmc" or "svmlight").
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static DataFormat fromName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (DataFormat f : values()) {
            if (f.id.equals(n) || f.aliases.contains(n) || f.name().toLowerCase(Locale.ROOT).equals(n)) return f;
        }
        List<String> known = new ArrayList<>();
        for (DataFormat f : values()) known.add(f.id);
        throw new IllegalArgumentException("unknown data format '" + name + "': expected one of " + known);
    }

    /**
     * Guesses the format of an existing file: by its name ending first, then by its first line
     * (starting with {@code @} or {@code %}: ARFF; three integers only: XC; anything else:
     * LIBSVM). Empty when the file is empty.
     */
    public static Optional<DataFormat> guess(Path file) throws IOException {
        String fn = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (DataFormat f : values()) {
            for (String ext : f.extensions) if (fn.endsWith(ext)) return Optional.of(f);
        }
        try (Reader r = Io.open(file)) {
            return guessFromFirstLine(new LineReader(r, 4096));
        } catch (IOException e) {
            throw Io.named(file.toString(), e);
        }
    }

    private static Optional<DataFormat> guessFromFirstLine(LineReader lr) throws IOException {
        {
            if (!lr.next()) return Optional.empty();
            char[] c = lr.buf();
            int numbers = 0;
            int p = lr.start(), e = lr.end();
            int first = p;
            while (first < e && Text.isSpace(c[first])) first++;
            if (first < e && (c[first] == '@' || c[first] == '%')) return Optional.of(ARFF);
            while (p < e) {
                while (p < e && Text.isSpace(c[p])) p++;
                if (p >= e) break;
                int te = Text.tokenEnd(c, p, e);
                for (int i = p; i < te; i++) {
                    if (c[i] < '0' || c[i] > '9') return Optional.of(LIBSVM);
                }
                numbers++;
                p = te;
            }
            return Optional.of(numbers == 3 ? XC : LIBSVM);
        }
    }

    /** Reads the whole file into a dataset. */
    public Dataset read(Path file) throws IOException {
        return switch (this) {
            case XC -> XcFormat.read(file);
            case LIBSVM -> LibsvmFormat.read(file);
            case ARFF -> ArffFormat.read(file);
            case CSV -> throw new IllegalArgumentException(file + ": " + CSV_NEEDS_LABELS);
        };
    }

    /** Streams the file's rows to {@code sink}. */
    public DataShape read(Path file, RowSink sink) throws IOException {
        return switch (this) {
            case XC -> XcFormat.read(file, sink);
            case LIBSVM -> LibsvmFormat.read(file, LibsvmOptions.DEFAULTS, sink);
            case ARFF -> ArffFormat.read(file, ArffOptions.DEFAULTS, sink);
            case CSV -> throw new IllegalArgumentException(file + ": " + CSV_NEEDS_LABELS);
        };
    }

    /** True when {@link #write} supports this format (XC and LIBSVM; ARFF and CSV are read-only). */
    public boolean canWrite() {
        return this == XC || this == LIBSVM;
    }

    /**
     * Writes the dataset atomically.
     *
     * @throws UnsupportedOperationException for the read-only formats (ARFF, CSV)
     */
    public void write(Path file, Dataset data) throws IOException {
        switch (this) {
            case XC -> XcFormat.write(file, data);
            case LIBSVM -> LibsvmFormat.write(file, data);
            case ARFF, CSV -> throw new UnsupportedOperationException("writing " + id + " is not supported: "
                    + "write xc or libsvm");
        }
    }
}
