package dev.fewhot.metrics;

import dev.fewhot.data.LabelSets;
import java.util.Arrays;

/**
 * One pass over the labels (columns) of a score matrix computing per-label average precision and
 * ROC AUC, and the counts behind micro AP and micro AUC.
 *
 * <p>Labels are processed in blocks of 16 columns: the block is gathered row by row (one cache
 * line per row) into int keys whose order is the float order, each column is radix sorted once, and
 * the label's own positives (from the transposed truth) are located in it by binary search: for
 * every distinct positive score v, the number of cells below v and equal to v. AUC is then the
 * Mann-Whitney statistic with ties counted 1/2 (what scikit-learn's trapezoid over the ROC curve
 * gives), AP is scikit-learn's step sum over distinct thresholds. For the micro measures the sorted
 * column is merged (galloping) against the sorted distinct scores of ALL positive cells, counting
 * the cells below and equal to each: so the 51M-cell micro measures need no big sort. Integer counts
 * per part are added at the end, per-label values are stored by label, so the result does not
 * depend on the threads.
 */
final class LabelPass {
    private static final int BLOCK = 16;

    static final class Result {
        final int rows;
        final int labels;
        /** Positives per label. */
        final int[] positives;
        /** AP per label (0 for a label without positives, as scikit-learn). */
        final double[] ap;
        /** ROC AUC per label, NaN where undefined (no positives or no negatives): never returned as such. */
        final double[] auc;
        double apMicro;
        double aucMicro;

        Result(int rows, int labels) {
            this.rows = rows;
            this.labels = labels;
            positives = new int[labels];
            ap = new double[labels];
            auc = new double[labels];
        }
    }

    private LabelPass() { }

    static Result run(float[] scores, LabelSets truth, boolean micro) {
        Inputs.scores(scores, truth);
        int n = truth.rows(), L = truth.numLabels();
        Result res = new Result(n, L);
        // transpose the truth: rows of each label, ascending
        int[] colPtr = new int[L + 1];
        int[] counts = truth.labelCounts();
        for (int j = 0; j < L; j++) colPtr[j + 1] = colPtr[j] + counts[j];
        int nnz = colPtr[L];
        int[] colRows = new int[nnz];
        int[] fill = Arrays.copyOf(colPtr, L);
        int[] ptr = truth.indptr(), ids = truth.labels();
        for (int r = 0; r < n; r++) for (int k = ptr[r]; k < ptr[r + 1]; k++) colRows[fill[ids[k]]++] = r;
        System.arraycopy(counts, 0, res.positives, 0, L);

        // micro: the distinct scores of all positive cells, ascending, with multiplicities
        int[] q = null, qc = null;
        int m = 0;
        if (micro && nnz > 0) {
            int[] keys = new int[nnz];
            for (int r = 0, t = 0; r < n; r++) {
                for (int k = ptr[r]; k < ptr[r + 1]; k++) {
                    float v = scores[r * L + ids[k]];
                    if (Float.isNaN(v)) throw Inputs.nan(r, ids[k]);
                    keys[t++] = ScoreKeys.key(v);
                }
            }
            ScoreKeys.sort(keys, nnz, new int[nnz], new int[ScoreKeys.HIST]);
            q = new int[nnz];
            qc = new int[nnz];
            for (int t = 0; t < nnz; t++) {
                if (m > 0 && q[m - 1] == keys[t]) qc[m - 1]++;
                else { q[m] = keys[t]; qc[m++] = 1; }
            }
        }
        int blocks = Parallel.chunks(L, BLOCK);
        int parts = Math.min(blocks, 4 * Parallel.parallelism());
        int[][] less = new int[parts][], eq = new int[parts][];
        final int[] fq = q;
        final int fm = m;
        final boolean doMicro = micro && nnz > 0;
        Parallel.run(parts, part -> {
            int[][] col = new int[Math.min(BLOCK, L)][n];
            int[] tmp = new int[n], hist = new int[ScoreKeys.HIST];
            int[] pos = new int[Math.max(16, maxCount(counts))];
            int[] ls = doMicro ? new int[fm + 1] : null, es = doMicro ? new int[fm] : null;
            for (int blk = part; blk < blocks; blk += parts) {
                int j0 = blk * BLOCK, bw = Math.min(BLOCK, L - j0);
                gather(scores, n, L, j0, bw, col);
                for (int c = 0; c < bw; c++) {
                    int j = j0 + c;
                    int[] K = col[c];
                    // positives' keys first (the column is still in row order)
                    int a = colPtr[j], np = colPtr[j + 1] - a;
                    for (int t = 0; t < np; t++) pos[t] = K[colRows[a + t]];
                    Arrays.sort(pos, 0, np);
                    ScoreKeys.sort(K, n, tmp, hist);
                    perLabel(res, j, K, n, pos, np);
                    if (doMicro) mergeCounts(K, n, fq, fm, ls, es);
                }
            }
            less[part] = ls;
            eq[part] = es;
        });
        if (doMicro) micro(res, n, L, q, qc, m, less, eq);
        else if (micro) {
            res.apMicro = 0;
            res.aucMicro = 0;
        }
        return res;
    }

