package dev.fewhot.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fewhot.FewHot;
import dev.fewhot.FewHotModel;
import dev.fewhot.data.Dataset;
import dev.fewhot.data.io.Datasets;
import dev.fewhot.loss.Losses;
import dev.fewhot.model.InputTransform;
import dev.fewhot.optim.OptimizerSettings;
import dev.fewhot.train.Thresholds;
import dev.fewhot.train.TrainerConfig;
import dev.fewhot.train.sampling.LabelAwareSampler;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fewhot train} and the library's public API, given the same data, seed and settings,
 * write the same model file byte for byte: the command is a shell over the API. Runs on generated
 * data sets (both branches of the auto recipe) and, when the data folder beside the project holds
 * it, on bibtex.
 */
class ApiCliParityTest {
    @TempDir static Path dir;

    private static Path generate(String name, String... extra) {
        Path d = dir.resolve(name);
        String[] args = new String[] {"gen", "--out-dir", d.toString(), "--train-rows", "400", "--test-rows", "50",
                "--features", "20"};
        String[] all = new String[args.length + extra.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        CliRunner.Result g = CliRunner.run(all);
        assertEquals(0, g.code(), g.err());
        return d.resolve("fewhot_train.txt");
    }

    private static byte[] cli(Path model, String... args) throws Exception {
        CliRunner.Result r = CliRunner.run(args);
        assertEquals(0, r.code(), r.err());
        return Files.readAllBytes(model);
    }

    private static byte[] saved(FewHotModel m, Path file) throws Exception {
        m.save(file);
        return Files.readAllBytes(file);
    }

    @Test
    void thePlainCommandIsTheAutoRecipeOfThePlainApiCall() throws Exception {
        // 30 labels with about 3 positives per row: the bce branch; 80 labels: asl with refit
        for (Path data : new Path[] {generate("bce", "--labels", "30"), generate("asl", "--labels", "80", "--lambda", "1")}) {
            Path m1 = data.resolveSibling("cli.fewhot"), m2 = data.resolveSibling("api.fewhot");
            byte[] viaCli = cli(m1, "train", "--train", data.toString(), "--model", m1.toString());
            Dataset train = Datasets.read(data);
            FewHotModel api = FewHot.trainer().dataName(data.getFileName().toString()).fit(train);
            assertArrayEquals(viaCli, saved(api, m2), "model files of " + data.getParent().getFileName());
        }
    }

    @Test
    void explicitOptionsMapOntoTypedSettings() throws Exception {
        Path data = generate("explicit", "--labels", "40");
        Path m1 = dir.resolve("explicit-cli.fewhot"), m2 = dir.resolve("explicit-api.fewhot");
        byte[] viaCli = cli(m1, "train", "--train", data.toString(), "--model", m1.toString(), "--loss", "focal", "--gamma", "1.5",
                "--hidden", "24,12", "--epochs", "4", "--valid-split", "0.2", "--tune-thresholds", "global", "--at-least-one",
                "--input", "tfidf", "--ensemble", "2", "--refit", "on", "--seed", "3", "--sampler", "label-aware:0.5",
                "--optimizer", "sgd", "--schedule", "cosine", "--warmup", "4", "--lr", "0.05", "--batch", "64", "--threads", "2",
                "--early-stopping", "micro-f1", "--patience", "2", "--pos-weight", "auto");
        FewHotModel api = FewHot.trainer()
                .loss(Losses.focal().withFocal(dev.fewhot.loss.FocalSettings.defaults().withGamma(1.5))
                        .withPosWeight(new dev.fewhot.loss.LossSettings.AutoPosWeight(dev.fewhot.loss.PosWeightSettings.defaults())))
                .hidden(24, 12).epochs(4).validationSplit(0.2).thresholds(Thresholds.global().withAtLeastOne(true))
                .input(InputTransform.Kind.TFIDF).ensemble(2).refit(true).seed(3).sampler(new LabelAwareSampler(0.5))
                .optimizer(OptimizerSettings.Kind.SGD).schedule(TrainerConfig.Schedule.COSINE, 4).learningRate(0.05).batchSize(64)
                .threads(2).earlyStopping(dev.fewhot.train.EarlyStopping.ValidationMetric.MICRO_F1, 2)
                .dataName(data.getFileName().toString())
                .fit(Datasets.read(data));
        assertArrayEquals(viaCli, saved(api, m2));
    }

    @Test
    void bibtexThroughTheApiEqualsTheCommand() throws Exception {
        String root = System.getProperty("fewhot.root", "..");
        String given = System.getProperty("fewhot.data");
        Path folder = (given != null && !given.isBlank() ? Path.of(given) : Path.of(root).resolve("../shared/data")).resolve("bibtex");
        Path train = folder.resolve("bibtex-train.arff");
        if (!Files.isRegularFile(train)) {
            System.out.println("SKIPPED ApiCliParityTest.bibtexThroughTheApiEqualsTheCommand: needs the data set file "
                    + "bibtex/bibtex-train.arff from the shared data folder, not found at " + train.toAbsolutePath().normalize()
                    + " (the public data sets are not part of the repository; -Dfewhot.data=DIR names another folder)");
        }
        assumeTrue(Files.isRegularFile(train), "bibtex data absent: " + train);
        Path m1 = dir.resolve("bibtex-cli.fewhot"), m2 = dir.resolve("bibtex-api.fewhot");
        byte[] viaCli = cli(m1, "train", "--train", train.toString(), "--model", m1.toString());
        FewHotModel api = FewHot.trainer().dataName(train.getFileName().toString()).fit(Datasets.read(train));
        assertArrayEquals(viaCli, saved(api, m2), "fewhot train --train bibtex-train.arff and FewHot.trainer().fit(...)");
    }
}
