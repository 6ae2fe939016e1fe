package dev.fewhot.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The property-test generators stay in their ranges, hit their edge cases, and repeat per seed. */
class GenTest {
    @Test
    void boundedNumbersStayInRangeAndHitTheirEdges() {
        SplittableRandom r = new SplittableRandom(1);
        Gen<Float> f = Gen.floats(-8f, 8f);
        Gen<Integer> i = Gen.ints(1, 4);
        Set<Float> seen = new HashSet<>();
        Set<Integer> ints = new HashSet<>();
        int inside = 0;
        for (int k = 0; k < 4000; k++) {
            float v = f.next(r);
            assertTrue(v >= -8f && v <= 8f, "float " + v);
            seen.add(v);
            if (v > -7.9f && v < 7.9f && v != 0f) inside++;
            int n = i.next(r);
            assertTrue(n >= 1 && n <= 4, "int " + n);
            ints.add(n);
            double d = Gen.doubles(0, 0.3).next(r);
            assertTrue(d >= 0 && d <= 0.3, "double " + d);
        }
        for (float e : new float[] {-8f, 8f, 0f, Math.nextUp(-8f), Math.nextDown(8f)}) assertTrue(seen.contains(e), "edge " + e);
        assertEquals(Set.of(1, 2, 3, 4), ints);
        assertTrue(inside > 3000, "most draws are inside the range: " + inside);
        assertThrows(IllegalArgumentException.class, () -> Gen.floats(1f, 0f));
    }

    @Test
    void frequencyFollowsTheWeightsAndAnyFloatIsFinite() {
        SplittableRandom r = new SplittableRandom(2);
        Gen<String> g = Gen.frequency(Gen.weight(3, Gen.just("a")), Gen.weight(1, Gen.just("b")));
        int a = 0;
        for (int k = 0; k < 8000; k++) if (g.next(r).equals("a")) a++;
        assertEquals(6000, a, 200);
        boolean huge = false;
        for (int k = 0; k < 2000; k++) {
            float v = Gen.anyFloat().next(r);
            assertTrue(Float.isFinite(v));
            huge |= Math.abs(v) > 1e30f;
        }
        assertTrue(huge, "any float reaches large magnitudes");
    }

    @Test
    void theSameSeedGivesTheSameInputs() {
        Gen<int[]> g = Gen.intArrays(Gen.ints(0, 5000), 1, 12);
        SplittableRandom a = new SplittableRandom(7), b = new SplittableRandom(7);
        for (int k = 0; k < 100; k++) {
            int[] x = g.next(a), y = g.next(b);
            assertTrue(java.util.Arrays.equals(x, y));
            assertTrue(x.length >= 1 && x.length <= 12);
        }
    }

    @Test
    void aFailureNamesTheTryTheSeedAndTheInput() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> Properties.forAll(50, Gen.ints(0, 9), v -> assertTrue(v < 9, "too big")));
        assertTrue(e.getMessage().contains("-Dfewhot.propertySeed=") && e.getMessage().contains("with input 9: too big"),
                e.getMessage());
        // an array input is shown by its elements
        e = assertThrows(AssertionError.class,
                () -> Properties.forAll(5, Gen.just(new int[] {3, 1}), v -> assertTrue(v[0] < v[1], "unsorted")));
        assertTrue(e.getMessage().contains("with input [3, 1]: unsorted"), e.getMessage());
    }
}
