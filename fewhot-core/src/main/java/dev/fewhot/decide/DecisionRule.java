package dev.fewhot.decide;

/**
 * Turns one row of scores (probabilities in [0, 1]) into the predicted label set. Rules are
 * immutable values saved in the model file.
 */
public sealed interface DecisionRule permits DecisionRule.Threshold, DecisionRule.TopK {
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
}
