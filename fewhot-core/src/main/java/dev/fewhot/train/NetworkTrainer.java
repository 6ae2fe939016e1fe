package dev.fewhot.train;

/**
 * Trains one network of a job from a seed. Implementations wrap one another as Tribuo's
 * {@code BaggingTrainer} wraps a trainer: {@link SingleNetworkTrainer} trains (with early
 * stopping on validation rows), {@link RefitTrainer} retrains what another trainer produced on
 * all the rows, and {@link EnsembleTrainer} calls a network trainer once per member seed.
 */
public interface NetworkTrainer {
    /**
     * Trains network {@code index} of {@code count}.
     *
     * @param seed     the network's seed (initialisation, epoch orders, dropout)
     * @param listener receives the network's events
     */
    TrainedNetwork train(int index, int count, long seed, TrainingListener listener);
}
