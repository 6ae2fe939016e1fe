package dev.fewhot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fewhot.data.Dataset;
import dev.fewhot.metrics.FrequencyBands;
import dev.fewhot.data.stats.LabelStats;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fewhot stats FILE}: label statistics of a data file. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Label statistics: instances, features, labels, cardinality, density, label sets, "
                + "label frequency quantiles, rare labels, IRLbl / MeanIR / SCUMBLE; --per-label lists each label's "
                + "positives, IRLbl and head/torso/tail band.")
public final class StatsCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The data file.")
    Path file;
    @Mixin
    DataOptions data = new DataOptions();
    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;
    @Option(names = "--per-label", description = "Also list every label: id, name, positives, IRLbl and its band "
            + "(head = top 10%% by frequency, torso = next 40%%, tail = bottom 50%%).")
    boolean perLabel;

    @Override
    public Integer call() throws IOException {
        Dataset d = data.load(file);
        print(file.toString(), d, json, perLabel, System.out);
        return 0;
    }

    static ObjectNode toJson(Dataset d, LabelStats s) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("instances", s.instances());
        o.put("features", d.numFeatures());
        o.put("feature_density", d.rows() == 0 || d.numFeatures() == 0 ? 0.0
                : (double) d.features().storedValues() / ((double) d.rows() * d.numFeatures()));
        o.put("labels", s.labels());
        o.put("cardinality", s.cardinality());
        o.put("density", s.density());
        o.put("distinct_label_sets", s.distinctLabelSets());
        o.put("rows_without_labels", s.emptyRows());
        o.put("min_labels_per_row", s.minPositivesPerRow());
        o.put("max_labels_per_row", s.maxPositivesPerRow());
        ObjectNode q = o.putObject("label_frequency_quantiles");
        for (double p : new double[] {0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1}) {
            q.put(String.format(java.util.Locale.ROOT, "q%02d", (int) Math.round(p * 100)), s.labelCountQuantile(p));
        }
        o.put("labels_without_positives", s.labelsWithoutPositives());
        o.put("labels_with_fewer_than_5_positives", s.labelsUnder5());
        o.put("mean_ir", s.meanIR());
        o.put("max_ir", s.maxIR());
        o.put("cv_ir", s.cvIR());
        o.put("scumble", s.scumble());
        return o;
    }

    static void print(String name, Dataset d, boolean asJson, PrintStream out) throws IOException {
        print(name, d, asJson, false, out);
    }

    static void print(String name, Dataset d, boolean asJson, boolean perLabel, PrintStream out) throws IOException {
        LabelStats s = LabelStats.of(d.labels());
        ObjectNode o = toJson(d, s);
        FrequencyBands bands = FrequencyBands.of(s.labelCounts());
        if (perLabel) {
            var arr = o.putArray("per_label");
            for (int j = 0; j < s.labels(); j++) {
                ObjectNode l = arr.addObject();
                l.put("id", j);
                l.put("name", labelName(d, j));
                l.put("positives", s.labelCounts()[j]);
                if (s.labelCounts()[j] > 0) l.put("ir_lbl", s.irLbl()[j]); else l.putNull("ir_lbl");
                l.put("band", bands.band(j).name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        if (asJson) {
            out.println(new ObjectMapper().writeValueAsString(o));
            return;
        }
        out.println("== " + name);
        row(out, "instances", s.instances());
        row(out, "features", d.numFeatures() + (d.features() instanceof dev.fewhot.data.DenseMatrix ? " (dense)" : " (sparse)"));
        row(out, "labels", s.labels());
        row(out, "label cardinality", fmt(s.cardinality()) + " per row (min " + s.minPositivesPerRow() + ", max " + s.maxPositivesPerRow() + ")");
        row(out, "label density", fmt(s.density()));
        row(out, "distinct label sets", s.distinctLabelSets());
        row(out, "rows without labels", s.emptyRows());
        ObjectNode q = (ObjectNode) o.get("label_frequency_quantiles");
        StringBuilder qs = new StringBuilder();
        q.fields().forEachRemaining(e -> qs.append(qs.length() == 0 ? "" : "  ").append(e.getKey()).append('=').append(e.getValue().asInt()));
        row(out, "positives per label", qs.toString());
        row(out, "labels with 0 positives", s.labelsWithoutPositives());
        row(out, "labels with < 5 positives", s.labelsUnder5());
        row(out, "MeanIR / MaxIR / CVIR", fmt(s.meanIR()) + " / " + fmt(s.maxIR()) + " / " + fmt(s.cvIR()));
        row(out, "SCUMBLE", fmt(s.scumble()));
        if (perLabel) {
            out.println();
            out.printf("  %6s  %-24s %10s %10s  %s%n", "id", "name", "positives", "IRLbl", "band");
            for (int j = 0; j < s.labels(); j++) {
                out.printf("  %6d  %-24s %10d %10s  %s%n", j, labelName(d, j), s.labelCounts()[j],
                        s.labelCounts()[j] > 0 ? fmt(s.irLbl()[j]) : "-", bands.band(j).name().toLowerCase(java.util.Locale.ROOT));
            }
        }
    }

    private static String labelName(Dataset d, int j) {
        return j < d.labelNames().size() ? d.labelNames().get(j) : String.valueOf(j);
    }

    private static void row(PrintStream out, String k, Object v) {
        out.printf("  %-28s %s%n", k, v);
    }

    static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.4f", v);
    }
}
