package dev.fewhot.metrics;

import dev.fewhot.data.LabelSets;

/**
 * Top-k measures of extreme classification, as pyxclib's {@code xc_metrics} (re-implemented in
 * double): the ranked list of a row is its k best-scored labels, equal scores ranking the lower
 * label id first. All means are over ALL rows; a row without positives counts 0. Higher is better.
 * With fewer than k labels the list has all labels but P@k still divides by k. No rows: 0.
 *
 * <ul>
 *   <li>P@k = mean over rows of hits/k.</li>
 *   <li>nDCG@k = mean over rows of DCG/IDCG, DCG = sum of 1/log2(r+1) over hit ranks r, IDCG over
 *       ranks 1..min(k, positives of the row).</li>
 *   <li>PSP@k = (sum over rows of the inverse propensities of the hits) / (the same for the best
 *       achievable list: the row's positives by decreasing inverse propensity). A ratio of sums, not
 *       a mean of ratios; 0 when the denominator is 0.</li>
 *   <li>PSnDCG@k = (sum over rows of propensity-weighted DCG / IDCG) / (the same for the best
 *       achievable list).</li>
 * </ul>
 * Inverse propensities come from {@link Propensity#jain}.
 */
public final class TopKMetrics {
    private TopKMetrics() { }

    /** Precision at k. */
    public static double precisionAtK(float[] scores, LabelSets truth, int k) {
        return RowPass.run(scores, truth, null, new int[] {k}, false).precisionAt(k);
    }

    /** nDCG at k. */
    public static double ndcgAtK(float[] scores, LabelSets truth, int k) {
        return RowPass.run(scores, truth, null, new int[] {k}, false).ndcgAt(k);
    }

    /** Propensity-scored precision at k, normalised by the best achievable value. */
    public static double pspAtK(float[] scores, LabelSets truth, double[] invPropensity, int k) {
        Inputs.propensities(invPropensity, truth);
        return RowPass.run(scores, truth, invPropensity, new int[] {k}, false).pspAt(k);
    }

    /** Propensity-scored nDCG at k, normalised by the best achievable value. */
    public static double psndcgAtK(float[] scores, LabelSets truth, double[] invPropensity, int k) {
        Inputs.propensities(invPropensity, truth);
        return RowPass.run(scores, truth, invPropensity, new int[] {k}, false).psndcgAt(k);
    }

    /**
     * All four measures for each k of {@code ks} in one pass.
     *
     * @param invPropensity inverse propensities, or null (then the PS measures are 0)
     */
    public static AtK[] all(float[] scores, LabelSets truth, double[] invPropensity, int... ks) {
        RowPass.Result r = RowPass.run(scores, truth, invPropensity, ks.clone(), false);
        AtK[] out = new AtK[ks.length];
        for (int i = 0; i < ks.length; i++) out[i] = of(r, ks[i]);
        return out;
    }

    static AtK of(RowPass.Result r, int k) {
        return new AtK(k, r.precisionAt(k), r.ndcgAt(k), r.pspAt(k), r.psndcgAt(k));
    }

    /**
     * The top-k measures at one k.
     *
     * @param k      list length
     * @param p      P@k
     * @param ndcg   nDCG@k
     * @param psp    PSP@k
     * @param psndcg PSnDCG@k
     */
    public record AtK(int k, double p, double ndcg, double psp, double psndcg) { }
}
