package dev.fewhot.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fewhot.decide.DecisionRule;
import dev.fewhot.metrics.Report;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Times {@link Report#compute} on a {@link FewHotScores} matrix and optionally writes the arrays for
 * a side-by-side run of scikit-learn ({@code bench/metrics_vs_sklearn.py}).
 *
 * <pre>java --add-modules jdk.incubator.vector -cp fewhot-bench/target/benchmarks.jar \
 *     dev.fewhot.bench.MetricsTiming ROWS LABELS SEED REPEATS [OUT_DIR]</pre>
 * OUT_DIR receives {@code scores.f32} (little-endian float32, row-major), {@code labels.u8}
 * (dense 0/1 bytes), {@code train_counts.i32} and {@code meta.json}. Prints a JSON object: the
 * seconds of each repeat (after two warm-up calls), the median, and the report.
 */
public final class MetricsTiming {
    private MetricsTiming() { }

    public static void main(String[] args) throws IOException {
        int rows = Integer.parseInt(args[0]), labels = Integer.parseInt(args[1]);
        long seed = Long.parseLong(args[2]);
        int repeats = Integer.parseInt(args[3]);
        FewHotScores d = new FewHotScores(rows, labels, seed);
        if (args.length > 4) write(d, Path.of(args[4]));
        DecisionRule rule = new DecisionRule.Threshold(0.5);
        Report rep = null;
        for (int i = 0; i < 2; i++) rep = Report.compute(d.scores, d.truth, rule, d.trainCounts, d.trainN);
        double[] sec = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            rep = Report.compute(d.scores, d.truth, rule, d.trainCounts, d.trainN);
            sec[i] = (System.nanoTime() - t0) / 1e9;
        }
        double[] sorted = sec.clone();
        Arrays.sort(sorted);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rows", rows);
        out.put("labels", labels);
        out.put("positives", d.truth.totalPositives());
        out.put("threads", Runtime.getRuntime().availableProcessors());
        out.put("seconds", sec);
        out.put("median_seconds", sorted[repeats / 2]);
        out.put("report", rep.toJson());
        System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(out));
    }

    private static void write(FewHotScores d, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(dir.resolve("scores.f32")), 1 << 20)) {
            ByteBuffer b = ByteBuffer.allocate(4 * d.labels).order(ByteOrder.LITTLE_ENDIAN);
            for (int r = 0; r < d.rows; r++) {
                b.clear();
                for (int j = 0; j < d.labels; j++) b.putFloat(d.scores[r * d.labels + j]);
                o.write(b.array(), 0, b.position());
            }
        }
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(dir.resolve("labels.u8")), 1 << 20)) {
            byte[] row = new byte[d.labels];
            int[] ptr = d.truth.indptr(), ids = d.truth.labels();
            for (int r = 0; r < d.rows; r++) {
                Arrays.fill(row, (byte) 0);
                for (int k = ptr[r]; k < ptr[r + 1]; k++) row[ids[k]] = 1;
                o.write(row);
            }
        }
        try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(dir.resolve("train_counts.i32"))))) {
            for (int c : d.trainCounts) o.writeInt(Integer.reverseBytes(c));
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("rows", d.rows);
        meta.put("labels", d.labels);
        meta.put("train_n", d.trainN);
        meta.put("threshold", 0.5);
        new ObjectMapper().writeValue(dir.resolve("meta.json").toFile(), meta);
    }
}
