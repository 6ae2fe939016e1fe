package dev.fewhot.metrics;

import dev.fewhot.data.LabelSets;
import dev.fewhot.decide.Ranking;
import java.util.Arrays;

/**
 * Precision and recall of the top-k list for every k from 1 to a maximum, from one top-kmax list
 * per row (ranked as {@link TopKMetrics}: decreasing score, equal scores lower label id first).
 *
 * <ul>
 *   <li>P@k: as {@link TopKMetrics#precisionAtK}, the mean over ALL rows of hits/k (a row without
 *       positives counts 0; with fewer than k labels the list has all labels, still divided by
 *       k).</li>
 *   <li>R@k: the mean over the rows with at least one positive of hits/positives of the row
 *       (recall is undefined for a row without positives, so such rows are left out); 0 when no
 *       row has a positive.</li>
 * </ul>
 * Rows are split into fixed chunks whose sums are added in chunk order, so the result does not
 * depend on the number of threads.
 */
public final class TopKCurve {
    private TopKCurve() { }

    /**
     * P@k and R@k for k = 1..maxK (index k - 1; arrays not copied).
     *
     * @param precision P@k
     * @param recall    R@k
     * @param rowsWithPositives rows that R@k averages over
     */
    public record Curve(double[] precision, double[] recall, int rowsWithPositives) {
        /** The largest k. */
        public int maxK() { return precision.length; }
    }

    /**
     * @param scores row-major rows x labels scores, no NaN
     * @param truth  the true label sets (listed labels are positive)
     * @param maxK   the largest k, &gt;= 1
     */
    public static Curve of(float[] scores, LabelSets truth, int maxK) {
        Inputs.scores(scores, truth);
        Inputs.k(maxK);
        int n = truth.rows(), L = truth.numLabels(), kk = Math.min(maxK, L);
        int chunks = Parallel.chunks(n, Parallel.ROW_CHUNK);
        long[][] hits = new long[chunks][];
        double[][] recall = new double[chunks][];
        int[] withPos = new int[chunks];
        int[] ptr = truth.indptr(), ids = truth.labels();
        Parallel.run(chunks, c -> {
            long[] h = new long[maxK];
            double[] rs = new double[maxK];
            int[] top = new int[Math.max(1, kk)];
            int from = c * Parallel.ROW_CHUNK, to = Math.min(n, from + Parallel.ROW_CHUNK);
            for (int r = from; r < to; r++) {
                int off = r * L;
                for (int j = 0; j < L; j++) if (scores[off + j] != scores[off + j]) throw Inputs.nan(r, j);
                Ranking.topK(scores, off, L, kk, top);
                int a = ptr[r], b = ptr[r + 1], npos = b - a, got = 0;
                for (int k = 0; k < maxK; k++) {
                    if (k < kk && Arrays.binarySearch(ids, a, b, top[k]) >= 0) got++;
                    h[k] += got;
                    if (npos > 0) rs[k] += (double) got / npos;
                }
                if (npos > 0) withPos[c]++;
            }
            hits[c] = h;
            recall[c] = rs;
        });
        long[] h = new long[maxK];
        double[] rs = new double[maxK];
        int rows = 0;
        for (int c = 0; c < chunks; c++) {
            for (int k = 0; k < maxK; k++) {
                h[k] += hits[c][k];
                rs[k] += recall[c][k];
            }
            rows += withPos[c];
        }
        double[] p = new double[maxK], rc = new double[maxK];
        for (int k = 0; k < maxK; k++) {
            p[k] = n == 0 ? 0 : (double) h[k] / n / (k + 1);
            rc[k] = rows == 0 ? 0 : rs[k] / rows;
        }
        return new Curve(p, rc, rows);
    }
}
