package dev.fewhot.loss;

import java.util.Arrays;

/**
 * The standard reductions, with PyTorch's meaning: NONE keeps elements, SUM adds, MEAN averages
 * over all rows * cols elements. The mean of zero elements is defined as 0 (with no gradient).
 * {@link ElementwiseLoss} recognises these three and takes fast paths that never call
 * {@link #reduce}; the method serves other code and user reducers that wrap them.
 */
public enum Reduction implements Reducer {
    /** Per-element losses; the returned value is their sum and the gradient is element-wise. */
    NONE,
    /** Sum over all elements. */
    SUM,
    /** Mean over all rows * cols elements; 0 for an empty batch. */
    MEAN;

    @Override
    public double reduce(float[] losses, int rows, int cols, float[] dValue) {
        int n = rows * cols;
        double s = 0;
        for (int i = 0; i < n; i++) s += losses[i];
        float d = this == MEAN ? (n == 0 ? 0f : (float) (1.0 / n)) : 1f;
        Arrays.fill(dValue, 0, n, d);
        return this == MEAN ? (n == 0 ? 0.0 : s / n) : s;
    }
}
