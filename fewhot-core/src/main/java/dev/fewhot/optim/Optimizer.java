package dev.fewhot.optim;

/**
 * Updates a flat parameter array in place from its gradient. Implementations own their state
 * (moments, step count), sized for one parameter count, and expose it for checkpoints.
 */
public interface Optimizer {
    /**
     * One update step.
     *
     * @param params parameters, updated in place
     * @param grads  gradient of the loss with respect to params (not modified)
     * @param lr     learning rate for this step
     */
    void step(float[] params, float[] grads, double lr);

    /** Number of steps taken so far. */
    long steps();

    /** Builds an optimiser from its settings for a parameter count. */
    static Optimizer create(OptimizerSettings settings, int parameterCount) {
        return create(settings, parameterCount, 1);
    }

    /** Builds an optimiser that may use up to {@code threads} threads for its update. */
    static Optimizer create(OptimizerSettings settings, int parameterCount, int threads) {
        return switch (settings.kind()) {
            case ADAM, ADAMW -> new Adam(settings, parameterCount, threads);
            case SGD -> new Sgd(settings, parameterCount);
        };
    }
}
