package dev.fewhot.cli;

import dev.fewhot.data.Dataset;
import dev.fewhot.io.ModelFile;
import dev.fewhot.model.Model;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --model M --data F} and the data options, shared by the commands that apply a model to
 * a data file (predict, eval, bench-latency): the data is read with the model's dimensions and
 * label names, and checked against them.
 */
final class ModelData {
    @Option(names = "--model", required = true, paramLabel = "M", description = "Model file.")
    Path modelFile;
    @Option(names = "--data", required = true, paramLabel = "F",
            description = "Data file (predict and bench-latency ignore its labels; eval scores against them).")
    Path dataFile;
    @Mixin
    DataOptions data = new DataOptions();

    /** Loads and verifies the model file. */
    Model model() throws IOException {
        return ModelFile.load(modelFile);
    }

    /**
     * Reads the data file for model {@code m}.
     *
     * @param needLabels also require the model's label count (evaluation)
     */
    Dataset dataFor(Model m, boolean needLabels) throws IOException {
        data.encoding = m.encoding(); // ARFF attributes are encoded as the training file's were
        Dataset d = data.load(dataFile, m.config().inputDim(), m.config().outputDim(), m.labelNames());
        if (d.numFeatures() != m.config().inputDim()) {
            throw new IllegalArgumentException(dataFile + ": " + d.numFeatures() + " features, the model " + modelFile
                    + " expects " + m.config().inputDim());
        }
        if (needLabels && d.numLabels() != m.config().outputDim()) {
            throw new IllegalArgumentException(dataFile + ": " + d.numLabels() + " labels, the model " + modelFile
                    + " has " + m.config().outputDim());
        }
        return d;
    }

    /** The thread count option's value, or the number of cores. */
    static int threads(Integer option) {
        int t = option != null ? option : Runtime.getRuntime().availableProcessors();
        if (t < 1) throw new IllegalArgumentException("--threads must be >= 1, got " + t);
        return t;
    }
}
