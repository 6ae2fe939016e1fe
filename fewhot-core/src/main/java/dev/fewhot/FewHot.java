package dev.fewhot;

import dev.fewhot.data.Dataset;
import dev.fewhot.data.io.Datasets;
import java.io.IOException;
import java.nio.file.Path;

/**
 * fewhot's entry point: read data, train, load a model.
 *
 * <pre>{@code
 * Dataset train = FewHot.read(Path.of("bibtex-train.arff"));   // format detected, labels XML found
 * FewHotModel model = FewHot.trainer().seed(0).fit(train);      // the auto recipe
 * Report report = model.evaluate(FewHot.read(Path.of("bibtex-test.arff")));
 * model.save(Path.of("bibtex.fewhot"));
 * }</pre>
 */
public final class FewHot {
    private FewHot() { }

    /** A trainer; with nothing set it applies the auto recipe, as {@code fewhot train} does. */
    public static FewHotTrainer trainer() {
        return new FewHotTrainer();
    }

    /** {@link Datasets#read(Path)}: reads a data file, its format guessed. */
    public static Dataset read(Path file) throws IOException {
        return Datasets.read(file);
    }

    /** {@link FewHotModel#load}. */
    public static FewHotModel load(Path modelFile) throws IOException {
        return FewHotModel.load(modelFile);
    }
}
