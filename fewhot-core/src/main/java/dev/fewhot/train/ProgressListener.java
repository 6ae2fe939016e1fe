package dev.fewhot.train;

/** Receives training progress; the CLI draws a progress bar from it. Methods run on the training thread. */
public interface ProgressListener {
    /** After each batch. */
    default void batch(int epoch, int batch, int batchesPerEpoch, double loss, double samplesPerSecond) { }

    /** After each epoch, with the mean training loss and the validation value (NaN without validation). */
    default void epoch(int epoch, double trainLoss, double validationValue) { }

    /** Does nothing. */
    ProgressListener NONE = new ProgressListener() { };
}
