package dev.fewhot;

import dev.fewhot.data.Dataset;
import dev.fewhot.data.Subsets;
import dev.fewhot.decide.DecisionRule;
import dev.fewhot.loss.LossKind;
import dev.fewhot.loss.LossSettings;
import dev.fewhot.loss.Losses;
import dev.fewhot.loss.PosWeightSettings;
import dev.fewhot.metrics.Report;
import dev.fewhot.train.ThresholdStrategy;
import dev.fewhot.train.TrainingListener;
import dev.fewhot.train.sampling.LabelAwareSampler;
import dev.fewhot.train.sampling.MlRos;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code fewhot compare}: trains the same model with the same budget under several imbalance
 * strategies (losses, label weights, re-sampling, tuned thresholds) and scores each on test
 * data. Strategies that differ only in {@code +tuned} share one trained model.
 */
public final class Comparison {
    private Comparison() { }

    /** The default strategies. */
    public static final String DEFAULT_STRATEGIES = "bce,bce+tuned,pos-weight-auto,focal,asl,asl+tuned,db,mlros+bce";
    /** The validation share held out of the training rows when no validation file is given. */
    public static final double DEFAULT_VALID_SHARE = 0.1;
    /** The losses a strategy can name. */
    public static final List<String> LOSSES = List.of("bce", "focal", "asl", "db", "weighted-bce", "focal-one-sided",
            "pos-weight-auto", "pos-weight-sqrt", "cb", "cb-focal");
    /** Beta of the class-balanced strategies (cb, cb-focal). */
    public static final double CB_BETA = 0.999;

    /** Re-sampling of a strategy. */
    public enum Resampling {
        NONE(""), MLROS("mlros"), LABEL_AWARE("label-aware");

        private final String id;

        Resampling(String id) { this.id = id; }

        /** The strategy prefix without '+' (empty for none). */
        public String id() { return id; }
    }

    /**
     * A strategy: {@code [mlros+|label-aware+]LOSS[+tuned]}.
     *
     * @param name     the strategy as written (lower case)
     * @param resample re-sampling
     * @param loss     one of {@link #LOSSES}
     * @param tuned    whether per-label thresholds are tuned on the validation rows
     */
    public record Strategy(String name, Resampling resample, String loss, boolean tuned) {
        public Strategy {
            if (!LOSSES.contains(loss)) {
                throw new IllegalArgumentException("--strategies: unknown strategy '" + name + "'; a strategy is "
                        + "[mlros+|label-aware+]LOSS[+tuned] with LOSS one of " + String.join(", ", LOSSES));
            }
        }

        /** Parses {@code [mlros+|label-aware+]LOSS[+tuned]}. */
        public static Strategy parse(String raw) {
            String s = raw.trim().toLowerCase(Locale.ROOT);
            String rest = s;
            Resampling resample = Resampling.NONE;
            boolean tuned = false;
            if (rest.startsWith("mlros+")) { resample = Resampling.MLROS; rest = rest.substring(6); }
            else if (rest.startsWith("label-aware+")) { resample = Resampling.LABEL_AWARE; rest = rest.substring(12); }
            if (rest.endsWith("+tuned")) { tuned = true; rest = rest.substring(0, rest.length() - 6); }
            if (!LOSSES.contains(rest)) {
                throw new IllegalArgumentException("--strategies: unknown strategy '" + raw.trim() + "'; a strategy is "
                        + "[mlros+|label-aware+]LOSS[+tuned] with LOSS one of " + String.join(", ", LOSSES));
            }
            return new Strategy(s, resample, rest, tuned);
        }

        /** What is trained (strategies differing only in +tuned share one model). */
        public String trainingKey() {
            return resample.id() + "|" + loss;
        }

        /**
         * The loss: pos-weight-auto is bce with {@code pos_weight = (N - n_j) / n_j}, pos-weight-sqrt
         * its square root, cb / cb-focal bce / focal with class-balanced weights (beta {@value #CB_BETA}).
         */
        public LossSettings lossSettings() {
            return switch (loss) {
                case "pos-weight-auto" -> Losses.bce().withPosWeight(new LossSettings.AutoPosWeight(PosWeightSettings.defaults()));
                case "pos-weight-sqrt" -> Losses.bce().withPosWeight(
                        new LossSettings.AutoPosWeight(new PosWeightSettings(0.5, Double.POSITIVE_INFINITY)));
                case "cb" -> Losses.bce().withClassBalanced(CB_BETA);
                case "cb-focal" -> Losses.focal().withClassBalanced(CB_BETA);
                default -> LossSettings.of(LossKind.fromId(loss));
            };
        }

