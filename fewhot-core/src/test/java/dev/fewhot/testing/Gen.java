package dev.fewhot.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A generator of test inputs from a seeded random source, for the property tests
 * ({@link Properties#forAll}). Bounded numbers come with their edge cases: one draw in
 * {@value #EDGE_ODDS} is a bound, zero when inside the range, or the neighbour of a bound;
 * the others are uniform over the whole range at full precision.
 *
 * @param <T> what it generates
 */
@FunctionalInterface
public interface Gen<T> {
    /** One draw in this many is an edge case. */
    int EDGE_ODDS = 8;

    /** The next value. */
    T next(SplittableRandom r);

    default <U> Gen<U> map(Function<? super T, ? extends U> f) {
        return r -> f.apply(next(r));
    }

    default <U> Gen<U> flatMap(Function<? super T, Gen<U>> f) {
        return r -> f.apply(next(r)).next(r);
    }

    /** Lists of exactly {@code n} values. */
    default Gen<List<T>> list(int n) {
        return r -> {
            List<T> l = new ArrayList<>(n);
            for (int i = 0; i < n; i++) l.add(next(r));
            return l;
        };
    }

    static <T> Gen<T> just(T value) {
        return r -> value;
    }

    /** One of the values, each as likely. */
    @SafeVarargs
    static <T> Gen<T> of(T... values) {
        List<T> copy = List.of(values);
        return r -> copy.get(r.nextInt(copy.size()));
    }

    /** One of the enum's constants, each as likely. */
    static <E extends Enum<E>> Gen<E> of(Class<E> type) {
        return of(type.getEnumConstants());
    }

    /** A draw from one of the generators, each picked as often. */
    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        List<Gen<? extends T>> copy = List.of(gens);
        return r -> copy.get(r.nextInt(copy.size())).next(r);
    }

    /** A generator with its weight, for {@link #frequency}. */
    record Weighted<T>(int weight, Gen<? extends T> gen) {
        public Weighted {
            if (weight < 1) throw new IllegalArgumentException("weight must be >= 1, got " + weight);
        }
    }

    static <T> Weighted<T> weight(int weight, Gen<? extends T> gen) {
        return new Weighted<>(weight, gen);
    }

    /** A draw from one of the generators, picked in proportion to its weight. */
    @SafeVarargs
    static <T> Gen<T> frequency(Weighted<T>... gens) {
        List<Weighted<T>> copy = List.of(gens);
        int total = 0;
        for (Weighted<T> w : copy) total += w.weight();
        int sum = total;
        return r -> {
            int k = r.nextInt(sum);
            for (Weighted<T> w : copy) {
                if (k < w.weight()) return w.gen().next(r);
                k -= w.weight();
            }
            throw new AssertionError();
        };
    }

    /** Floats in [min, max] with the edge cases min, max, 0 (when inside) and the bounds' neighbours. */
    static Gen<Float> floats(float min, float max) {
        if (!(min <= max)) throw new IllegalArgumentException("min > max: " + min + ", " + max);
        float[] edges = min <= 0 && max >= 0
                ? new float[] {min, max, 0f, Math.nextUp(min), Math.nextDown(max)}
                : new float[] {min, max, Math.nextUp(min), Math.nextDown(max)};
        return r -> {
            if (r.nextInt(EDGE_ODDS) == 0) return Math.min(max, Math.max(min, edges[r.nextInt(edges.length)]));
            float v = (float) (min + r.nextDouble() * ((double) max - min));
            return Math.min(max, Math.max(min, v));
        };
    }

    /** Doubles in [min, max] with the edge cases min, max, 0 (when inside) and the bounds' neighbours. */
    static Gen<Double> doubles(double min, double max) {
        if (!(min <= max)) throw new IllegalArgumentException("min > max: " + min + ", " + max);
        double[] edges = min <= 0 && max >= 0
                ? new double[] {min, max, 0.0, Math.nextUp(min), Math.nextDown(max)}
                : new double[] {min, max, Math.nextUp(min), Math.nextDown(max)};
        return r -> {
            if (r.nextInt(EDGE_ODDS) == 0) return Math.min(max, Math.max(min, edges[r.nextInt(edges.length)]));
            return Math.min(max, Math.max(min, min + r.nextDouble() * (max - min)));
        };
    }

    /**
     * Any finite float: the edge cases 0, -0, +-1, +-Float.MIN_VALUE, +-Float.MAX_VALUE, else
     * equally often a uniform value in [-1e6, 1e6] or a float of random bits (any magnitude).
     */
    static Gen<Float> anyFloat() {
        float[] edges = {0f, -0f, 1f, -1f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE};
        return r -> {
            if (r.nextInt(EDGE_ODDS) == 0) return edges[r.nextInt(edges.length)];
            if (r.nextBoolean()) return (float) (r.nextDouble() * 2e6 - 1e6);
            while (true) {
                float v = Float.intBitsToFloat(r.nextInt());
                if (Float.isFinite(v)) return v;
            }
        };
    }

    /** Ints in [min, max] (both included), with min and max as edge cases. */
    static Gen<Integer> ints(int min, int max) {
        if (min > max) throw new IllegalArgumentException("min > max: " + min + ", " + max);
        return r -> {
            if (r.nextInt(EDGE_ODDS) == 0) return r.nextBoolean() ? min : max;
            return (int) (min + r.nextLong((long) max - min + 1));
        };
    }

    /** Any long, with 0, +-1 and the extremes as edge cases. */
    static Gen<Long> longs() {
        long[] edges = {0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE};
        return r -> r.nextInt(EDGE_ODDS) == 0 ? edges[r.nextInt(edges.length)] : r.nextLong();
    }

    static Gen<Boolean> booleans() {
        return SplittableRandom::nextBoolean;
    }

    /** Int arrays of a length in [minSize, maxSize] (edge cases: both), elements from {@code elements}. */
    static Gen<int[]> intArrays(Gen<Integer> elements, int minSize, int maxSize) {
        Gen<Integer> sizes = ints(minSize, maxSize);
        return r -> {
            int[] a = new int[sizes.next(r)];
            for (int i = 0; i < a.length; i++) a[i] = elements.next(r);
            return a;
        };
    }
}
