package dev.fewhot.decide;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fewhot.data.LabelSets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BlendTest {
    @Test
    void measuresByHand() {
        // scores: row 0 (0.9, 0.1), row 1 (0.8, 0.7); truth: row 0 {0}, row 1 {1}
        float[] s = {0.9f, 0.1f, 0.8f, 0.7f};
        LabelSets y = LabelSets.of(2, new int[] {0}, new int[] {1});
        assertEquals(0.5, Blend.precisionAt1(s, y), 0);
        // thresholds 0.9: 2/3; 0.8: 2/4; 0.7: 4/5; 0.1: 4/6 -> 0.8
        assertEquals(0.8, ThresholdTuning.bestMicroF1(s, y), 1e-12);
        assertEquals(0, ThresholdTuning.bestMicroF1(s, LabelSets.of(2, new int[0], new int[0])), 0);
    }

    @Test
    void tiedScoresEnterTogether() {
        // both entries of 0.5: one positive, one negative; no threshold separates them
        float[] s = {0.5f, 0.5f};
        LabelSets y = LabelSets.of(2, new int[] {0});
        assertEquals(2.0 / 3, ThresholdTuning.bestMicroF1(s, y), 1e-12);
    }

    @Test
    void mixWeighsTheNetworks() {
        assertArrayEquals(new float[] {0.75f, 0.25f}, Blend.mix(new float[] {1, 0}, new float[] {0, 1}, 0.75), 0f);
    }

    @Test
    void choosesTheForestOnlyWhenItHelps() {
        int n = 100, L = 3;
        SplittableRandom r = new SplittableRandom(1);
        int[][] rows = new int[n][];
        float[] perfect = new float[n * L], random = new float[n * L];
        for (int i = 0; i < n; i++) {
            int label = r.nextInt(L);
            rows[i] = new int[] {label};
            for (int l = 0; l < L; l++) {
                perfect[i * L + l] = l == label ? 0.9f : 0.1f;
                random[i * L + l] = (float) r.nextDouble();
            }
        }
        LabelSets y = LabelSets.of(L, rows);
        // a perfect forest: 0.25 and 0 both separate every row; the tie keeps the larger networks' share
        assertEquals(0.25, Blend.choose(random, perfect, y).share(), 0, "a perfect forest beside random networks");
        assertEquals(1.0, Blend.choose(perfect, random, y).share(), 0, "perfect networks beside a random forest");
        assertEquals(1.0, Blend.choose(random, random, y).share(), 0, "a tie keeps the networks alone");
        assertEquals(Blend.SHARES.length, Blend.choose(random, random, y).criteria().length);
    }
}
