package dev.fewhot.metrics;

import dev.fewhot.data.LabelSets;

/**
 * Ranking measures over real scores (row-major rows x labels; only their order matters), as
 * scikit-learn 1.2.1. Listed labels of the truth are positive. Higher is better except for
 * {@link #coverageError} and {@link #labelRankingLoss}. Scores must not be NaN
 * ({@link IllegalArgumentException}); {@code -0.0} equals {@code 0.0}.
 *
 * <p>Edge cases (never NaN): with no rows every measure is 0. Per label, a label without positives
 * has AP 0 in the scikit-learn macro average ({@link ApMacro#SKLEARN}) and is left out of the
 * {@link ApMacro#DEFINED} average; a label with a single class (no positive or no negative row) is
 * left out of macro AUC, and reported ({@link MacroAuc}). Micro AP with no positive cell is 0; micro
 * AUC with no positive or no negative cell is 0 (undefined; scikit-learn raises). LRAP gives a row
 * with no positive or only positives 1; coverage gives a row without positives 0; ranking loss
 * gives a row with no positive or no negative 0. Ties: AP and AUC count tied cells as scikit-learn
 * (thresholds at distinct scores; a tied positive/negative pair counts 1/2 in AUC); LRAP and
 * coverage use the pessimistic rank (labels scoring {@code >=}); ranking loss counts a tied
 * positive/negative pair as mis-ordered (scikit-learn 1.2.1's {@code label_ranking_loss} does).
 *
 * <p>Cost: the per-row measures touch each row once plus one vectorised sweep of the row per
 * positive; the per-label measures radix sort each column once; micro AP/AUC add a merge of each
 * sorted column against the sorted positive scores. {@link #all} computes all at once.
 */
public final class RankingMetrics {
    private RankingMetrics() { }

    /** Which labels the macro average precision averages over. */
    public enum ApMacro {
        /** Only labels with at least one positive row (AP is undefined without positives). The fewhot default. */
        DEFINED,
        /** All labels, a label without positives counting 0 (what scikit-learn 1.2.1 returns, with a warning). */
        SKLEARN
    }

    /** Micro average precision: one AP over all rows x labels cells (higher is better). */
    public static double averagePrecisionMicro(float[] scores, LabelSets truth) {
        return LabelPass.run(scores, truth, true).apMicro;
    }

    /** Macro average precision (higher is better); 0 when no label qualifies. */
    public static double averagePrecisionMacro(float[] scores, LabelSets truth, ApMacro which) {
        return apMacro(LabelPass.run(scores, truth, false), which);
    }

    /** Per-label average precision (0 for a label without positives). */
    public static double[] averagePrecisionPerLabel(float[] scores, LabelSets truth) {
        return LabelPass.run(scores, truth, false).ap.clone();
    }

    /** Macro ROC AUC over the labels with both classes, and which labels were skipped (higher is better). */
    public static MacroAuc rocAucMacro(float[] scores, LabelSets truth) {
        return aucMacro(LabelPass.run(scores, truth, false));
    }

    /** Micro ROC AUC over all cells (higher is better); 0 if all cells are of one class. */
    public static double rocAucMicro(float[] scores, LabelSets truth) {
        return LabelPass.run(scores, truth, true).aucMicro;
    }

    /** Label ranking average precision, sklearn's LRAP (higher is better, 1 at best). */
    public static double labelRankingAveragePrecision(float[] scores, LabelSets truth) {
        return RowPass.run(scores, truth, null, new int[0], true).lrap();
    }

    /** Coverage error: mean number of top-ranked labels needed to cover all positives (lower is better). */
    public static double coverageError(float[] scores, LabelSets truth) {
        return RowPass.run(scores, truth, null, new int[0], true).coverage();
    }

    /** Label ranking loss: mean share of (positive, negative) pairs mis-ordered (lower is better). */
    public static double labelRankingLoss(float[] scores, LabelSets truth) {
        return RowPass.run(scores, truth, null, new int[0], true).rankingLoss();
    }

    /**
     * Every ranking measure in two passes (one over rows, one over labels).
     */
    public static Scores all(float[] scores, LabelSets truth) {
        LabelPass.Result lp = LabelPass.run(scores, truth, true);
        RowPass.Result rp = RowPass.run(scores, truth, null, new int[0], true);
        return of(lp, rp);
    }

    static Scores of(LabelPass.Result lp, RowPass.Result rp) {
        return new Scores(apMacro(lp, ApMacro.DEFINED), apMacro(lp, ApMacro.SKLEARN), lp.apMicro, aucMacro(lp),
                lp.aucMicro, rp.lrap(), rp.coverage(), rp.rankingLoss());
    }

    /**
     * All ranking measures of one score matrix.
     *
     * @param apMacroDefined mean AP over labels with positives
     * @param apMacroSklearn mean AP over all labels (no positives: 0)
     * @param apMicro        micro AP
     * @param aucMacro       macro AUC and skipped labels
     * @param aucMicro       micro AUC
     * @param lrap           label ranking average precision
     * @param coverage       coverage error
     * @param rankingLoss    label ranking loss
     */
    public record Scores(double apMacroDefined, double apMacroSklearn, double apMicro, MacroAuc aucMacro,
                         double aucMicro, double lrap, double coverage, double rankingLoss) { }

    static double apMacro(LabelPass.Result lp, ApMacro which) {
        double s = 0;
        int n = 0;
        for (int j = 0; j < lp.labels; j++) {
            if (which == ApMacro.DEFINED && lp.positives[j] == 0) continue;
            s += lp.ap[j];
            n++;
        }
        return n == 0 ? 0 : s / n;
    }

    static MacroAuc aucMacro(LabelPass.Result lp) {
        double s = 0;
        int used = 0;
        int[] skipped = new int[lp.labels];
        int ns = 0;
        for (int j = 0; j < lp.labels; j++) {
            if (lp.positives[j] == 0 || lp.positives[j] == lp.rows) {
                skipped[ns++] = j;
                continue;
            }
            s += lp.auc[j];
            used++;
        }
        return new MacroAuc(used == 0 ? 0 : s / used, used, java.util.Arrays.copyOf(skipped, ns));
    }
}
