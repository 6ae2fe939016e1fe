package dev.fewhot.train;

import dev.fewhot.data.CsrMatrix;
import dev.fewhot.data.Dataset;
import dev.fewhot.data.DenseMatrix;
import dev.fewhot.data.Features;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * fewhot's data-driven training recipe ({@code fewhot train} without {@code --loss},
 * {@code --hidden} or {@code --epochs}). Chosen from the training file alone, before any
 * split:
 *
 * <ul>
 *   <li>loss: {@code asl} when the label density (cardinality / labels) is below
 *       {@value #ASL_DENSITY}, i.e. many labels with few positives each, else {@code bce};</li>
 *   <li>input: {@value #SPARSE_INPUT} (tf-idf measured no better on a bibtex validation split) when the features are sparse (non-zero share below
 *       {@value #SPARSE_DENSITY}) and non-negative (bag-of-words style), else column z-scores
 *       ({@code standardize}) from the training rows;</li>
 *   <li>network: one hidden layer of 1024 (512 under {@value #SMALL_ROWS} training rows), dropout
 *       0.5, AdamW (weight decay 0.01) at 1e-3;</li>
 *   <li>epochs: up to {@value #MAX_EPOCHS}, early stopping with patience {@value #PATIENCE} on the
 *       validation P@1 (label density below {@value #ASL_DENSITY}) or loss, keeping the best epoch;</li>
 *   <li>validation: a seeded split of the training rows, 10% but at least 100 rows and at most
 *       25%; it also tunes per-label thresholds, and every row gets at least its best label;</li>
 *   <li>ensemble: {@value #MEMBERS} networks with seeds seed..seed+4 averaged in probability
 *       space when the training work (rows x stored values per row) is at most
 *       {@value #ENSEMBLE_WORK}, else 1.</li>
 * </ul>
 *
 * @param loss        loss id
 * @param hidden      hidden width
 * @param dropout     dropout rate
 * @param epochs      maximum epochs
 * @param patience    early-stopping patience
 * @param esMetric    early-stopping measure id (loss or p@1)
 * @param validSplit  share of the training rows held out
 * @param input       input transform id: raw, tfidf or standardize
 * @param members     ensemble size
 * @param refit       whether each network is retrained on all the rows for its best epoch count (off)
 * @param facts       the data measures behind the choice (for printing and provenance)
 */
public record AutoRecipe(String loss, int hidden, double dropout, int epochs, int patience, String esMetric,
                         double validSplit, String input, int members, Refit refit, Map<String, String> facts) {
    public static final double ASL_DENSITY = 0.1;
    public static final double SPARSE_DENSITY = 0.1;
    /** The input transform of sparse non-negative features. */
    public static final String SPARSE_INPUT = "raw";
    public static final int SMALL_ROWS = 1000;
    public static final int MAX_EPOCHS = 100;
    public static final int PATIENCE = 5;
    public static final int MEMBERS = 5;
    public static final long ENSEMBLE_WORK = 50_000_000L;

    /** The recipe for a training set. */
    public static AutoRecipe of(Dataset train) {
        int n = train.rows(), L = train.numLabels();
        double cardinality = n == 0 ? 0 : (double) train.labels().totalPositives() / n;
        double labelDensity = cardinality / L;
        Features x = train.features();
        double stored = (double) x.storedValues() / Math.max(1, n);
        double featureDensity = n == 0 ? 0 : countNonZero(x) / ((double) n * x.cols());
        boolean sparse = featureDensity < SPARSE_DENSITY && !hasNegative(x);
        boolean manyLabels = labelDensity < ASL_DENSITY;
        double validSplit = Math.min(0.25, Math.max(0.1, n == 0 ? 0.1 : 100.0 / n));
        long work = (long) (n * Math.max(1.0, stored));
        int members = work <= ENSEMBLE_WORK ? MEMBERS : 1;
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("rows", String.valueOf(n));
        facts.put("labels", String.valueOf(L));
        facts.put("label_cardinality", fmt(cardinality));
        facts.put("label_density", fmt(labelDensity));
        facts.put("feature_density", fmt(featureDensity));
        return new AutoRecipe(manyLabels ? "asl" : "bce", n < SMALL_ROWS ? 512 : 1024, 0.5, MAX_EPOCHS, PATIENCE,
                manyLabels ? "p@1" : "loss", validSplit, sparse ? SPARSE_INPUT : "standardize", members, Refit.OFF,
                java.util.Collections.unmodifiableMap(facts));
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.4g", v);
    }

    private static long countNonZero(Features x) {
        long c = 0;
        if (x instanceof CsrMatrix m) {
            for (float v : m.values()) if (v != 0) c++;
            // values() may be longer than the stored entries only when the matrix is built so; guard anyway
            return Math.min(c, m.storedValues());
        }
        for (float v : ((DenseMatrix) x).data()) if (v != 0) c++;
        return c;
    }

    private static boolean hasNegative(Features x) {
        float[] a = x instanceof CsrMatrix m ? m.values() : ((DenseMatrix) x).data();
        for (float v : a) if (v < 0) return true;
        return false;
    }
}
