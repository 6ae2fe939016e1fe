package dev.fewhot.train;

/**
 * Receives the events of a training job (after DJL's training listeners): each network starting
 * and finishing (an ensemble trains several, a refit trains each a second time), batch progress,
 * epoch ends, early stopping and checkpoints. Every method has an empty default; methods run on
 * the training thread, so they should return quickly. The command line draws its progress bar
 * from these events.
 */
public interface TrainingListener {
    /** Why a network is trained. */
    enum Phase {
        /** Training with validation rows held out (or without validation). */
        TRAIN,
        /** Retraining on all the rows for the epochs the held-out run kept ({@link Refit#ON}). */
        REFIT
    }

    /**
     * A network starts.
     *
     * @param index     0-based index of the network in the job
     * @param count     networks the job trains in this phase (the ensemble size)
     * @param phase     training or refit
     * @param maxEpochs the most epochs this network may run
     */
    default void networkStarted(int index, int count, Phase phase, int maxEpochs) { }

    /**
     * A batch ended (reported every 16 batches and at each epoch's last batch).
     *
     * @param epoch            1-based epoch
     * @param batch            1-based batch of the epoch
     * @param batchesPerEpoch  batches per epoch
     * @param loss             the batch's training loss
     * @param samplesPerSecond training rows per second so far
     */
    default void batchEnded(int epoch, int batch, int batchesPerEpoch, double loss, double samplesPerSecond) { }

    /** An epoch ended, with its mean training loss and the validation value (NaN without validation). */
    default void epochEnded(int epoch, double trainLoss, double validationValue) { }

    /** Early stopping ended the run after {@code epoch}; the parameters of {@code bestEpoch} are kept. */
    default void earlyStopped(int epoch, int bestEpoch, double bestValue) { }

    /** A checkpoint was written at this position (0-based batch to run next; 0 at an epoch's end). */
    default void checkpointSaved(int epoch, int batch) { }

    /**
     * The time budget ended the job before network {@code trained} (0-based) of {@code planned}:
     * {@code elapsedSeconds} so far plus {@code perNetworkSeconds} for another network would pass it.
     */
    default void budgetReached(int trained, int planned, double elapsedSeconds, double perNetworkSeconds, TimeBudget budget) { }

    /** A network finished. */
    default void networkFinished(int index, int count, Phase phase, TrainResult result) { }

    /**
     * The forest beside the networks was grown (before the networks; its blend is chosen after them).
     *
     * @param trees   trees grown
     * @param seconds wall time of growing them (out-of-bag scores included)
     */
    default void forestGrown(int trees, double seconds) { }

    /** Does nothing. */
    TrainingListener NONE = new TrainingListener() { };
}
