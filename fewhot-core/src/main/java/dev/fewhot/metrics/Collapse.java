package dev.fewhot.metrics;

import dev.fewhot.data.LabelSets;
import java.util.Objects;

/**
 * Indicators of a collapsed model (one that predicts nothing, or the same few labels): empty
 * predictions, labels never predicted, predicted versus true cardinality, and recall by label
 * frequency band ({@link FrequencyBands}). None is NaN: with no rows the rates and means are 0.
 */
public final class Collapse {
    private Collapse() { }

    /** Share of rows with no predicted label (lower is better; 0 with no rows). */
    public static double emptyRowRate(Predictions pred) {
        if (pred.rows() == 0) return 0;
        int e = 0;
        for (int r = 0; r < pred.rows(); r++) if (pred.count(r) == 0) e++;
        return (double) e / pred.rows();
    }

    /** Number of labels predicted for at least one row. */
    public static int labelsEverPredicted(Predictions pred) {
        boolean[] seen = new boolean[pred.labels()];
        int n = 0;
        int end = pred.indptr()[pred.rows()];
        int[] ids = pred.ids();
        for (int k = 0; k < end; k++) {
            if (!seen[ids[k]]) {
                seen[ids[k]] = true;
                n++;
            }
        }
        return n;
    }

    /** Number of labels predicted for no row (lower is better). */
    public static int labelsNeverPredicted(Predictions pred) {
        return pred.labels() - labelsEverPredicted(pred);
    }

    /** Mean number of predicted labels per row (compare with {@link #trueCardinality}); 0 with no rows. */
    public static double meanPredictedPerRow(Predictions pred) {
        return pred.rows() == 0 ? 0 : (double) pred.indptr()[pred.rows()] / pred.rows();
    }

    /** Mean number of true labels per row; 0 with no rows. */
    public static double trueCardinality(LabelSets truth) {
        return truth.rows() == 0 ? 0 : (double) truth.totalPositives() / truth.rows();
    }

    /**
     * Recall pooled over the labels of each frequency band: true positives of the band's labels
     * divided by their positives in the truth; 0 for a band with no positive (see
     * {@link BandRecall#positives}).
     */
    public static BandRecall bandRecall(LabelSets truth, Predictions pred, FrequencyBands bands) {
        return bandRecall(SetCounts.of(truth, pred), bands);
    }

    static BandRecall bandRecall(SetCounts c, FrequencyBands bands) {
        Objects.requireNonNull(bands, "bands");
        if (bands.labels() != c.labels) {
            throw new IllegalArgumentException("bands: " + bands.labels() + " labels, truth has " + c.labels);
        }
        long[] tp = new long[3], pos = new long[3];
        for (int j = 0; j < c.labels; j++) {
            int b = bands.band(j).ordinal();
            tp[b] += c.tp[j];
            pos[b] += c.actual[j];
        }
        return new BandRecall(SetCounts.ratio(tp[0], pos[0]), SetCounts.ratio(tp[1], pos[1]), SetCounts.ratio(tp[2], pos[2]),
                new long[] {pos[0], pos[1], pos[2]});
    }

    /**
     * Recall by band.
     *
     * @param head      recall on head labels
     * @param torso     recall on torso labels
     * @param tail      recall on tail labels
     * @param positives positives in the truth per band {head, torso, tail} (0 means the recall is 0 by convention)
     */
    public record BandRecall(double head, double torso, double tail, long[] positives) { }
}
