package dev.fewhot.cli;

import dev.fewhot.data.Dataset;
import dev.fewhot.model.Model;
import java.io.IOException;
import java.nio.file.Path;

/** Reading a data file for a model: its dimensions, with the model's label names, checked. */
final class ModelData {
    private ModelData() { }

    /**
     * Reads {@code dataFile} for model {@code m}.
     *
     * @param needLabels also require the model's label count (evaluation)
     */
    static Dataset load(DataOptions data, Path dataFile, Model m, Path modelFile, boolean needLabels) throws IOException {
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
