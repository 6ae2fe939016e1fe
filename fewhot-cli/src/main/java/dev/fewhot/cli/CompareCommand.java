package dev.fewhot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fewhot.Comparison;
import dev.fewhot.FewHot;
import dev.fewhot.FewHotTrainer;
import dev.fewhot.TrainingPlan;
import dev.fewhot.data.Dataset;
import dev.fewhot.loss.Losses;
import dev.fewhot.metrics.FrequencyBands;
import dev.fewhot.metrics.Report;
import dev.fewhot.model.ModelConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fewhot compare}: trains the same model with the same budget under each imbalance
 * strategy and prints one table of test measures, the best of each column marked with '*'.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train the same model under several imbalance strategies (losses, weights, re-sampling, tuned "
                + "thresholds) and compare them on test data: micro-F1, macro-F1, P@1, P@5, PSP@5, empty rows, tail "
                + "recall, seconds.")
public final class CompareCommand implements Callable<Integer> {
    /** The default strategies. */
    static final String DEFAULT_STRATEGIES = Comparison.DEFAULT_STRATEGIES;

    @Option(names = "--train", required = true, paramLabel = "FILE", description = "Training data.")
    Path train;
    @Option(names = "--test", required = true, paramLabel = "FILE", description = "Test data.")
    Path test;

    @ArgGroup(exclusive = true)
    TrainCommand.Validation validation;

    @Option(names = "--strategies", split = ",", paramLabel = "S", defaultValue = DEFAULT_STRATEGIES,
            description = "Comma-separated strategies (default ${DEFAULT-VALUE}). A strategy is [mlros+|label-aware+]LOSS[+tuned] "
                    + "with LOSS one of bce, focal, asl, db, weighted-bce, focal-one-sided, pos-weight-auto (bce with "
                    + "pos_weight (N - n_j) / n_j), pos-weight-sqrt (its square root), cb (bce with class-balanced weights, "
                    + "beta 0.999), cb-focal; mlros+ = ML-ROS oversampling (25%%), label-aware+ = label-aware batches, "
                    + "+tuned = per-label thresholds tuned on the validation data.")
    List<String> strategies;
    @Mixin
    DataOptions data = new DataOptions();
    @Mixin
    TrainCommand.ModelOptions modelOptions = new TrainCommand.ModelOptions();
    @Mixin
    TrainCommand.TrainOptions trainOptions = new TrainCommand.TrainOptions();
    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    boolean json;

    /** The table's columns: JSON key, header, format, whether higher is better. */
    private record Column(String key, String header, String format, boolean higherIsBetter) { }

    private static final List<Column> COLUMNS = List.of(
            new Column("micro_f1", "micro-F1", "%.4f", true),
            new Column("macro_f1", "macro-F1", "%.4f", true),
            new Column("p@1", "P@1", "%.4f", true),
            new Column("p@5", "P@5", "%.4f", true),
            new Column("psp@5", "PSP@5", "%.4f", true),
            new Column("empty_rows", "empty rows", "%.4f", false),
            new Column("tail_recall", "tail recall", "%.4f", true),
            new Column("seconds", "seconds", "%.1f", false));

