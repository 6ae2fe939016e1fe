package dev.fewhot.metrics;

import dev.fewhot.data.LabelSets;
import java.util.Objects;

/** Argument checks shared by the measures. */
final class Inputs {
    private Inputs() { }

    static void scores(float[] scores, LabelSets truth) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(truth, "truth");
        long need = (long) truth.rows() * truth.numLabels();
        if (scores.length != need) {
            throw new IllegalArgumentException("scores: length must be rows x labels = " + truth.rows() + " x "
                    + truth.numLabels() + " = " + need + ", got " + scores.length);
        }
    }

    static void predictions(LabelSets truth, Predictions pred) {
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(pred, "pred");
        if (truth.rows() != pred.rows() || truth.numLabels() != pred.labels()) {
            throw new IllegalArgumentException("predictions: shape " + pred.rows() + "x" + pred.labels()
                    + " does not match the truth's " + truth.rows() + "x" + truth.numLabels());
        }
    }

    static void propensities(double[] w, LabelSets truth) {
        Objects.requireNonNull(w, "invPropensity");
        if (w.length != truth.numLabels()) {
            throw new IllegalArgumentException("invPropensity: length must be the number of labels " + truth.numLabels()
                    + ", got " + w.length);
        }
    }

    static void k(int k) {
        if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
    }

    static IllegalArgumentException nan(int row, int label) {
        return new IllegalArgumentException("scores: NaN at row " + row + ", label " + label);
    }
}
