package dev.fewhot.decide;

/**
 * Turns one row of scores (probabilities in [0, 1]) into the predicted label set. Rules are
 * immutable values saved in the model file.
 */
public sealed interface DecisionRule
        permits DecisionRule.Threshold, DecisionRule.TopK, DecisionRule.PerLabel, DecisionRule.AtLeastOne {
    /**
     * Marks the predicted labels of one row.
     *
     * @param scores  scores of the row, from {@code off}
     * @param off     offset of the row in scores
     * @param labels  number of labels
     * @param outIds  output: predicted label ids, sorted by decreasing score (ties: lower id first)
     * @return how many ids were written
     */
    int decide(float[] scores, int off, int labels, int[] outIds);

    /** A label is predicted when its score is at least {@code threshold}. */
    record Threshold(double threshold) implements DecisionRule {
        public Threshold {
            if (!(threshold >= 0 && threshold <= 1)) {
                throw new IllegalArgumentException("threshold must be in [0, 1], got " + threshold);
            }
        }

        @Override
        public int decide(float[] scores, int off, int labels, int[] outIds) {
            int n = 0;
            for (int j = 0; j < labels; j++) if (scores[off + j] >= threshold) outIds[n++] = j;
            Ranking.sortByScore(scores, off, outIds, n);
            return n;
        }
    }

    /** The k labels with the highest scores (ties: lower id first). */
    record TopK(int k) implements DecisionRule {
        public TopK {
            if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
        }

        @Override
        public int decide(float[] scores, int off, int labels, int[] outIds) {
            return Ranking.topK(scores, off, labels, Math.min(k, labels), outIds);
        }
    }

    /**
     * Label j is predicted when its score is at least {@code thresholds[j]} (thresholds tuned per
     * label on validation data, see {@link ThresholdTuning}).
     *
     * @param thresholds one threshold in [0, 1] per label (copied)
     */
    record PerLabel(float[] thresholds) implements DecisionRule {
        public PerLabel {
            thresholds = thresholds.clone();
            for (int j = 0; j < thresholds.length; j++) {
                if (!(thresholds[j] >= 0 && thresholds[j] <= 1)) {
                    throw new IllegalArgumentException("thresholds[" + j + "] must be in [0, 1], got " + thresholds[j]);
                }
            }
        }

        @Override
        public float[] thresholds() { return thresholds.clone(); }

        @Override
        public int decide(float[] scores, int off, int labels, int[] outIds) {
            if (labels != thresholds.length) {
                throw new IllegalArgumentException("scores have " + labels + " labels, the rule has " + thresholds.length);
            }
            int n = 0;
            for (int j = 0; j < labels; j++) if (scores[off + j] >= thresholds[j]) outIds[n++] = j;
            Ranking.sortByScore(scores, off, outIds, n);
            return n;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PerLabel p && java.util.Arrays.equals(thresholds, p.thresholds);
        }

        @Override
        public int hashCode() { return java.util.Arrays.hashCode(thresholds); }

        @Override
        public String toString() { return "PerLabel[" + thresholds.length + " thresholds]"; }
    }

    /**
     * The inner rule, but a row for which it predicts nothing gets its best-scoring label: every
     * row receives at least one label (few-hot data has at least one positive per row).
     *
     * @param inner the rule applied first
     */
    record AtLeastOne(DecisionRule inner) implements DecisionRule {
        public AtLeastOne {
            java.util.Objects.requireNonNull(inner, "inner");
            if (inner instanceof AtLeastOne) throw new IllegalArgumentException("inner must not itself be AtLeastOne");
        }

        @Override
        public int decide(float[] scores, int off, int labels, int[] outIds) {
            int n = inner.decide(scores, off, labels, outIds);
            if (n == 0 && labels > 0) n = Ranking.topK(scores, off, labels, 1, outIds);
            return n;
        }
    }
}
