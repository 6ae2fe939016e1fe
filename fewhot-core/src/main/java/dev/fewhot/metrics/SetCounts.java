package dev.fewhot.metrics;

import dev.fewhot.data.LabelSets;
import java.util.Arrays;

/**
 * The counts behind every set-based measure of one (truth, prediction) pair: per label true
 * positives, predicted and true counts; per row the sums of the row-wise precision, recall and F1;
 * and the number of rows predicted exactly. One pass over the two CSR structures.
 */
final class SetCounts {
    final int rows;
    final int labels;
    final long[] tp;
    final long[] predicted;
    final long[] actual;
    long tpTotal;
    long predictedTotal;
    long actualTotal;
    double samplesPrecisionSum;
    double samplesRecallSum;
    double samplesF1Sum;
    long exactRows;

    private SetCounts(int rows, int labels) {
        this.rows = rows;
        this.labels = labels;
        tp = new long[labels];
        predicted = new long[labels];
        actual = new long[labels];
    }

    static SetCounts of(LabelSets truth, Predictions pred) {
        Inputs.predictions(truth, pred);
        SetCounts c = new SetCounts(truth.rows(), truth.numLabels());
        int[] tptr = truth.indptr(), tids = truth.labels(), pptr = pred.indptr(), pids = pred.ids();
        for (int r = 0; r < c.rows; r++) {
            int ta = tptr[r], tb = tptr[r + 1], pa = pptr[r], pb = pptr[r + 1];
            int nt = tb - ta, np = pb - pa, hits = 0;
            for (int k = ta; k < tb; k++) c.actual[tids[k]]++;
            for (int k = pa; k < pb; k++) {
                int id = pids[k];
                c.predicted[id]++;
                if (Arrays.binarySearch(tids, ta, tb, id) >= 0) {
                    c.tp[id]++;
                    hits++;
                }
            }
            c.tpTotal += hits;
            c.predictedTotal += np;
            c.actualTotal += nt;
            double p = np == 0 ? 0 : (double) hits / np;
            double rc = nt == 0 ? 0 : (double) hits / nt;
            c.samplesPrecisionSum += p;
            c.samplesRecallSum += rc;
            c.samplesF1Sum += f1(p, rc);
            if (hits == nt && hits == np) c.exactRows++;
        }
        return c;
    }

    /** scikit-learn's F-beta with beta 1 and zero_division 0: (1 + 1) p r / (p + r), 0 when p + r = 0. */
    static double f1(double p, double r) {
        double denom = p + r;
        return denom == 0 ? 0 : 2.0 * p * r / denom;
    }

    static double ratio(long num, long den) {
        return den == 0 ? 0 : (double) num / den;
    }

    enum Kind { PRECISION, RECALL, F1 }

    double value(Kind kind, Average avg) {
        switch (avg) {
            case MICRO: {
                double p = ratio(tpTotal, predictedTotal), r = ratio(tpTotal, actualTotal);
                return pick(kind, p, r);
            }
            case SAMPLES: {
                if (rows == 0) return 0;
                double s = kind == Kind.PRECISION ? samplesPrecisionSum : kind == Kind.RECALL ? samplesRecallSum : samplesF1Sum;
                return s / rows;
            }
            case MACRO: {
                if (labels == 0) return 0;
                double s = 0;
                for (int j = 0; j < labels; j++) s += perLabel(kind, j);
                return s / labels;
            }
            case WEIGHTED: {
                if (actualTotal == 0) return 0;
                double s = 0;
                for (int j = 0; j < labels; j++) if (actual[j] != 0) s += perLabel(kind, j) * actual[j];
                return s / actualTotal;
            }
            default:
                throw new AssertionError(avg);
        }
    }

    double perLabel(Kind kind, int j) {
        return pick(kind, ratio(tp[j], predicted[j]), ratio(tp[j], actual[j]));
    }

    private static double pick(Kind kind, double p, double r) {
        return kind == Kind.PRECISION ? p : kind == Kind.RECALL ? r : f1(p, r);
    }

    /** Share of the rows x labels cells where truth and prediction differ. */
    double hammingLoss() {
        long cells = (long) rows * labels;
        return cells == 0 ? 0 : (double) (predictedTotal + actualTotal - 2 * tpTotal) / cells;
    }

    double subsetAccuracy() {
        return rows == 0 ? 0 : (double) exactRows / rows;
    }
}
