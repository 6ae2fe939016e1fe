package dev.fewhot.cli;

import dev.fewhot.data.Dataset;
import dev.fewhot.data.io.DataFormat;
import dev.fewhot.data.io.LibsvmFormat;
import dev.fewhot.data.io.LibsvmOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The data options every command that reads data takes. */
public final class DataOptions {
    @Option(names = "--format", paramLabel = "FMT",
            description = "Data format: xc (Extreme Classification text) or libsvm; default: guessed from the file.")
    String format;

    @Option(names = "--feature-base", paramLabel = "0|1", defaultValue = "1",
            description = "LIBSVM: index of the first feature in the file (default ${DEFAULT-VALUE}).")
    int featureBase;

    @Option(names = "--label-base", paramLabel = "0|1", defaultValue = "0",
            description = "LIBSVM: id of the first label in the file (default ${DEFAULT-VALUE}).")
    int labelBase;

    /** Reads a data file with dimensions from the file (or inferred). */
    public Dataset load(Path file) throws IOException {
        return load(file, -1, -1);
    }

    /**
     * Reads a data file; for formats without a header, {@code numFeatures}/{@code numLabels}
     * (when not -1) fix the dimensions, e.g. to those of a model.
     */
    public Dataset load(Path file, int numFeatures, int numLabels) throws IOException {
        if (!Files.exists(file)) throw new NoSuchFileException(file.toString(), null, "no such file");
        DataFormat f = format != null ? DataFormat.fromName(format)
                : DataFormat.guess(file).orElseThrow(() -> new IllegalArgumentException(file + ": empty file, cannot tell its format"));
        if (f == DataFormat.LIBSVM) {
            return LibsvmFormat.read(file, new LibsvmOptions(featureBase, labelBase, numFeatures, numLabels));
        }
        return f.read(file);
    }
}
