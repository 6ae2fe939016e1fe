package dev.fewhot.forest;

/**
 * How a forest is grown.
 *
 * @param trees         trees, each on a bootstrap sample of the rows, &gt;= 1
 * @param minLeafRows   the fewest rows (counted with their bootstrap copies) a leaf may hold, &gt;= 1
 * @param featureShare  share of the features drawn at each split, in (0, 1]; 0 draws
 *                      round(sqrt(features)) of them (Breiman's default for classification)
 */
public record ForestSettings(int trees, int minLeafRows, double featureShare) {
    /** Trees of {@link #breiman()}. */
    public static final int DEFAULT_TREES = 300;

    public ForestSettings {
        if (trees < 1) throw new IllegalArgumentException("forest trees must be >= 1, got " + trees);
        if (minLeafRows < 1) throw new IllegalArgumentException("forest minLeafRows must be >= 1, got " + minLeafRows);
        if (!(featureShare >= 0 && featureShare <= 1)) {
            throw new IllegalArgumentException("forest featureShare must be 0 (sqrt) or in (0, 1], got " + featureShare);
        }
    }

    /**
     * Breiman (2001)'s defaults: fully grown trees (leaves of one row), sqrt(features) features
     * drawn at each split, here {@value #DEFAULT_TREES} trees.
     */
    public static ForestSettings breiman() {
        return new ForestSettings(DEFAULT_TREES, 1, 0);
    }

    /** The features drawn at each split for {@code features} features (at least 1). */
    public int featuresPerSplit(int features) {
        long k = featureShare == 0 ? Math.round(Math.sqrt(features)) : Math.round(featureShare * features);
        return (int) Math.max(1, Math.min(features, k));
    }

    /** One line for provenance and messages. */
    public String describe() {
        return trees + " trees, " + (featureShare == 0 ? "sqrt(features)" : featureShare + " of the features")
                + " a split, leaves of at least " + minLeafRows + " row" + (minLeafRows == 1 ? "" : "s");
    }
}
