package dev.fewhot.metrics;

import dev.fewhot.data.LabelSets;
import java.util.Arrays;

/** Helpers to build test inputs: dense 0/1 truth to {@link LabelSets}, and back. */
final class MetricCase {
    private MetricCase() { }

    static LabelSets truth(int[][] y, int labels) {
        int n = y.length;
        int[] ptr = new int[n + 1];
        int[] ids = new int[n * labels];
        int at = 0;
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < labels; j++) if (y[r][j] != 0) ids[at++] = j;
            ptr[r + 1] = at;
        }
        return new LabelSets(n, labels, ptr, Arrays.copyOf(ids, at), null);
    }

    static int[][] dense(LabelSets t) {
        int[][] y = new int[t.rows()][t.numLabels()];
        for (int r = 0; r < t.rows(); r++) for (int k = t.indptr()[r]; k < t.indptr()[r + 1]; k++) y[r][t.labels()[k]] = 1;
        return y;
    }

    static float[] flat(double[][] s) {
        int n = s.length, L = n == 0 ? 0 : s[0].length;
        float[] out = new float[n * L];
        for (int r = 0; r < n; r++) for (int j = 0; j < L; j++) out[r * L + j] = (float) s[r][j];
        return out;
    }
}
