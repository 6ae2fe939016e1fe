package dev.fewhot.cli;

import dev.fewhot.data.io.RowWriter;
import dev.fewhot.data.io.XcFormat;
import dev.fewhot.data.synth.FewHotGenerator;
import dev.fewhot.data.synth.FewHotSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fewhot gen}: writes a seed-shaped train/test pair in the Extreme Classification text format. */
@Command(name = "gen", mixinStandardHelpOptions = true,
        description = "Generate a seed-shaped few-hot data set (train and test files, XC text format).")
public final class GenCommand implements Callable<Integer> {
    @Option(names = "--out-dir", defaultValue = "data", description = "Output folder (default ${DEFAULT-VALUE}).")
    Path outDir;
    @Option(names = "--prefix", defaultValue = "fewhot", description = "File name prefix (default ${DEFAULT-VALUE}).")
    String prefix;
    @Option(names = "--labels", defaultValue = "512", description = "Labels (default ${DEFAULT-VALUE}).")
    int labels;
    @Option(names = "--features", defaultValue = "256", description = "Dense features (default ${DEFAULT-VALUE}).")
    int features;
    @Option(names = "--train-rows", defaultValue = "50000", description = "Train rows (default ${DEFAULT-VALUE}).")
    int trainRows;
    @Option(names = "--test-rows", defaultValue = "10000", description = "Test rows (default ${DEFAULT-VALUE}).")
    int testRows;
    @Option(names = "--lambda", defaultValue = "4", description = "Positives per row: 1 + Poisson(lambda) (default ${DEFAULT-VALUE}).")
    double lambda;
    @Option(names = "--max-positives", defaultValue = "15", description = "Cap on positives per row (default ${DEFAULT-VALUE}).")
    int maxPositives;
    @Option(names = "--zipf-a", defaultValue = "1.0", description = "Zipf-Mandelbrot exponent (default ${DEFAULT-VALUE}).")
    double zipfA;
    @Option(names = "--zipf-offset", defaultValue = "4.0", description = "Zipf-Mandelbrot offset (default ${DEFAULT-VALUE}).")
    double zipfOffset;
    @Option(names = "--linear-amp", defaultValue = "0.08", description = "Linear signal amplitude (default ${DEFAULT-VALUE}).")
    double linearAmp;
    @Option(names = "--nonlinear-amp", defaultValue = "0.16", description = "Non-linear signal amplitude (default ${DEFAULT-VALUE}).")
    double nonlinearAmp;
    @Option(names = "--noise", defaultValue = "0.6", description = "Noise standard deviation (default ${DEFAULT-VALUE}).")
    double noise;
    @Option(names = "--seed", defaultValue = "20240601", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    FewHotSettings settings() {
        return new FewHotSettings(labels, features, trainRows, testRows, lambda, maxPositives, zipfA, zipfOffset,
                linearAmp, nonlinearAmp, noise, 4, seed);
    }

    @Override
    public Integer call() throws IOException {
        FewHotSettings s = settings();
        Path[] files = write(s, outDir, prefix);
        PrintStream out = System.out;
        out.println("wrote " + files[0] + " (" + s.trainRows() + " rows) and " + files[1] + " (" + s.testRows() + " rows)");
        out.println(s.labels() + " labels, " + s.features() + " dense features, 1 + Poisson(" + s.lambda()
                + ") positives per row, seed " + s.seed());
        return 0;
    }

    /** Writes {@code prefix_train.txt} and {@code prefix_test.txt}; returns their paths. */
    static Path[] write(FewHotSettings s, Path dir, String prefix) throws IOException {
        java.nio.file.Files.createDirectories(dir);
        FewHotGenerator g = new FewHotGenerator(s);
        Path train = dir.resolve(prefix + "_train.txt"), test = dir.resolve(prefix + "_test.txt");
        writeSplit(g, FewHotGenerator.Split.TRAIN, train, s.trainRows());
        writeSplit(g, FewHotGenerator.Split.TEST, test, s.testRows());
        return new Path[] {train, test};
    }

    private static void writeSplit(FewHotGenerator g, FewHotGenerator.Split split, Path file, int rows) throws IOException {
        FewHotSettings s = g.settings();
        RowWriter w = XcFormat.writer(file, rows, s.features(), s.labels());
        try {
            g.generate(split, w);
        } catch (RuntimeException e) {
            w.abort();
            throw e;
        }
        w.close();
    }
}
