package dev.fewhot.examples;

import dev.fewhot.FewHot;
import dev.fewhot.FewHotModel;
import dev.fewhot.data.Dataset;
import dev.fewhot.data.LabelSets;
import dev.fewhot.data.io.Datasets;
import dev.fewhot.data.io.ReadOptions;
import dev.fewhot.metrics.Report;
import dev.fewhot.train.TrainResult;
import dev.fewhot.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * fewhot as a library: read a training and a test file, train with the auto recipe (what
 * {@code fewhot train} does), predict, evaluate, save and load the model. Public API only.
 */
public final class QuickStart {
    private QuickStart() { }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "data");
        Dataset train = FewHot.read(dir.resolve("small_train.txt"));
        Dataset test = Datasets.readLike(dir.resolve("small_test.txt"), ReadOptions.defaults(), train);
        System.out.printf(Locale.ROOT, "train: %d rows, %d features, %d labels; test: %d rows%n",
                train.rows(), train.numFeatures(), train.numLabels(), test.rows());

        TrainingListener progress = new TrainingListener() {
            @Override
            public void networkFinished(int index, int count, Phase phase, TrainResult r) {
                System.out.printf(Locale.ROOT, "%s network %d/%d: %d epochs, kept epoch %d%n",
                        phase == Phase.REFIT ? "refit" : "trained", index + 1, count, r.epochsRun(), r.bestEpoch());
            }
        };
        FewHotModel model = FewHot.trainer().seed(0).listener(progress).fit(train);

        LabelSets predicted = model.predict(test);
        int[] first = Arrays.copyOfRange(predicted.labels(), predicted.indptr()[0], predicted.indptr()[1]);
        System.out.println("labels predicted for the first test row: " + Arrays.toString(first));
        Report report = model.evaluate(test);
        Map<String, Object> m = report.toJson();
        System.out.printf(Locale.ROOT, "test P@1 %.4f, P@5 %.4f, micro-F1 %.4f, macro-F1 %.4f, rows without a label %.4f%n",
                m.get("p@1"), m.get("p@5"), m.get("micro_f1"), m.get("macro_f1"), m.get("empty_rows"));

        Path file = Files.createTempFile("fewhot-example", ".fewhot");
        try {
            model.save(file);
            FewHotModel back = FewHotModel.load(file);
            if (!Arrays.equals(model.scores(test.features()), back.scores(test.features()))) {
                throw new IllegalStateException("the loaded model scores differently");
            }
            System.out.println("saved and loaded " + file.getFileName() + ": same scores; provenance loss = "
                    + back.provenance().get("loss"));
        } finally {
            Files.deleteIfExists(file);
        }
        if ((double) m.get("p@1") < 0.2) throw new IllegalStateException("P@1 is implausibly low: " + m.get("p@1"));
    }
}