    @Override
    public Integer call() throws IOException {
        Thread warmup = dev.fewhot.kernels.Warmup.start(); // compiles the kernels while the data loads
        List<Comparison.Strategy> parsed = Comparison.parse(strategies);
        Dataset full = data.load(train);
        Dataset te = data.load(test, full.numFeatures(), full.numLabels(), full.labelNames());
        TrainCommand.checkSameShape(full, te, test);
        dev.fewhot.kernels.Warmup.await(warmup); // the first steps then run compiled code
        Dataset given = null;
        String validNote;
        if (validation != null && validation.file != null) {
            given = data.load(validation.file, full.numFeatures(), full.numLabels(), full.labelNames());
            TrainCommand.checkSameShape(full, given, validation.file);
            validNote = validation.file.toString();
        } else {
            double f = validation != null && validation.split != null ? validation.split : Comparison.DEFAULT_VALID_SHARE;
            validNote = String.format(Locale.ROOT, "%.0f%% of the training rows held out (seeded)", 100 * f);
        }
        Dataset[] parts = Comparison.split(full, given, validation == null ? null : validation.split, trainOptions.seed);
        Dataset tr = parts[0], va = parts[1];
        Supplier<FewHotTrainer> template = () -> {
            FewHotTrainer t = FewHot.trainer().auto(false);
            modelOptions.applyTo(t);
            trainOptions.applyTo(t);
            return t;
        };
        TrainingPlan plan = template.get().loss(Losses.bce()).plan(tr, null);
        ModelConfig cfg = plan.model();
        int epochs = plan.trainer().epochs();
        FrequencyBands bands = FrequencyBands.of(tr.labels().labelCounts());
        PrintStream out = System.out;
        if (!json) {
            out.printf(Locale.ROOT, "train %s: %d rows, test %s: %d rows, validation: %s (%d rows); %d labels (%d tail)%n",
                    train, tr.rows(), test, te.rows(), validNote, va.rows(), tr.numLabels(), bands.size(FrequencyBands.Band.TAIL));
            out.printf(Locale.ROOT, "model %s, %d epochs, batch %d, lr %s, seed %d; decision threshold 0.5 unless +tuned%n",
                    describe(cfg), epochs, plan.trainer().batchSize(), plan.trainer().lr(), trainOptions.seed);
        }
        Comparison.warmUp(template, tr);
        List<ObjectNode> rows = new ArrayList<>();
        ObjectMapper om = new ObjectMapper();
        for (Comparison.Outcome t : Comparison.run(parsed, template, tr, va, te, st -> new ProgressBar(st.name(), !json))) {
            Report rep = t.report();
            ObjectNode o = om.createObjectNode();
            o.put("strategy", t.strategy().name());
            o.put("loss", t.description());
            o.put("micro_f1", rep.sets().microF1());
            o.put("macro_f1", rep.sets().macroF1());
            o.put("p@1", rep.at(1).p());
            o.put("p@5", rep.at(5).p());
            o.put("psp@5", rep.at(5).psp());
            o.put("empty_rows", rep.emptyRows());
            o.put("tail_recall", rep.bandRecall().tail());
            o.put("seconds", t.seconds());
            o.put("train_rows", t.trainRows());
            o.put("decision_rule", t.strategy().tuned() ? "per-label thresholds (validation), at least one label" : "threshold 0.5");
            rows.add(o);
        }
        Map<String, List<String>> best = new LinkedHashMap<>();
        for (Column c : COLUMNS) {
            double b = c.higherIsBetter ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            for (ObjectNode o : rows) {
                double v = rounded(c, o.get(c.key).asDouble());
                b = c.higherIsBetter ? Math.max(b, v) : Math.min(b, v);
            }
            List<String> names = new ArrayList<>();
            for (ObjectNode o : rows) if (rounded(c, o.get(c.key).asDouble()) == b) names.add(o.get("strategy").asText());
            best.put(c.key, names);
        }
        if (json) {
            ObjectNode root = om.createObjectNode();
            root.put("train_file", train.toString());
            root.put("test_file", test.toString());
            root.put("train_rows", tr.rows());
            root.put("valid_rows", va.rows());
            root.put("test_rows", te.rows());
            root.put("labels", tr.numLabels());
            root.put("tail_labels", bands.size(FrequencyBands.Band.TAIL));
            root.put("model", describe(cfg));
            root.put("epochs", epochs);
            root.put("seed", trainOptions.seed);
            ArrayNode arr = root.putArray("results");
            rows.forEach(arr::add);
            ObjectNode b = root.putObject("best");
            best.forEach((k, v) -> v.forEach(b.putArray(k)::add));
            out.println(om.writeValueAsString(root));
            return 0;
        }
        int width = Math.max(18, rows.stream().mapToInt(o -> o.get("strategy").asText().length()).max().orElse(0) + 1);
        StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s", "strategy"));
        for (Column c : COLUMNS) h.append(String.format(Locale.ROOT, " %12s", c.header));
        out.println(h);
        for (ObjectNode o : rows) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s", o.get("strategy").asText()));
            for (Column c : COLUMNS) {
                String v = String.format(Locale.ROOT, c.format, o.get(c.key).asDouble());
                boolean isBest = best.get(c.key).contains(o.get("strategy").asText());
                line.append(String.format(Locale.ROOT, " %12s", v + (isBest ? "*" : " ")));
            }
            out.println(line);
        }
        out.println("* best in the column (lowest for empty rows and seconds); PSP@5 with Jain et al. propensities "
                + "(A 0.55, B 1.5); tail = the bottom 50% of labels by training frequency");
        return 0;
    }

    private static double rounded(Column c, double v) {
        return Double.parseDouble(String.format(Locale.ROOT, c.format, v));
    }


    private static String describe(ModelConfig cfg) {
        return cfg.hidden().isEmpty() ? "linear " + cfg.inputDim() + " -> " + cfg.outputDim()
                : "MLP " + cfg.inputDim() + " -> " + cfg.hidden() + " -> " + cfg.outputDim();
    }

}
