package dev.fewhot.metrics;

import dev.fewhot.data.LabelSets;
import java.util.Objects;

/**
 * Set-based measures of the global threshold rule (a label is predicted when its score is at
 * least t, as {@link dev.fewhot.decide.DecisionRule.Threshold}) for many thresholds at once:
 * micro and macro F1, micro precision and recall, mean predicted labels per row and the share of
 * rows with no label.
 *
 * <p>One pass over the scores: each cell is binned by the number of thresholds at or below its
 * score (a table lookup corrected by a comparison or two, exact), giving
 * per label a histogram of all cells and one of its positive cells; suffix sums of the histograms
 * are the predicted and true-positive counts at each threshold. The cost is one read of the
 * scores plus labels x thresholds, not one evaluation per threshold. Each value is computed with
 * the same formulas, in the same order, as {@link SetMetrics} on the predictions of the
 * threshold rule, so both give the same doubles. Counts are integers, so the result does not
 * depend on the number of threads.
 */
public final class ThresholdCurve {
    private ThresholdCurve() { }

    /**
     * The measures at each threshold (arrays indexed like {@code thresholds}; not copied).
     *
     * @param thresholds     the thresholds, ascending
     * @param microF1        micro F1
     * @param macroF1        macro F1 (over all labels)
     * @param microPrecision micro precision
     * @param microRecall    micro recall
     * @param meanPredicted  mean predicted labels per row
     * @param emptyRows      share of rows with no predicted label
     */
    public record Curve(double[] thresholds, double[] microF1, double[] macroF1, double[] microPrecision,
                        double[] microRecall, double[] meanPredicted, double[] emptyRows) {
        /** Number of thresholds. */
        public int size() { return thresholds.length; }

        /** Index of the highest micro F1 (the lower threshold on ties); -1 for an empty curve. */
        public int bestMicroF1() {
            return argMax(microF1);
        }

        /** Index of the highest macro F1 (the lower threshold on ties); -1 for an empty curve. */
        public int bestMacroF1() {
            return argMax(macroF1);
        }

        private static int argMax(double[] v) {
            int best = -1;
            for (int i = 0; i < v.length; i++) if (best < 0 || v[i] > v[best]) best = i;
            return best;
        }
    }