    private static int maxCount(int[] counts) {
        int mx = 0;
        for (int c : counts) mx = Math.max(mx, c);
        return mx;
    }

    private static void gather(float[] s, int n, int L, int j0, int bw, int[][] col) {
        for (int r = 0; r < n; r++) {
            int base = r * L + j0;
            for (int c = 0; c < bw; c++) {
                float v = s[base + c];
                if (v != v) throw Inputs.nan(r, j0 + c);
                col[c][r] = ScoreKeys.key(v);
            }
        }
    }

    /** AP and AUC of one label from its sorted column K and sorted positive keys pos[0..np). */
    private static void perLabel(Result res, int j, int[] K, int n, int[] pos, int np) {
        if (np == 0) {
            res.ap[j] = 0;
            res.auc[j] = Double.NaN;
            return;
        }
        double twoU = 0, ap = 0;
        int lo = 0, posLess = 0;
        for (int t = 0; t < np; ) {
            int v = pos[t], c = 1;
            while (t + c < np && pos[t + c] == v) c++;
            int lessV = ScoreKeys.lowerBound(K, lo, n, v);
            int end = ScoreKeys.upperBound(K, lessV, n, v);
            int eqV = end - lessV;
            lo = end;
            twoU += c * (2.0 * (lessV - posLess) + (eqV - c));
            ap += ((double) c / np) * ((double) (np - posLess) / (n - lessV));
            posLess += c;
            t += c;
        }
        res.ap[j] = ap;
        res.auc[j] = np < n ? twoU / (2.0 * np * (double) (n - np)) : Double.NaN;
    }

    /** For the sorted column K: ls[i] += cells strictly between q[i-1] and q[i], es[i] += cells equal to q[i]. */
    private static void mergeCounts(int[] K, int n, int[] q, int m, int[] ls, int[] es) {
        int p = 0;
        for (int t = 0; t < n; t++) {
            int k = K[t];
            if (p < m && q[p] < k) p = ScoreKeys.gallop(q, p, m, k);
            if (p < m && q[p] == k) es[p]++;
            else ls[p]++;
        }
    }

    private static void micro(Result res, int n, int L, int[] q, int[] qc, int m, int[][] less, int[][] eq) {
        long cells = (long) n * L;
        long[] lessTot = new long[m + 1];
        long[] eqTot = new long[m];
        for (int[] ls : less) if (ls != null) for (int i = 0; i <= m; i++) lessTot[i] += ls[i];
        for (int[] es : eq) if (es != null) for (int i = 0; i < m; i++) eqTot[i] += es[i];
        long P = 0;
        for (int i = 0; i < m; i++) P += qc[i];
        long negatives = cells - P;
        // ascending: below = cells < q[i], posBelow = positives < q[i]
        long below = 0, posBelow = 0;
        double twoU = 0, ap = 0;
        for (int i = 0; i < m; i++) {
            below += lessTot[i];
            long c = qc[i];
            twoU += c * (2.0 * (below - posBelow) + (eqTot[i] - c));
            ap += ((double) c / P) * ((double) (P - posBelow) / (cells - below));
            below += eqTot[i];
            posBelow += c;
        }
        res.apMicro = ap;
        res.aucMicro = negatives > 0 ? twoU / (2.0 * P * (double) negatives) : 0;
    }
}
