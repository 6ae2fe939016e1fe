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
        PositiveScores ps = null;
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
            ps = new PositiveScores(keys, nnz);
        }
        int blocks = Parallel.chunks(L, BLOCK);
        int parts = Math.min(blocks, 4 * Parallel.parallelism());
        int[][] less = new int[parts][], eq = new int[parts][];
        final PositiveScores fps = ps;
        final boolean doMicro = ps != null;
        final int fm = doMicro ? ps.m : 0;
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
                    if (doMicro) mergeCounts(K, n, fps, ls, es);
                }
            }
            less[part] = ls;
            eq[part] = es;
        });
        if (doMicro) micro(res, n, L, ps.q, ps.count, ps.m, less, eq);
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

    static void gather(float[] s, int n, int L, int j0, int bw, int[][] col) {
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
    static void perLabel(Result res, int j, int[] K, int n, int[] pos, int np) {
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

    /**
     * The sorted distinct scores of all positive cells, with a lookup table from a key to the first
     * of them in its bucket of the key range [q[0], q[m-1]] (uniform buckets, about 4 per distinct score),
     * so that a cell is placed among them in a few steps. q[m] is a sentinel above every key.
     */
    static final class PositiveScores {
        final int[] q;
        final int[] count;
        final int m;
        final int min;
        final int max;
        final int shift;
        final int[] table;

        PositiveScores(int[] sortedKeys, int nnz) {
            int[] qq = new int[nnz + 1], cc = new int[nnz];
            int mm = 0;
            for (int t = 0; t < nnz; t++) {
                if (mm > 0 && qq[mm - 1] == sortedKeys[t]) cc[mm - 1]++;
                else { qq[mm] = sortedKeys[t]; cc[mm++] = 1; }
            }
            qq[mm] = Integer.MAX_VALUE;
            q = qq;
            count = cc;
            m = mm;
            min = q[0];
            max = q[m - 1];
            long span = (long) max - min;
            // about 4 buckets per distinct positive score (2^21 for 500k), at least 2^10, at most 2^22
            int bits = Math.max(10, Math.min(22, 34 - Integer.numberOfLeadingZeros(mm)));
            int sh = 0;
            while ((span >>> sh) >= (1L << bits)) sh++;
            shift = sh;
            int buckets = (int) (span >>> sh) + 1;
            table = new int[buckets + 1];
            int i = 0;
            for (int b = 0; b <= buckets; b++) {
                while (i < m && (((long) q[i] - min) >>> sh) < b) i++;
                table[b] = i;
            }
        }
    }

    /**
     * For the sorted column K: ls[i] += cells strictly between q[i-1] and q[i] (ls[m]: above all),
     * es[i] += cells equal to q[i].
     */
    static void mergeCounts(int[] K, int n, PositiveScores ps, int[] ls, int[] es) {
        int[] q = ps.q, table = ps.table;
        int min = ps.min, shift = ps.shift, m = ps.m;
        int start = ScoreKeys.lowerBound(K, 0, n, min);
        int end = ScoreKeys.upperBound(K, start, n, ps.max);
        ls[0] += start;
        ls[m] += n - end;
        for (int t = start; t < end; t++) {
            int k = K[t];
            int p = table[(int) (((long) k - min) >>> shift)];
            while (q[p] < k) p++;
            if (q[p] == k) es[p]++;
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
