package dev.fewhot.data.io;

/**
 * The dimensions of a data file as a streaming read found them.
 *
 * @param rows        number of rows read
 * @param numFeatures feature count: from the header (XC), the options, or the largest index
 *                    seen plus one (LIBSVM without a given count)
 * @param numLabels   label count, likewise
 */
public record DataShape(int rows, int numFeatures, int numLabels) {
    public DataShape {
        if (rows < 0 || numFeatures < 0 || numLabels < 0) {
            throw new IllegalArgumentException("dimensions must be >= 0, got " + rows + " x " + numFeatures
                    + " x " + numLabels);
        }
    }
}
