package dev.fewhot.train;

/**
 * Training produced a non-finite loss or gradient norm. The message names the epoch, the batch
 * and the likely cause; no parameters of the bad step were applied, so the last checkpoint (if
 * any) is the last good state.
 */
public class TrainingDivergedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    private final int epoch;
    private final int batch;

    /**
     * @param epoch 1-based epoch
     * @param batch 1-based batch within the epoch
     */
    public TrainingDivergedException(String message, int epoch, int batch) {
        super(message);
        this.epoch = epoch;
        this.batch = batch;
    }

    /** 1-based epoch of the bad step. */
    public int epoch() { return epoch; }

    /** 1-based batch (within the epoch) of the bad step. */
    public int batch() { return batch; }
}
