package dev.fewhot.decide;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RankingTest {
    @Test
    void topKBreaksTiesByLowerId() {
        float[] s = {0.5f, 0.9f, 0.5f, 0.1f, 0.9f};
        int[] out = new int[3];
        assertEquals(3, Ranking.topK(s, 0, 5, 3, out));
        assertArrayEquals(new int[] {1, 4, 0}, out);
    }

    @Test
    void sortByScoreAgreesWithAFullSortForSmallAndLargeSets() {
        SplittableRandom r = new SplittableRandom(5);
        for (int n : new int[] {3, 31, 33, 500}) {
            float[] s = new float[n];
            for (int i = 0; i < n; i++) s[i] = r.nextInt(4) == 0 ? 0.25f : (float) r.nextDouble() * 2 - 1;
            s[0] = -0f;
            s[1] = 0f;
            int[] ids = new int[n];
            for (int i = 0; i < n; i++) ids[i] = n - 1 - i;
            Ranking.sortByScore(s, 0, ids, n);
            Integer[] ref = new Integer[n];
            for (int i = 0; i < n; i++) ref[i] = i;
            Arrays.sort(ref, (a, b) -> s[a] != s[b] ? Float.compare(s[b] + 0f, s[a] + 0f) : Integer.compare(a, b));
            for (int i = 0; i < n; i++) assertEquals(ref[i].intValue(), ids[i], "n=" + n + " position " + i);
        }
    }

    @Test
    void thresholdRuleSortsByScore() {
        float[] s = {0.6f, 0.2f, 0.95f, 0.5f};
        int[] out = new int[4];
        int n = new DecisionRule.Threshold(0.5).decide(s, 0, 4, out);
        assertEquals(3, n);
        assertArrayEquals(new int[] {2, 0, 3}, Arrays.copyOf(out, 3));
    }
}
