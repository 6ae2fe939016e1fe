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

    /**
     * {@link #step}, then whether every parameter is finite afterwards (no NaN, no infinity): the
     * trainer's divergence check. The default scans the parameters after the step; {@link Adam}
     * checks each value as it writes it, which saves a pass over the parameters.
     *
     * @return true when every parameter is finite after the step
     */
    default boolean stepAndCheckFinite(float[] params, float[] grads, double lr) {
        step(params, grads, lr);
        return dev.fewhot.kernels.VectorOps.firstNonFinite(params.length, params, 0) < 0;
    }

    /** Number of steps taken so far. */
    long steps();

    /** The live state arrays (Adam: first and second moments; SGD: the momentum buffer), for checkpoints. */
    java.util.List<float[]> state();

    /**
     * Restores a checkpointed state: the step count and arrays as {@link #state()} returned
     * them (copied in).
     *
     * @throws IllegalArgumentException when the arrays do not match this optimiser
     */
    default void restore(long steps, java.util.List<float[]> arrays) {
        java.util.List<float[]> live = state();
        if (steps < 0 || arrays.size() != live.size()) {
            throw new IllegalArgumentException("optimiser state: expected " + live.size() + " arrays and steps >= 0, got "
                    + arrays.size() + " arrays, steps " + steps);
        }
        for (int i = 0; i < live.size(); i++) {
            if (arrays.get(i).length != live.get(i).length) {
                throw new IllegalArgumentException("optimiser state array " + i + ": expected " + live.get(i).length
                        + " values, got " + arrays.get(i).length);
            }
        }
        for (int i = 0; i < live.size(); i++) System.arraycopy(arrays.get(i), 0, live.get(i), 0, live.get(i).length);
        restoreSteps(steps);
    }

    /** Sets the step count (with the state arrays filled by the caller). */
    void restoreSteps(long steps);

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
