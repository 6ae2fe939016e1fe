package dev.fewhot.bench;

import dev.fewhot.data.Dataset;
import dev.fewhot.data.io.BadLinePolicy;
import dev.fewhot.data.io.Datasets;
import dev.fewhot.data.io.ReadOptions;
import dev.fewhot.forest.ForestSettings;
import dev.fewhot.forest.ForestTrainer;
import dev.fewhot.metrics.TopKMetrics;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The forest's cost on a real training file, for {@code bench/forest_vs_sklearn.sh}: grows
 * {@link ForestSettings#breiman()} or {@link ForestSettings#extraTrees()} on the training file
 * (every row's held-out scores included) N times,
 * scores the test file, and prints one line: the first fit (the JIT's warm-up included), the
 * best fit, test rows scored a second (on the same threads), test P@1 and the forest's size.
 * Usage: {@code ForestTiming TRAIN TEST THREADS [passes [breiman|extra-trees]]}.
 */
public final class ForestTiming {
    private ForestTiming() { }

    public static void main(String[] args) throws Exception {
        Path trainFile = Path.of(args[0]), testFile = Path.of(args[1]);
        int threads = Integer.parseInt(args[2]);
        int passes = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        ForestSettings settings = ForestSettings.Kind.fromId(args.length > 4 ? args[4] : "breiman").settings();
        Datasets.Read read = Datasets.readEncoded(trainFile, ReadOptions.defaults(), Datasets.Shape.any(), BadLinePolicy.fail());
        Dataset train = read.data();
        Dataset test = Datasets.read(testFile, ReadOptions.defaults().withEncoding(read.encoding()), Datasets.Shape.of(train),
                BadLinePolicy.fail());
        double first = 0, best = Double.MAX_VALUE;
        ForestTrainer.Fit fit = null;
        for (int p = 0; p < passes; p++) {
            long t0 = System.nanoTime();
            fit = ForestTrainer.fit(train.features(), train.labels(), settings, 0, threads);
            double s = (System.nanoTime() - t0) / 1e9;
            if (p == 0) first = s;
            best = Math.min(best, s);
        }
        float[] scores = null;
        double bestScore = Double.MAX_VALUE;
        for (int p = 0; p < passes; p++) {
            long t0 = System.nanoTime();
            scores = new float[test.rows() * test.numLabels()];
            fit.forest().scores(test.features(), 0, test.rows(), scores, 0, threads);
            bestScore = Math.min(bestScore, (System.nanoTime() - t0) / 1e9);
        }
        System.out.printf(Locale.ROOT, "%d %d %d %d %.3f %.3f %.0f %.4f %.1f%n", train.rows(), train.numFeatures(), train.numLabels(),
                threads, first, best, test.rows() / bestScore, TopKMetrics.precisionAtK(scores, test.labels(), 1),
                fit.forest().toBytes().length / 1e6);
    }
}
