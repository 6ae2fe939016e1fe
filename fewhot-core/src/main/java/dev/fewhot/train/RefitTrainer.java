package dev.fewhot.train;

import dev.fewhot.data.Dataset;
import dev.fewhot.loss.LossSpec;
import dev.fewhot.model.InputTransform;
import dev.fewhot.model.ModelConfig;
import java.util.Map;
import java.util.Objects;

/**
 * {@link Refit#ON}: trains each network with {@code base} (early stopping on the validation rows
 * chooses its best epoch E), then retrains it from scratch with the same seed and schedule for E
 * epochs on all the rows ({@link Trainer#refit}) and keeps that network. The held-out run stays
 * in the result: the thresholds are tuned on its validation scores.
 *
 * @param base       the trainer of the held-out networks
 * @param config     training settings (the seed is replaced by each network's)
 * @param model      the architecture
 * @param transform  the input transform fitted on all the rows, or null
 * @param loss       the loss for all the rows (label counts of all the rows)
 * @param rows       all the rows: training and validation
 * @param provenance facts stored in the model
 */
public record RefitTrainer(NetworkTrainer base, TrainerConfig config, ModelConfig model, InputTransform transform,
                           LossSpec loss, Dataset rows, Map<String, String> provenance) implements NetworkTrainer {
    public RefitTrainer {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(rows, "rows");
        provenance = provenance == null ? Map.of() : Map.copyOf(provenance);
    }

    @Override
    public TrainedNetwork train(int index, int count, long seed, TrainingListener listener) {
        TrainedNetwork held = base.train(index, count, seed, listener);
        int epochs = held.heldOut().bestEpoch();
        listener.networkStarted(index, count, TrainingListener.Phase.REFIT, epochs);
        TrainResult r = new Trainer(config.withSeed(seed), listener).refit(model, transform, loss.build(), rows, epochs, provenance);
        listener.networkFinished(index, count, TrainingListener.Phase.REFIT, r);
        return new TrainedNetwork(held.heldOut(), r);
    }
}