        /** The trainer for this strategy from a template with the shared settings. */
        public FewHotTrainer trainer(FewHotTrainer template) {
            FewHotTrainer t = template.auto(false).loss(lossSettings());
            if (resample == Resampling.MLROS) t.mlRos(MlRos.DEFAULT_PERCENTAGE);
            if (resample == Resampling.LABEL_AWARE) t.sampler(LabelAwareSampler.uniform());
            return t;
        }
    }

    /** Parses comma-separated strategies (at least one). */
    public static List<Strategy> parse(List<String> raw) {
        List<Strategy> out = new ArrayList<>();
        for (String s : raw) out.add(Strategy.parse(s));
        if (out.isEmpty()) throw new IllegalArgumentException("--strategies: give at least one strategy");
        return List.copyOf(out);
    }

    /**
     * The result of one strategy.
     *
     * @param strategy    the strategy
     * @param description what was trained (re-sampling + loss)
     * @param rule        the decision rule on the test rows
     * @param report      test measures
     * @param seconds     wall time of the training (and scoring) of its model
     * @param trainRows   rows trained on (after re-sampling)
     */
    public record Outcome(Strategy strategy, String description, DecisionRule rule, Report report, double seconds,
                          int trainRows) { }

    /**
     * The training and validation rows of a comparison: the validation file's rows when given,
     * else a seeded split of the training rows ({@code share}, default {@value #DEFAULT_VALID_SHARE}).
     *
     * @return {train, valid}
     */
    public static Dataset[] split(Dataset train, Dataset valid, Double share, long seed) {
        if (valid != null) return new Dataset[] {train, valid};
        return Subsets.split(train, share != null ? share : DEFAULT_VALID_SHARE, seed);
    }

    /** One short untimed run so that the first strategy's seconds do not include the JIT's warm-up. */
    public static void warmUp(Supplier<FewHotTrainer> template, Dataset train) {
        int n = Math.min(train.rows(), 512);
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) rows[i] = i;
        template.get().auto(false).loss(Losses.bce()).epochs(1).listener(null).fit(Subsets.select(train, rows));
    }

    /**
     * Trains and scores every strategy.
     *
     * @param template  a fresh trainer with the shared settings (architecture, epochs, seed, ...) per call
     * @param listeners the listener of each strategy's training
     */
    public static List<Outcome> run(List<Strategy> strategies, Supplier<FewHotTrainer> template, Dataset train, Dataset valid,
                                    Dataset test, Function<Strategy, TrainingListener> listeners) {
        int[] trainCounts = train.labels().labelCounts();
        Map<String, Trained> cache = new HashMap<>();
        List<Outcome> out = new ArrayList<>();
        for (Strategy st : strategies) {
            Trained t = cache.get(st.trainingKey());
            if (t == null) {
                long t0 = System.nanoTime();
                TrainingPlan plan = st.trainer(template.get()).listener(listeners.apply(st)).plan(train, null);
                FewHotModel m = plan.run().model();
                float[] vs = m.scores(valid.features()), ts = m.scores(test.features());
                String desc = (st.resample() == Resampling.NONE ? "" : st.resample().id() + " + ") + plan.loss().describe();
                t = new Trained(desc, vs, ts, (System.nanoTime() - t0) / 1e9, plan.train().rows());
                cache.put(st.trainingKey(), t);
            }
            DecisionRule rule = st.tuned()
                    ? ThresholdStrategy.PER_LABEL.tune(t.validScores, valid.labels(), trainCounts, train.rows(), true)
                    : new DecisionRule.Threshold(0.5);
            out.add(new Outcome(st, t.description, rule, Report.compute(t.testScores, test.labels(), rule, trainCounts, train.rows()),
                    t.seconds, t.trainRows));
        }
        return List.copyOf(out);
    }

    private record Trained(String description, float[] validScores, float[] testScores, double seconds, int trainRows) { }
}
