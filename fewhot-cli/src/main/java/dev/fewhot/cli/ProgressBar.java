package dev.fewhot.cli;

import dev.fewhot.train.ProgressListener;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on stderr: epoch, batches, loss, samples/s and ETA. Quiet when the
 * console is not a terminal (or when disabled), so logs and pipes stay clean.
 */
final class ProgressBar implements ProgressListener {
    private final PrintStream err = System.err;
    private final boolean enabled;
    private final int epochs;
    private final String label;
    private long start;
    private long lastDraw;

    ProgressBar(String label, int epochs, boolean enabled) {
        this.enabled = enabled && System.console() != null;
        this.epochs = epochs;
        this.label = label;
    }

    @Override
    public void batch(int epoch, int batch, int perEpoch, double loss, double samplesPerSecond) {
        if (!enabled) return;
        long now = System.nanoTime();
        if (start == 0) start = now;
        if (batch != perEpoch && now - lastDraw < 100_000_000L) return;
        lastDraw = now;
        double done = ((epoch - 1) + (double) batch / perEpoch) / epochs;
        double elapsed = (now - start) / 1e9;
        double eta = done > 0 ? elapsed * (1 - done) / done : 0;
        int width = 24, filled = (int) Math.round(done * width);
        err.printf(Locale.ROOT, "\r%s epoch %d/%d [%s] %d/%d loss %.4g  %,.0f samples/s  ETA %d:%02d   ",
                label, epoch, epochs, "#".repeat(filled) + "-".repeat(width - filled), batch, perEpoch, loss,
                samplesPerSecond, (long) eta / 60, (long) eta % 60);
        err.flush();
    }

    @Override
    public void epoch(int epoch, double trainLoss, double validationValue) {
        if (!enabled) return;
        err.printf(Locale.ROOT, "\r%s epoch %d/%d: train loss %.5g%s%s%n", label, epoch, epochs, trainLoss,
                Double.isNaN(validationValue) ? "" : String.format(Locale.ROOT, ", validation %.4f", validationValue),
                " ".repeat(40));
        err.flush();
    }
}
