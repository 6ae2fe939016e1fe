package dev.fewhot.cli;

import dev.fewhot.train.TimeBudget;
import dev.fewhot.train.TrainingListener;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A training listener that draws a one-line progress bar on stderr: network, epoch, batches,
 * loss, samples/s and ETA. Quiet when the console is not a terminal (or when disabled), so logs
 * and pipes stay clean.
 */
final class ProgressBar implements TrainingListener {
    /** Jobs estimated to take less than this many seconds get no estimate line. */
    static final double ESTIMATE_FROM_SECONDS = 60;
    private final PrintStream err = System.err;
    private final boolean enabled;
    private final String name;
    private String label;
    private int epochs = 1;
    private long start;
    private long lastDraw;
    private final boolean estimate;
    private long firstNetworkStart;
    private dev.fewhot.TrainingPlan plan;
    private boolean firstEpochTimed;
    private long networkStart;
    private boolean firstNetwork;

    /**
     * @param name    what is trained ("train", a strategy or loss name); refit runs show "refit"
     * @param enabled false to draw nothing
     */
    ProgressBar(String name, boolean enabled) {
        this(name, enabled, false);
    }

    /**
     * @param estimate also say on stderr (terminal or not), once the first network of an ensemble
     *                 (and its refit) is done, how long the others should take
     */
    ProgressBar(String name, boolean enabled, boolean estimate) {
        this.estimate = estimate;
        this.enabled = enabled && System.console() != null;
        this.name = name;
        this.label = name;
    }

    /** The job whose time to estimate after its first epoch (null: no estimate). */
    void plan(dev.fewhot.TrainingPlan p) {
        this.plan = p;
    }

    @Override
    public void networkStarted(int index, int count, Phase phase, int maxEpochs) {
        networkStart = System.nanoTime();
        firstNetwork = index == 0 && phase == Phase.TRAIN;
        if (estimate && phase == Phase.TRAIN && count > 1) {
            long now = System.nanoTime();
            if (index == 0) {
                firstNetworkStart = now;
            } else if (index == 1 && firstNetworkStart != 0) { // the first network's wall time estimates each of the others
                double first = (now - firstNetworkStart) / 1e9;
                TimeBudget budget = plan == null ? TimeBudget.NONE : plan.ensemble().budget();
                int others = count - 1;
                if (budget.limited()) others = (int) Math.max(0, Math.min(others, Math.floor((budget.seconds() - first) / first)));
                err.printf(Locale.ROOT, "%sfewhot: network 1 of %d took %.0f s; %s (--ensemble 1 for a first answer)%n",
                        enabled ? "\r" : "", count, first, others == count - 1
                                ? String.format(Locale.ROOT, "the other %d should take about %.0f s more", others, first * others)
                                : String.format(Locale.ROOT, "the time budget %s leaves room for about %d more", budget.id(), others));
                err.flush();
            }
        }
        String base = phase == Phase.REFIT ? "refit" : name;
        label = count == 1 ? base : base + " " + (index + 1) + "/" + count;
        epochs = Math.max(1, maxEpochs);
        start = 0;
        lastDraw = 0;
    }

    @Override
    public void batchEnded(int epoch, int batch, int perEpoch, double loss, double samplesPerSecond) {
        if (!enabled) return;
        long now = System.nanoTime();
        if (start == 0) start = now;
        if (batch != perEpoch && now - lastDraw < 100_000_000L) return;
        lastDraw = now;
        double done = ((epoch - 1) + (double) batch / perEpoch) / epochs;
        double elapsed = (now - start) / 1e9;
        double eta = done > 0 ? elapsed * (1 - done) / done : 0;
        int width = 24, filled = (int) Math.round(Math.min(1, done) * width);
        err.printf(Locale.ROOT, "\r%s epoch %d/%d [%s] %d/%d loss %.4g  %,.0f samples/s  ETA %d:%02d   ",
                label, epoch, epochs, "#".repeat(filled) + "-".repeat(width - filled), batch, perEpoch, loss,
                samplesPerSecond, (long) eta / 60, (long) eta % 60);
        err.flush();
    }

    @Override
    public void epochEnded(int epoch, double trainLoss, double validationValue) {
        if (estimate && plan != null && firstNetwork && epoch == 1 && !firstEpochTimed) {
            firstEpochTimed = true;
            double first = (System.nanoTime() - networkStart) / 1e9;
            double total = plan.estimateSeconds(first);
            if (total >= ESTIMATE_FROM_SECONDS) {
                err.printf(Locale.ROOT, "%sfewhot: epoch 1 took %.1f s; %s%n", enabled ? "\r" : "", first, plan.describeEstimate(first));
                err.flush();
            }
        }
        if (!enabled) return;
        err.printf(Locale.ROOT, "\r%s epoch %d/%d: train loss %.5g%s%s%n", label, epoch, epochs, trainLoss,
                Double.isNaN(validationValue) ? "" : String.format(Locale.ROOT, ", validation %.4f", validationValue),
                " ".repeat(40));
        err.flush();
    }

    @Override
    public void budgetReached(int trained, int planned, double elapsedSeconds, double perNetworkSeconds, TimeBudget budget) {
        err.printf(Locale.ROOT, "%sfewhot: time budget %s: %d of %d networks trained in %.0f s, another would take about %.0f s; "
                + "the model keeps %d (--time-budget none trains all)%n", enabled ? "\r" : "", budget.id(), trained, planned,
                elapsedSeconds, perNetworkSeconds, trained);
        err.flush();
    }

    @Override
    public void forestGrown(int trees, double seconds) {
        err.printf(Locale.ROOT, "%sfewhot: forest of %d trees grown in %.1f s; the networks next, then the blend of both "
                + "chosen on the held-out rows%n", enabled ? "\r" : "", trees, seconds);
        err.flush();
    }

    @Override
    public void earlyStopped(int epoch, int bestEpoch, double bestValue) {
        if (!enabled) return;
        err.printf(Locale.ROOT, "%s: early stopping after epoch %d, keeping epoch %d (validation %.4f)%n", label, epoch,
                bestEpoch, bestValue);
        err.flush();
    }
}
