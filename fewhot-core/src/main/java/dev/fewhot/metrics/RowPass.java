package dev.fewhot.metrics;

import dev.fewhot.data.LabelSets;
import dev.fewhot.decide.Ranking;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * One pass over the rows of a score matrix computing every row-wise ranking measure: the top-k
 * measures for several k from one top-kmax list per row (allocation-free {@link Ranking#topK}),
 * and LRAP, coverage and ranking loss from the row's positives only: for each positive the number
 * of labels scoring at least as high is counted with the Vector API (one sweep of the row for all
 * its positives); rows with many positives sort the row once instead. Rows are split into fixed
 * chunks of {@link Parallel#ROW_CHUNK} whose partial sums are added in chunk order, so the result
 * does not depend on the number of threads.
 */
final class RowPass {
    private static final VectorSpecies<Float> S = dev.fewhot.kernels.Simd.floats();
    /** Above this many positives in a row, sort the row instead of one sweep per positive. */
    private static final int SWEEP_MAX = 24;

    /** Sums over rows (not yet divided by anything). */
    static final class Result {
        final int rows;
        final int[] ks;
        final long[] hits;
        final double[] ndcg;
        final double[] pspNum;
        final double[] pspDen;
        final double[] psndcgNum;
        final double[] psndcgDen;
        double lrap;
        double coverage;
        double rankingLoss;

        Result(int rows, int[] ks) {
            this.rows = rows;
            this.ks = ks;
            int n = ks.length;
            hits = new long[n];
            ndcg = new double[n];
            pspNum = new double[n];
            pspDen = new double[n];
            psndcgNum = new double[n];
            psndcgDen = new double[n];
        }

        void add(Result o) {
            for (int i = 0; i < ks.length; i++) {
                hits[i] += o.hits[i];
                ndcg[i] += o.ndcg[i];
                pspNum[i] += o.pspNum[i];
                pspDen[i] += o.pspDen[i];
                psndcgNum[i] += o.psndcgNum[i];
                psndcgDen[i] += o.psndcgDen[i];
            }
            lrap += o.lrap;
            coverage += o.coverage;
            rankingLoss += o.rankingLoss;
        }

        int index(int k) {
            for (int i = 0; i < ks.length; i++) if (ks[i] == k) return i;
            throw new IllegalArgumentException("k=" + k + " was not computed");
        }

        double precisionAt(int k) { return rows == 0 ? 0 : (double) hits[index(k)] / rows / k; }
        double ndcgAt(int k) { return rows == 0 ? 0 : ndcg[index(k)] / rows; }
        double pspAt(int k) { int i = index(k); return pspDen[i] > 0 ? pspNum[i] / pspDen[i] : 0; }
        double psndcgAt(int k) { int i = index(k); return psndcgDen[i] > 0 ? psndcgNum[i] / psndcgDen[i] : 0; }
        double lrap() { return rows == 0 ? 0 : lrap / rows; }
        double coverage() { return rows == 0 ? 0 : coverage / rows; }
        double rankingLoss() { return rows == 0 ? 0 : rankingLoss / rows; }
    }

    private RowPass() { }

    /**
     * @param w       inverse propensities, or null (then the PS sums stay 0)
     * @param ks      the k of the top-k measures (each >= 1), may be empty
     * @param ranking whether to compute LRAP, coverage and ranking loss
     */
    static Result run(float[] scores, LabelSets truth, double[] w, int[] ks, boolean ranking) {
        Inputs.scores(scores, truth);
        if (w != null) Inputs.propensities(w, truth);
        for (int k : ks) Inputs.k(k);
        int n = truth.rows();
        int chunks = Parallel.chunks(n, Parallel.ROW_CHUNK);
        Result[] parts = new Result[chunks];
        Parallel.run(chunks, c -> {
            Result r = new Result(n, ks);
            new Worker(scores, truth, w, ks, ranking, r).rows(c * Parallel.ROW_CHUNK, Math.min(n, (c + 1) * Parallel.ROW_CHUNK));
            parts[c] = r;
        });
        Result total = new Result(n, ks);
        for (Result p : parts) total.add(p);
        return total;
    }

    private static final class Worker {
        final float[] s;
        final int L;
        final int[] ptr;
        final int[] ids;
        final double[] w;
        final int[] ks;
        final boolean ranking;
        final Result out;
        final int kk;
        final int[] top;
        final boolean[] rel;
        final double[] disc;
        final double[] cumDisc;
        final double[] bestW;
        float[] pv = new float[SWEEP_MAX];
        int[] cnt = new int[SWEEP_MAX];
        int[] rowKeys;
        int[] posKeys;

        Worker(float[] s, LabelSets truth, double[] w, int[] ks, boolean ranking, Result out) {
            this.s = s;
            this.L = truth.numLabels();
            this.ptr = truth.indptr();
            this.ids = truth.labels();
            this.w = w;
            this.ks = ks;
            this.ranking = ranking;
            this.out = out;
            int kmax = 0;
            for (int k : ks) kmax = Math.max(kmax, k);
            kk = Math.min(kmax, L);
            top = new int[kk];
            rel = new boolean[kk];
            disc = new double[kmax];
            cumDisc = new double[kmax + 1];
            for (int r = 0; r < kmax; r++) {
                disc[r] = 1.0 / (Math.log(r + 2.0) / Math.log(2.0));
                cumDisc[r + 1] = cumDisc[r] + disc[r];
            }
            bestW = new double[kmax];
        }

        void rows(int from, int to) {
            for (int r = from; r < to; r++) row(r);
        }

        private void row(int r) {
            int off = r * L, a = ptr[r], b = ptr[r + 1], p = b - a;
            checkNaN(r, off);
            if (ks.length > 0) topK(off, a, b, p);
            if (ranking) rankingMeasures(off, a, p);
        }

        private void checkNaN(int r, int off) {
            int i = 0, bound = S.loopBound(L);
            for (; i < bound; i += S.length()) {
                FloatVector x = FloatVector.fromArray(S, s, off + i);
                if (x.test(VectorOperators.IS_NAN).anyTrue()) break;
            }
            for (; i < L; i++) if (Float.isNaN(s[off + i])) throw Inputs.nan(r, i);
        }

        private void topK(int off, int a, int b, int p) {
            if (kk > 0) Ranking.topK(s, off, L, kk, top);
            for (int i = 0; i < kk; i++) rel[i] = Arrays.binarySearch(ids, a, b, top[i]) >= 0;
            // best achievable propensity-scored list: the row's positives by decreasing w
            int nb = 0;
            if (w != null && p > 0) {
                int kmax = bestW.length;
                for (int t = a; t < b; t++) {
                    double v = w[ids[t]];
                    if (nb < kmax) {
                        int q = nb++;
                        while (q > 0 && bestW[q - 1] < v) { bestW[q] = bestW[q - 1]; q--; }
                        bestW[q] = v;
                    } else if (v > bestW[kmax - 1]) {
                        int q = kmax - 1;
                        while (q > 0 && bestW[q - 1] < v) { bestW[q] = bestW[q - 1]; q--; }
                        bestW[q] = v;
                    }
                }
            }
            for (int ki = 0; ki < ks.length; ki++) {
                int k = ks[ki], lim = Math.min(k, kk);
                long h = 0;
                double dcg = 0, pn = 0, pdn = 0;
                for (int i = 0; i < lim; i++) {
                    if (!rel[i]) continue;
                    h++;
                    dcg += disc[i];
                    if (w != null) {
                        double wi = w[top[i]];
                        pn += wi;
                        pdn += wi * disc[i];
                    }
                }
                out.hits[ki] += h;
                if (w != null) out.pspNum[ki] += pn;
                if (p > 0) {
                    double idcg = cumDisc[Math.min(k, p)];
                    out.ndcg[ki] += dcg / idcg;
                    if (w != null) {
                        out.psndcgNum[ki] += pdn / idcg;
                        int il = Math.min(k, nb);
                        double pd = 0, pdd = 0;
                        for (int i = 0; i < il; i++) {
                            pd += bestW[i];
                            pdd += bestW[i] * disc[i];
                        }
                        out.pspDen[ki] += pd;
                        out.psndcgDen[ki] += pdd / idcg;
                    }
                }
            }
        }

        /** sklearn: LRAP (row with no or all positives = 1), coverage error, ranking loss (ties count as errors). */
        private void rankingMeasures(int off, int a, int p) {
            if (p == 0) {
                out.lrap += 1;
                return;
            }
            if (p == L) {
                out.lrap += 1;
                out.coverage += L;
                return;
            }
            if (p <= SWEEP_MAX) sweep(off, a, p);
            else sortedCounts(off, a, p);
            // cnt[q] = labels scoring >= positive q; same[q] = positives scoring >= positive q
            double lr = 0, loss = 0;
            int cover = 0;
            for (int q = 0; q < p; q++) {
                int ge = cnt[q];
                int pge = positivesAtLeast(q, p);
                lr += (double) pge / ge;
                loss += ge - pge;
                cover = Math.max(cover, ge);
            }
            out.lrap += lr / p;
            out.coverage += cover;
            out.rankingLoss += loss / ((double) (L - p) * p);
        }

        private int positivesAtLeast(int q, int p) {
            if (p <= SWEEP_MAX) {
                float v = pv[q];
                int c = 0;
                for (int t = 0; t < p; t++) if (pv[t] >= v) c++;
                return c;
            }
            return p - ScoreKeys.lowerBound(posKeys, 0, p, ScoreKeys.key(pv[q]));
        }

        private void sweep(int off, int a, int p) {
            for (int q = 0; q < p; q++) {
                pv[q] = s[off + ids[a + q]];
                cnt[q] = 0;
            }
            int i = 0, bound = S.loopBound(L);
            for (; i < bound; i += S.length()) {
                FloatVector x = FloatVector.fromArray(S, s, off + i);
                for (int q = 0; q < p; q++) {
                    VectorMask<Float> m = x.compare(VectorOperators.GE, pv[q]);
                    cnt[q] += m.trueCount();
                }
            }
            for (; i < L; i++) {
                float x = s[off + i];
                for (int q = 0; q < p; q++) if (x >= pv[q]) cnt[q]++;
            }
        }

        private void sortedCounts(int off, int a, int p) {
            if (pv.length < p) {
                pv = new float[p];
                cnt = new int[p];
            }
            if (rowKeys == null) rowKeys = new int[L];
            if (posKeys == null || posKeys.length < p) posKeys = new int[Math.max(p, 64)];
            for (int i = 0; i < L; i++) rowKeys[i] = ScoreKeys.key(s[off + i]);
            Arrays.sort(rowKeys);
            for (int q = 0; q < p; q++) {
                pv[q] = s[off + ids[a + q]];
                posKeys[q] = ScoreKeys.key(pv[q]);
            }
            Arrays.sort(posKeys, 0, p);
            for (int q = 0; q < p; q++) cnt[q] = L - ScoreKeys.lowerBound(rowKeys, 0, L, ScoreKeys.key(pv[q]));
        }
    }
}
