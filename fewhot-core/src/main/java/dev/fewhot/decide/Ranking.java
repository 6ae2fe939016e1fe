package dev.fewhot.decide;

/**
 * Top-k selection and sorting of label ids by score, without allocation: decreasing score,
 * equal scores by increasing label id (the tie rule of the reference metrics).
 */
public final class Ranking {
    private Ranking() { }

    /**
     * An int whose signed order is the order of the float score ({@code -0.0} equals
     * {@code 0.0}); NaN is not a valid score. {@link #scoreOf} inverts it.
     */
    public static int sortKey(float score) {
        int b = Float.floatToRawIntBits(score + 0f);
        return b ^ ((b >> 31) & 0x7fffffff);
    }

    /** The score of a {@link #sortKey}. */
    public static float scoreOf(int key) {
        return Float.intBitsToFloat(key ^ ((key >> 31) & 0x7fffffff));
    }

    /** True when label a ranks before label b. */
    static boolean before(float[] s, int off, int a, int b) {
        float sa = s[off + a], sb = s[off + b];
        return sa > sb || (sa == sb && a < b);
    }

    /**
     * Writes the ids of the k best labels of a row into out, best first.
     *
     * @return k
     */
    public static int topK(float[] scores, int off, int labels, int k, int[] out) {
        int n = 0;
        for (int j = 0; j < labels; j++) {
            if (n < k) {
                int p = n++;
                while (p > 0 && before(scores, off, j, out[p - 1])) { out[p] = out[p - 1]; p--; }
                out[p] = j;
            } else if (before(scores, off, j, out[k - 1])) {
                int p = k - 1;
                while (p > 0 && before(scores, off, j, out[p - 1])) { out[p] = out[p - 1]; p--; }
                out[p] = j;
            }
        }
        return n;
    }

    /**
     * Sorts ids[0..n) by decreasing score: insertion sort for the few ids of a few-hot row, a
     * packed-key sort beyond 32.
     */
    public static void sortByScore(float[] scores, int off, int[] ids, int n) {
        if (n > 32) {
            long[] keys = new long[n];
            // high half: the negated score key (best first), low half: the id (lower first)
            for (int i = 0; i < n; i++) keys[i] = ((long) ~sortKey(scores[off + ids[i]]) << 32) | ids[i];
            java.util.Arrays.sort(keys);
            for (int i = 0; i < n; i++) ids[i] = (int) keys[i];
            return;
        }
        for (int i = 1; i < n; i++) {
            int v = ids[i], p = i;
            while (p > 0 && before(scores, off, v, ids[p - 1])) { ids[p] = ids[p - 1]; p--; }
            ids[p] = v;
        }
    }
}
