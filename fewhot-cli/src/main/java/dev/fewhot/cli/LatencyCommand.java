package dev.fewhot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fewhot.data.Dataset;
import dev.fewhot.data.Features;
import dev.fewhot.model.Model;
import dev.fewhot.model.Predictor;
import dev.fewhot.model.Quantization;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fewhot bench-latency}: batch-1 inference latency. Loads a model, runs a warm-up, then
 * times one {@link Predictor#scores(Features, int, int, float[])} call per row (one row each) and
 * reports percentiles in microseconds. Rows are taken in file order and wrap around when the file
 * has fewer rows than {@code --rows}. With {@code --quantize int8} the predictor multiplies by int8
 * weights (quantized once, before the warm-up).
 */
@Command(name = "bench-latency", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure batch-1 inference latency: one row per call, after a warm-up; "
                + "prints p50/p90/p99/mean in microseconds.")
public final class LatencyCommand implements Callable<Integer> {
    @Mixin
    ModelData io = new ModelData();
    @Option(names = "--rows", defaultValue = "2000", paramLabel = "N",
            description = "Timed calls, one row each, in file order, wrapping around (default ${DEFAULT-VALUE}).")
    int rows;
    @Option(names = "--warmup", defaultValue = "500", paramLabel = "N",
            description = "Untimed calls before timing, for the JIT (default ${DEFAULT-VALUE}).")
    int warmup;
    @Option(names = "--threads", defaultValue = "1", paramLabel = "N", description = "Kernel threads (default ${DEFAULT-VALUE}).")
    int threads;
    @Mixin
    QuantizeOption quantize = new QuantizeOption();
    @Option(names = "--json", description = "Print one JSON object (for machines) instead of text.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (rows < 1) throw new IllegalArgumentException("--rows must be >= 1, got " + rows);
        if (warmup < 0) throw new IllegalArgumentException("--warmup must be >= 0, got " + warmup);
        if (threads < 1) throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        Quantization q = quantize.value();
        if (!Files.isRegularFile(io.modelFile)) throw new IllegalArgumentException("--model: no such model file: " + io.modelFile);
        if (!Files.isRegularFile(io.dataFile)) throw new IllegalArgumentException("--data: no such data file: " + io.dataFile);
        Model m = io.model();
        Dataset d = io.dataFor(m, false);
        int n = d.rows();
        if (n == 0) throw new IllegalArgumentException("--data " + io.dataFile + ": no rows");
        Features x = d.features();
        Predictor p = m.predictor(threads, q);
        float[] out = new float[m.config().outputDim()];
        double sink = 0;
        for (int i = 0; i < warmup; i++) {
            p.scores(x, i % n, 1, out);
            sink += out[0];
        }
        long[] nanos = new long[rows];
        for (int i = 0; i < rows; i++) {
            long t0 = System.nanoTime();
            p.scores(x, i % n, 1, out);
            nanos[i] = System.nanoTime() - t0;
            sink += out[0];
        }
        Arrays.sort(nanos);
        double mean = 0;
        for (long v : nanos) mean += v;
        mean /= rows;
        double p50 = percentile(nanos, 50) / 1e3, p90 = percentile(nanos, 90) / 1e3, p99 = percentile(nanos, 99) / 1e3;
        if (json) {
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("model", io.modelFile.toString());
            o.put("data", io.dataFile.toString());
            o.put("rows_in_data", n);
            o.put("calls", rows);
            o.put("warmup", warmup);
            o.put("threads", threads);
            o.put("quantize", q.id());
            o.put("p50_us", p50);
            o.put("p90_us", p90);
            o.put("p99_us", p99);
            o.put("mean_us", mean / 1e3);
            o.put("min_us", nanos[0] / 1e3);
            o.put("max_us", nanos[rows - 1] / 1e3);
            o.put("checksum", sink);
            System.out.println(new ObjectMapper().writeValueAsString(o));
        } else {
            System.out.printf(Locale.ROOT, "batch-1 latency over %d calls (%d warm-up, %d thread%s%s): p50 %.1f us, "
                            + "p90 %.1f us, p99 %.1f us, mean %.1f us%n",
                    rows, warmup, threads, threads == 1 ? "" : "s", q == Quantization.NONE ? "" : ", " + q.id() + " weights",
                    p50, p90, p99, mean / 1e3);
        }
        System.out.flush();
        return 0;
    }

    /** Nearest-rank percentile of a sorted array. */
    static long percentile(long[] sorted, double pct) {
        int rank = (int) Math.ceil(pct / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
