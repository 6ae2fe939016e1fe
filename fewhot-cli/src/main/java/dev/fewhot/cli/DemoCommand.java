package dev.fewhot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fewhot.Demo;
import dev.fewhot.FewHotTrainer;
import dev.fewhot.data.Dataset;
import dev.fewhot.data.io.XcFormat;
import dev.fewhot.data.synth.FewHotSettings;
import dev.fewhot.decide.DecisionRule;
import dev.fewhot.loss.LossKind;
import dev.fewhot.metrics.Collapse;
import dev.fewhot.metrics.SetMetrics;
import dev.fewhot.metrics.TopKMetrics;
import dev.fewhot.metrics.Predictions;
import dev.fewhot.train.TrainResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fewhot demo}: generates the seed-shaped data set (512 labels, about 5 positives per
 * row), prints its label statistics, then trains the same MLP with each loss and prints one
 * table that shows the all-zeros collapse of plain BCE and the fix.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generate a seed-shaped data set, train the same MLP with BCE, positive weighting, focal, "
                + "the one-sided variant and ASL, and compare them on the test split.")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--dir", defaultValue = "demo-data", description = "Folder for the generated files (default ${DEFAULT-VALUE}).")
    Path dir;
    @Option(names = "--train-rows", defaultValue = "50000", description = "Train rows (default ${DEFAULT-VALUE}).")
    int trainRows;
    @Option(names = "--test-rows", defaultValue = "10000", description = "Test rows (default ${DEFAULT-VALUE}).")
    int testRows;
    @Option(names = "--epochs", defaultValue = "5", description = "Epochs per loss (default ${DEFAULT-VALUE}).")
    int epochs;
    @Option(names = "--hidden", defaultValue = "1024", description = "Hidden width of the MLP (default ${DEFAULT-VALUE}).")
    int hidden;
    @Option(names = "--losses", split = ",", paramLabel = "NAME",
            defaultValue = "bce,weighted-bce,focal,focal-one-sided,asl",
            description = "Losses to compare (default ${DEFAULT-VALUE}).")
    List<String> losses;
    @Option(names = "--threads", paramLabel = "N", description = "Kernel threads (default: the number of cores).")
    Integer threads;
    @Option(names = "--data-seed", defaultValue = "20240601", description = "Seed of the generated data (default ${DEFAULT-VALUE}).")
    long dataSeed;
    @Option(names = "--json", description = "Print one JSON object instead of tables.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Thread warmup = dev.fewhot.kernels.Warmup.start(); // compiles the kernels while the data loads
        PrintStream out = System.out;
        FewHotSettings s = FewHotSettings.defaults().withRows(trainRows, testRows).withSeed(dataSeed);
        String prefix = "fewhot_" + s.labels() + "x" + s.features() + "_" + trainRows + "_" + testRows + "_s" + s.seed();
        Path trainFile = dir.resolve(prefix + "_train.txt"), testFile = dir.resolve(prefix + "_test.txt");
        if (!Files.exists(trainFile) || !Files.exists(testFile)) {
            if (!json) out.println("generating " + trainFile + " and " + testFile + " ...");
            GenCommand.write(s, dir, prefix);
        }
        Dataset full = XcFormat.read(trainFile), test = XcFormat.read(testFile);
        dev.fewhot.kernels.Warmup.await(warmup); // the first steps then run compiled code
        Dataset[] split = Demo.split(full);
        Dataset train = split[0], valid = split[1];
        if (!json) {
            StatsCommand.print(trainFile.toString(), full, false, out);
            out.println();
            out.printf(Locale.ROOT, "MLP %d -> %d (ReLU) -> %d, Adam lr %s (%d warm-up steps, cosine decay), batch %d, %d epochs, trained on %d rows; "
                            + "test metrics on %d rows at threshold 0.5,%n\"+ tuned\" rows: per-label thresholds tuned on %d held-out "
                            + "training rows, at least one label per row%n",
                    train.numFeatures(), hidden, train.numLabels(), Demo.LR, Demo.WARMUP, FewHotTrainer.DEFAULT_BATCH, epochs,
                    train.rows(), test.rows(), valid.rows());
            out.println(header());
        }
        int t = ModelData.threads(threads);
        List<LossKind> kinds = losses.stream().map(LossKind::fromId).toList();
        ObjectMapper om = new ObjectMapper();
        ArrayNode rows = om.createArrayNode();
        for (Demo.Row r : Demo.run(train, valid, test, kinds, epochs, hidden, t, k -> new ProgressBar(k.id(), !json))) {
            addRow(rows, r.name(), r.description(), r.testScores(), test, r.rule(), r.training(), out);
        }
        if (json) {
            ObjectNode root = om.createObjectNode();
            root.put("train_file", trainFile.toString());
            root.put("test_file", testFile.toString());
            root.put("epochs", epochs);
            root.put("threads", t);
            root.set("results", rows);
            out.println(om.writeValueAsString(root));
        } else {
            out.println();
            for (var o : rows) {
                double empty = 100 * o.get("empty_rows").asDouble();
                String line = switch (o.get("name").asText()) {
                    case "bce" -> String.format(Locale.ROOT, "plain BCE leaves %.1f%% of test rows without a label and predicts %d of %d labels",
                            empty, o.get("labels_ever_predicted").asInt(), test.numLabels());
                    case "focal-one-sided" -> String.format(Locale.ROOT,
                            "the one-sided \"focal\" variant (not a focal loss) predicts %.1f labels per row", o.get("mean_predicted").asDouble());
                    case "asl + tuned" -> String.format(Locale.ROOT, "ASL with tuned thresholds: micro-F1 %.3f, macro-F1 %.3f, %.1f%% of rows without a label",
                            o.get("micro_f1").asDouble(), o.get("macro_f1").asDouble(), empty);
                    default -> null;
                };
                if (line != null) out.println(line);
            }
        }
        return 0;
    }

    private void addRow(ArrayNode rows, String name, String description, float[] scores, Dataset test, DecisionRule rule,
                        TrainResult r, PrintStream out) {
        Predictions p = Predictions.of(scores, test.rows(), test.numLabels(), rule);
        ObjectNode o = rows.addObject();
        o.put("name", name);
        o.put("loss", description);
        SetMetrics.Scores set = SetMetrics.all(test.labels(), p);
        o.put("micro_f1", set.microF1());
        o.put("macro_f1", set.macroF1());
        o.put("empty_rows", Collapse.emptyRowRate(p));
        o.put("labels_ever_predicted", Collapse.labelsEverPredicted(p));
        o.put("mean_predicted", Collapse.meanPredictedPerRow(p));
        o.put("p@1", TopKMetrics.precisionAtK(scores, test.labels(), 1));
        o.put("p@5", TopKMetrics.precisionAtK(scores, test.labels(), 5));
        o.put("train_samples_per_s", r.samplesPerSecond());
        if (!json) out.println(row(o, name, test.numLabels()));
    }

    static String header() {
        return String.format(Locale.ROOT, "%-18s %9s %9s %11s %15s %7s %7s %7s %10s", "loss", "micro-F1", "macro-F1",
                "empty rows", "labels pred.", "pred/row", "P@1", "P@5", "samples/s");
    }

    static String row(ObjectNode o, String name, int labels) {
        return String.format(Locale.ROOT, "%-18s %9.3f %9.3f %10.1f%% %9d of %d %7.1f %7.3f %7.3f %,10.0f", name,
                o.get("micro_f1").asDouble(), o.get("macro_f1").asDouble(), 100 * o.get("empty_rows").asDouble(),
                o.get("labels_ever_predicted").asInt(), labels, o.get("mean_predicted").asDouble(),
                o.get("p@1").asDouble(), o.get("p@5").asDouble(), o.get("train_samples_per_s").asDouble());
    }

}
