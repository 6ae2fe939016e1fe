package dev.fewhot.testing;

import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Seeded property checks: a property runs on {@code tries} inputs drawn from a generator. The
 * seed is fixed per property (from the test's class and method names), so a run is repeatable;
 * {@code -Dfewhot.propertySeed=S} draws other inputs. A failure names the try, the seed and the
 * input. No shrinking: the generators keep inputs small (a few rows and labels).
 */
public final class Properties {
    private Properties() { }

    /** Checks {@code property} on {@code tries} inputs from {@code gen}. */
    public static <T> void forAll(int tries, Gen<T> gen, Consumer<? super T> property) {
        StackWalker.StackFrame caller = StackWalker.getInstance().walk(s -> s
                .filter(f -> !f.getClassName().equals(Properties.class.getName())).findFirst().orElseThrow());
        String name = caller.getClassName() + "#" + caller.getMethodName();
        String given = System.getProperty("fewhot.propertySeed");
        long seed = given != null && !given.isBlank() ? Long.parseLong(given.trim()) : name.hashCode() * 0x9E3779B97F4A7C15L;
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < tries; i++) {
            T input = gen.next(r);
            try {
                property.accept(input);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(name + " failed on try " + (i + 1) + " of " + tries + " (seed " + seed
                        + ", -Dfewhot.propertySeed=" + seed + " repeats the run) with input " + describe(input) + ": " + e.getMessage(), e);
            }
        }
    }

    private static String describe(Object input) {
        if (input instanceof int[] a) return java.util.Arrays.toString(a);
        if (input instanceof float[] a) return java.util.Arrays.toString(a);
        if (input instanceof Object[] a) return java.util.Arrays.deepToString(a);
        return String.valueOf(input);
    }
}
