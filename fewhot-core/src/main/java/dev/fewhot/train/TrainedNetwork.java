package dev.fewhot.train;

/**
 * One trained network of a job.
 *
 * @param heldOut the run that did not train on the validation rows (its best epoch kept); its
 *                validation scores tune the thresholds
 * @param refit   the same network retrained on all the rows for {@code heldOut.bestEpoch()}
 *                epochs, or null without refit
 */
public record TrainedNetwork(TrainResult heldOut, TrainResult refit) {
    public TrainedNetwork {
        if (heldOut == null) throw new IllegalArgumentException("heldOut must be set");
    }

    /** The network the model keeps: the refit one when there is one. */
    public TrainResult kept() {
        return refit != null ? refit : heldOut;
    }
}
