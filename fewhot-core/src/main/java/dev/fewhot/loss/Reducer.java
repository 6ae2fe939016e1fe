package dev.fewhot.loss;

/**
 * Reduces per-element losses to one value and gives the derivative of that value with respect
 * to each element. {@link Reduction} holds the standard ones; any function of the batch (for
 * instance a per-row mean, or a sum divided by the number of positives) can be supplied as a
 * lambda.
 */
@FunctionalInterface
public interface Reducer {
    /**
     * @param losses     rows * cols per-element losses (not to be modified)
     * @param rows       batch size
     * @param cols       number of labels
     * @param dValue     output: d(value)/d(losses[i]) for every element
     * @return the reduced value
     */
    double reduce(float[] losses, int rows, int cols, float[] dValue);
}
