package dev.fewhot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fewhot.data.Dataset;
import dev.fewhot.data.Subsets;
import dev.fewhot.decide.DecisionRule;
import dev.fewhot.decide.ThresholdStrategy;
import dev.fewhot.loss.BceWeights;
import dev.fewhot.loss.ClassWeights;
import dev.fewhot.loss.LabelCounts;
import dev.fewhot.loss.LossKind;
import dev.fewhot.loss.LossSpec;
import dev.fewhot.loss.PosWeightSettings;
import dev.fewhot.metrics.FrequencyBands;
import dev.fewhot.metrics.Report;
import dev.fewhot.model.ModelConfig;
import dev.fewhot.train.TrainResult;
import dev.fewhot.train.Trainer;
import dev.fewhot.train.TrainerConfig;
import dev.fewhot.train.sampling.LabelAwareSampler;
import dev.fewhot.train.sampling.MlRos;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
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
    static final String DEFAULT_STRATEGIES = "bce,bce+tuned,pos-weight-auto,focal,asl,asl+tuned,db,mlros+bce";

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

    /** A parsed strategy: re-sampling, loss, and whether thresholds are tuned. */
    record Strategy(String name, String resample, String loss, boolean tuned) {
        static final List<String> LOSSES = List.of("bce", "focal", "asl", "db", "weighted-bce", "focal-one-sided",
                "pos-weight-auto", "pos-weight-sqrt", "cb", "cb-focal");

        static Strategy parse(String raw) {
            String s = raw.trim().toLowerCase(Locale.ROOT);
            String rest = s;
            String resample = "";
            boolean tuned = false;
            if (rest.startsWith("mlros+")) { resample = "mlros"; rest = rest.substring(6); }
            else if (rest.startsWith("label-aware+")) { resample = "label-aware"; rest = rest.substring(12); }
            if (rest.endsWith("+tuned")) { tuned = true; rest = rest.substring(0, rest.length() - 6); }
            if (!LOSSES.contains(rest)) {
                throw new IllegalArgumentException("--strategies: unknown strategy '" + raw.trim() + "'; a strategy is "
                        + "[mlros+|label-aware+]LOSS[+tuned] with LOSS one of " + String.join(", ", LOSSES));
            }
            return new Strategy(s, resample, rest, tuned);
        }

        /** What is trained (strategies differing only in +tuned share one model). */
        String trainingKey() {
            return resample + "|" + loss;
        }

        LossSpec spec(Dataset tr) {
            int[] counts = tr.labels().labelCounts();
            LossSpec base = switch (loss) {
                case "pos-weight-auto", "pos-weight-sqrt", "cb" -> LossSpec.of(LossKind.BCE);
                case "cb-focal" -> LossSpec.of(LossKind.FOCAL);
                default -> LossSpec.of(LossKind.fromId(loss));
            };
            base = base.withCounts(LabelCounts.of(tr.labels()));
            return switch (loss) {
                case "pos-weight-auto" -> base.withWeights(BceWeights.none().withPosWeight(
                        ClassWeights.posWeightFromCounts(counts, tr.rows(), PosWeightSettings.defaults())));
                case "pos-weight-sqrt" -> base.withWeights(BceWeights.none().withPosWeight(
                        ClassWeights.posWeightFromCounts(counts, tr.rows(), 0.5, Double.POSITIVE_INFINITY)));
                case "cb", "cb-focal" -> base.withWeights(BceWeights.none().withWeight(ClassWeights.classBalanced(counts, 0.999)));
                default -> base;
            };
        }
    }

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
        List<Strategy> parsed = new ArrayList<>();
        for (String s : strategies) parsed.add(Strategy.parse(s));
        if (parsed.isEmpty()) throw new IllegalArgumentException("--strategies: give at least one strategy");
        Dataset tr = data.load(train);
        Dataset te = data.load(test, tr.numFeatures(), tr.numLabels(), tr.labelNames());
        TrainCommand.checkSameShape(tr, te, test);
        dev.fewhot.kernels.Warmup.await(warmup); // the first steps then run compiled code
        Dataset va;
        String validNote;
        if (validation != null && validation.file != null) {
            va = data.load(validation.file, tr.numFeatures(), tr.numLabels(), tr.labelNames());
            TrainCommand.checkSameShape(tr, va, validation.file);
            validNote = validation.file.toString();
        } else {
            double f = validation != null && validation.split != null ? validation.split : 0.1;
            Dataset[] parts = Subsets.split(tr, f, trainOptions.seed);
            tr = parts[0];
            va = parts[1];
            validNote = String.format(Locale.ROOT, "%.0f%% of the training rows held out (seeded)", 100 * f);
        }
        ModelConfig cfg = modelOptions.config(tr.numFeatures(), tr.numLabels());
        int[] trainCounts = tr.labels().labelCounts();
        FrequencyBands bands = FrequencyBands.of(trainCounts);
        PrintStream out = System.out;
        if (!json) {
            out.printf(Locale.ROOT, "train %s: %d rows, test %s: %d rows, validation: %s (%d rows); %d labels (%d tail)%n",
                    train, tr.rows(), test, te.rows(), validNote, va.rows(), tr.numLabels(), bands.size(FrequencyBands.Band.TAIL));
            out.printf(Locale.ROOT, "model %s, %d epochs, batch %d, lr %s, seed %d; decision threshold 0.5 unless +tuned%n",
                    describe(cfg), trainOptions.epochs, trainOptions.batch, trainOptions.lr, trainOptions.seed);
        }
        warmUp(cfg, tr);
        Map<String, Trained> cache = new HashMap<>();
        List<ObjectNode> rows = new ArrayList<>();
        ObjectMapper om = new ObjectMapper();
        for (Strategy st : parsed) {
            Trained t = cache.get(st.trainingKey());
            if (t == null) {
                t = trainOne(st, cfg, tr, va, te);
                cache.put(st.trainingKey(), t);
            }
            DecisionRule rule = st.tuned()
                    ? ThresholdStrategy.PER_LABEL.tune(t.validScores, va.labels(), trainCounts, tr.rows(), true)
                    : new DecisionRule.Threshold(0.5);
            Report rep = Report.compute(t.testScores, te.labels(), rule, trainCounts, tr.rows());
            ObjectNode o = om.createObjectNode();
            o.put("strategy", st.name());
            o.put("loss", t.description);
            o.put("micro_f1", rep.sets().microF1());
            o.put("macro_f1", rep.sets().macroF1());
            o.put("p@1", rep.at(1).p());
            o.put("p@5", rep.at(5).p());
            o.put("psp@5", rep.at(5).psp());
            o.put("empty_rows", rep.emptyRows());
            o.put("tail_recall", rep.bandRecall().tail());
            o.put("seconds", t.seconds);
            o.put("train_rows", t.trainRows);
            o.put("decision_rule", st.tuned() ? "per-label thresholds (validation), at least one label" : "threshold 0.5");
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
            root.put("epochs", trainOptions.epochs);
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

    /** One short untimed run so that the first strategy's seconds do not include the JIT's warm-up. */
    private void warmUp(ModelConfig cfg, Dataset tr) {
        int n = Math.min(tr.rows(), 512);
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) rows[i] = i;
        Dataset small = Subsets.select(tr, rows);
        TrainerConfig tc = trainOptions.config(LossKind.BCE).withEpochs(1);
        new Trainer(tc, null).train(cfg, LossSpec.of(LossKind.BCE).build(), small, null, Map.of());
    }

    /** A trained model's scores on validation and test data. */
    private record Trained(String description, float[] validScores, float[] testScores, double seconds, int trainRows) { }

    private Trained trainOne(Strategy st, ModelConfig cfg, Dataset tr, Dataset va, Dataset te) {
        long t0 = System.nanoTime();
        Dataset used = tr;
        if (st.resample().equals("mlros")) used = Subsets.select(tr, MlRos.indices(tr.labels(), MlRos.DEFAULT_PERCENTAGE, trainOptions.seed));
        LossSpec spec = st.spec(used);
        TrainerConfig tc = trainOptions.config(spec.kind());
        if (st.resample().equals("label-aware")) tc = tc.withSampler(LabelAwareSampler.uniform());
        String desc = (st.resample().isEmpty() ? "" : st.resample() + " + ") + spec.describe();
        TrainResult r = new Trainer(tc, new ProgressBar(st.name(), tc.epochs(), !json)).train(cfg, spec.build(), used, null,
                Map.of("loss", spec.describe()));
        var pred = r.model().predictor(tc.threads());
        float[] vs = pred.scores(va.features()), ts = pred.scores(te.features());
        return new Trained(desc, vs, ts, (System.nanoTime() - t0) / 1e9, used.rows());
    }
}
