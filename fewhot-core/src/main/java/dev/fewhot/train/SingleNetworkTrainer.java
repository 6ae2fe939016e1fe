package dev.fewhot.train;

import dev.fewhot.data.Dataset;
import dev.fewhot.loss.LossSpec;
import dev.fewhot.model.InputTransform;
import dev.fewhot.model.ModelConfig;
import java.util.Map;
import java.util.Objects;

/**
 * Trains a network with {@link Trainer}: on the training rows, with early stopping on the
 * validation rows when there are any. Checkpoints apply to a job of one network only.
 *
 * @param config      training settings (the seed is replaced by each network's)
 * @param model       the architecture
 * @param transform   the input transform fitted on the training rows, or null
 * @param loss        the loss (built anew for each network)
 * @param train       training rows
 * @param valid       validation rows, or null
 * @param provenance  facts stored in the model and compared on resume
 * @param checkpoints checkpoint settings for a single-network job ({@link Checkpointing#NONE}: none)
 */
public record SingleNetworkTrainer(TrainerConfig config, ModelConfig model, InputTransform transform, LossSpec loss,
                                   Dataset train, Dataset valid, Map<String, String> provenance,
                                   Checkpointing checkpoints) implements NetworkTrainer {
    public SingleNetworkTrainer {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(train, "train");
        provenance = provenance == null ? Map.of() : Map.copyOf(provenance);
        if (checkpoints == null) checkpoints = Checkpointing.NONE;
    }

    @Override
    public TrainedNetwork train(int index, int count, long seed, TrainingListener listener) {
        if (count > 1 && (checkpoints.sink() != null || checkpoints.resumeFrom() != null)) {
            throw new IllegalArgumentException("--checkpoint-dir and --resume apply to a single network, not to --ensemble " + count);
        }
        listener.networkStarted(index, count, TrainingListener.Phase.TRAIN, config.epochs());
        TrainResult r = new Trainer(config.withSeed(seed), listener).train(model, transform, loss.build(), train, valid,
                provenance, checkpoints);
        listener.networkFinished(index, count, TrainingListener.Phase.TRAIN, r);
        return new TrainedNetwork(r, null);
    }
}