    /**
     * n evenly spaced thresholds from {@code from} to {@code to} (both included), each rounded to
     * 12 decimals so that a grid such as 0.01, 0.02, ..., 0.99 holds the doubles of those decimals.
     */
    public static double[] grid(double from, double to, int n) {
        if (n < 1) throw new IllegalArgumentException("n must be >= 1, got " + n);
        if (!(Double.isFinite(from) && Double.isFinite(to) && from <= to)) {
            throw new IllegalArgumentException("need finite from <= to, got " + from + ", " + to);
        }
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            double v = n == 1 ? from : from + (to - from) * i / (n - 1);
            t[i] = Math.round(v * 1e12) / 1e12;
        }
        return t;
    }

    /**
     * The curve of the threshold rule over {@code thresholds}.
     *
     * @param scores     row-major rows x labels scores, no NaN
     * @param truth      the true label sets (listed labels are positive)
     * @param thresholds finite, strictly ascending (copied)
     */
    public static Curve of(float[] scores, LabelSets truth, double[] thresholds) {
        Inputs.scores(scores, truth);
        Objects.requireNonNull(thresholds, "thresholds");
        double[] t = thresholds.clone();
        for (int i = 0; i < t.length; i++) {
            if (!Double.isFinite(t[i]) || (i > 0 && !(t[i] > t[i - 1]))) {
                throw new IllegalArgumentException("thresholds must be finite and strictly ascending, got " + t[i]
                        + " at index " + i);
            }
        }
        int n = truth.rows(), L = truth.numLabels(), T = t.length, B = T + 1;
        int parts = Math.max(1, Math.min(Parallel.chunks(n, Parallel.ROW_CHUNK), Parallel.parallelism()));
        int[][] all = new int[parts][], pos = new int[parts][], rowMax = new int[parts][];
        int[] ptr = truth.indptr(), ids = truth.labels();
        Binner bins = new Binner(t);
        Parallel.run(parts, p -> {
            int from = (int) ((long) n * p / parts), to = (int) ((long) n * (p + 1) / parts);
            int[] a = new int[L * B], q = new int[L * B], m = new int[B];
            for (int r = from; r < to; r++) {
                int off = r * L;
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < L; j++) {
                    float s = scores[off + j];
                    if (s != s) throw Inputs.nan(r, j);
                    a[j * B + bins.bin(s)]++;
                    if (s > max) max = s;
                }
                m[bins.bin(max)]++;
                for (int k = ptr[r]; k < ptr[r + 1]; k++) q[ids[k] * B + bins.bin(scores[off + ids[k]])]++;
            }
            all[p] = a;
            pos[p] = q;
            rowMax[p] = m;
        });
        long[] a = sum(all, L * B), q = sum(pos, L * B), m = sum(rowMax, B);
        // suffix sums: cells (and positive cells) scoring at least t[i] are those with bin > i
        for (int j = 0; j < L; j++) {
            for (int b = B - 2; b >= 0; b--) {
                a[j * B + b] += a[j * B + b + 1];
                q[j * B + b] += q[j * B + b + 1];
            }
        }
        int[] actual = truth.labelCounts();
        long actualTotal = 0;
        for (int c : actual) actualTotal += c;
        double[] micro = new double[T], macro = new double[T], mp = new double[T], mr = new double[T],
                mean = new double[T], empty = new double[T];
        long emptyRows = 0;
        for (int i = 0; i < T; i++) {
            emptyRows += m[i]; // rows whose best score is below t[i]
            long tpTotal = 0, predTotal = 0;
            double macroSum = 0;
            for (int j = 0; j < L; j++) {
                long tp = q[j * B + i + 1], pr = a[j * B + i + 1];
                tpTotal += tp;
                predTotal += pr;
                macroSum += SetCounts.f1(SetCounts.ratio(tp, pr), SetCounts.ratio(tp, actual[j]));
            }
            mp[i] = SetCounts.ratio(tpTotal, predTotal);
            mr[i] = SetCounts.ratio(tpTotal, actualTotal);
            micro[i] = SetCounts.f1(mp[i], mr[i]);
            macro[i] = L == 0 ? 0 : macroSum / L;
            mean[i] = n == 0 ? 0 : (double) predTotal / n;
            empty[i] = n == 0 ? 0 : (double) emptyRows / n;
        }
        return new Curve(t, micro, macro, mp, mr, mean, empty);
    }

    /**
     * Number of thresholds at or below a score: a table over equal cells of [t[0], t[T-1]] gives a
     * starting count that one or two comparisons correct, so the count is exact whatever the
     * rounding of the cell index.
     */
    static final class Binner {
        private final double[] t;
        private final double lo;
        private final double scale;
        private final int[] start;

        Binner(double[] t) {
            this.t = t;
            int T = t.length;
            int cells = T < 2 ? 1 : Math.min(1 << 16, 16 * T);
            lo = T == 0 ? 0 : t[0];
            double span = T < 2 ? 0 : t[T - 1] - t[0];
            scale = span > 0 ? cells / span : 0;
            start = new int[cells];
            for (int c = 0; c < cells; c++) start[c] = T == 0 ? 0 : search(lo + (scale > 0 ? c / scale : 0));
        }

        /** Binary search: the number of thresholds at or below v. */
        private int search(double v) {
            int a = 0, b = t.length;
            while (a < b) {
                int mid = (a + b) >>> 1;
                if (t[mid] <= v) a = mid + 1; else b = mid;
            }
            return a;
        }

        int bin(float s) {
            double v = s;
            int T = t.length;
            if (T == 0 || v < t[0]) return 0;
            if (v >= t[T - 1]) return T;
            int c = (int) ((v - lo) * scale);
            int b = start[Math.min(c, start.length - 1)];
            while (b > 0 && t[b - 1] > v) b--;
            while (b < T && t[b] <= v) b++;
            return b;
        }
    }

    private static long[] sum(int[][] parts, int size) {
        long[] out = new long[size];
        for (int[] p : parts) for (int i = 0; i < size; i++) out[i] += p[i];
        return out;
    }
}
