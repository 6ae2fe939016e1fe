package dev.fewhot.forest;

/**
 * How a forest is grown.
 *
 * @param trees         trees, &gt;= 1
 * @param minLeafRows   the fewest rows (counted with their bootstrap copies) a leaf may hold, &gt;= 1
 * @param featureShare  share of the features drawn at each split, in (0, 1]; 0 draws
 *                      round(sqrt(features)) of them (Breiman's default for classification)
 * @param cuts          how a drawn feature is cut: its best cut or one at random
 * @param folds         0: each tree on a bootstrap sample of the rows, a row's held-out score from
 *                      the trees whose sample left it out (out of bag); k &gt;= 2: the rows dealt
 *                      into k seeded folds, tree t grown on every row outside fold t mod k, a
 *                      row's held-out score from the trees of its fold
 */
public record ForestSettings(int trees, int minLeafRows, double featureShare, Cuts cuts, int folds) {
    /** Trees of {@link #breiman()}. */
    public static final int DEFAULT_TREES = 300;
    /** Trees of {@link #extraTrees()}. */
    public static final int EXTRA_TREES = 500;
    /** Folds of {@link #extraTrees()}. */
    public static final int EXTRA_FOLDS = 5;

    /** The two forests by name, as {@code --forest-kind} and the benchmarks give them. */
    public enum Kind {
        /** {@link #breiman()}. */
        BREIMAN("breiman"),
        /** {@link #extraTrees()}: the auto recipe's forest. */
        EXTRA_TREES("extra-trees");

        /** The auto recipe's forest. */
        public static final Kind DEFAULT = EXTRA_TREES;

        private final String id;

        Kind(String id) { this.id = id; }

        /** The name on the command line. */
        public String id() { return id; }

        /** The factory's settings. */
        public ForestSettings settings() {
            return this == BREIMAN ? breiman() : extraTrees();
        }

        /** @throws IllegalArgumentException naming --forest-kind when {@code s} is no kind's id */
        public static Kind fromId(String s) {
            String v = s == null ? "" : s.trim().toLowerCase(java.util.Locale.ROOT);
            for (Kind k : values()) if (k.id.equals(v)) return k;
            throw new IllegalArgumentException("--forest-kind must be breiman or extra-trees, got '" + s + "'");
        }
    }

    /** How a split's cut point is found on each feature drawn. */
    public enum Cuts {
        /** The cut with the largest variance reduction among all cuts (the rows sorted by the feature). */
        BEST,
        /** One cut drawn uniformly between the feature's smallest and largest value in the node (extra trees). */
        RANDOM
    }

    public ForestSettings {
        if (trees < 1) throw new IllegalArgumentException("forest trees must be >= 1, got " + trees);
        if (minLeafRows < 1) throw new IllegalArgumentException("forest minLeafRows must be >= 1, got " + minLeafRows);
        if (!(featureShare >= 0 && featureShare <= 1)) {
            throw new IllegalArgumentException("forest featureShare must be 0 (sqrt) or in (0, 1], got " + featureShare);
        }
        if (cuts == null) throw new IllegalArgumentException("forest cuts must be given");
        if (folds != 0 && folds < 2) throw new IllegalArgumentException("forest folds must be 0 (bootstrap) or >= 2, got " + folds);
    }

    /** Best cuts on bootstrap samples: Breiman's random forest with these settings. */
    public ForestSettings(int trees, int minLeafRows, double featureShare) {
        this(trees, minLeafRows, featureShare, Cuts.BEST, 0);
    }

    /**
     * Breiman (2001)'s defaults: fully grown trees (leaves of one row) on bootstrap samples, the
     * best cut of sqrt(features) features drawn at each split, here {@value #DEFAULT_TREES} trees.
     */
    public static ForestSettings breiman() {
        return new ForestSettings(DEFAULT_TREES, 1, 0);
    }

    /**
     * Extremely randomized trees (Geurts, Ernst and Wehenkel 2006) with their defaults for
     * classification: fully grown, sqrt(features) features drawn at each split, each cut at random;
     * here {@value #EXTRA_TREES} trees, each grown on the rows outside one of
     * {@value #EXTRA_FOLDS} folds (where the paper grows every tree on all the rows) so that every
     * row has a held-out score.
     */
    public static ForestSettings extraTrees() {
        return new ForestSettings(EXTRA_TREES, 1, 0, Cuts.RANDOM, EXTRA_FOLDS);
    }

    /** The features drawn at each split for {@code features} features (at least 1). */
    public int featuresPerSplit(int features) {
        long k = featureShare == 0 ? Math.round(Math.sqrt(features)) : Math.round(featureShare * features);
        return (int) Math.max(1, Math.min(features, k));
    }

    /** One line for provenance and messages. */
    public String describe() {
        return trees + (cuts == Cuts.RANDOM ? " extremely randomized trees" : " trees") + ", "
                + (folds == 0 ? "bootstrap samples" : "each on " + (folds - 1) + " of " + folds + " folds") + ", "
                + (featureShare == 0 ? "sqrt(features)" : featureShare + " of the features")
                + " a split, leaves of at least " + minLeafRows + " row" + (minLeafRows == 1 ? "" : "s");
    }
}
