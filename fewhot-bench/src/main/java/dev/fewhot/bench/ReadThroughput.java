package dev.fewhot.bench;

import dev.fewhot.data.DatasetBuilder;
import dev.fewhot.data.RowSink;
import dev.fewhot.data.io.DataFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reader throughput on one core: streams a data file through its reader into a counting sink
 * (parsing only) and into a {@link DatasetBuilder} (parsing and building), best of N passes, and
 * prints MB/s. Usage: {@code ReadThroughput FILE [passes]}.
 */
public final class ReadThroughput {
    private ReadThroughput() { }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        DataFormat f = DataFormat.guess(file).orElseThrow();
        double mb = Files.size(file) / 1e6;
        double bestParse = Double.MAX_VALUE, bestBuild = Double.MAX_VALUE;
        long[] count = new long[2];
        RowSink counter = (labels, lv, nl, idx, vals, nnz) -> {
            count[0] += nl;
            count[1] += nnz;
        };
        for (int p = 0; p < passes; p++) {
            long t0 = System.nanoTime();
            f.read(file, counter);
            bestParse = Math.min(bestParse, (System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            f.read(file);
            bestBuild = Math.min(bestBuild, (System.nanoTime() - t0) / 1e9);
        }
        System.out.printf(Locale.ROOT, "%s: %.1f MB, %s; parse only %.3f s = %.0f MB/s; parse + build %.3f s = %.0f MB/s%n",
                file.getFileName(), mb, f.id(), bestParse, mb / bestParse, bestBuild, mb / bestBuild);
    }
}
