package dev.fewhot.kernels;

/**
 * The check every kernel class makes before it first touches the Vector API: the API is the
 * JDK's incubator module {@code jdk.incubator.vector}, which a JVM only resolves when told to
 * ({@code --add-modules jdk.incubator.vector}). Without it the first kernel call would die with
 * a {@link NoClassDefFoundError} naming a vector class; with the check it fails with an
 * {@link IllegalStateException} whose one-line message names the missing flag.
 */
public final class VectorSupport {
    /** The JVM option that makes the Vector API available. */
    public static final String JVM_FLAG = "--add-modules jdk.incubator.vector";

    private static final boolean AVAILABLE = probe();

    private VectorSupport() { }

    private static boolean probe() {
        try {
            Class.forName("jdk.incubator.vector.FloatVector", false, VectorSupport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** True when the JVM has the Vector API module. */
    public static boolean available() {
        return AVAILABLE;
    }

    /**
     * Returns normally when the Vector API is available.
     *
     * @throws IllegalStateException when it is not, naming the missing JVM option
     */
    public static void check() {
        if (!AVAILABLE) {
            throw new IllegalStateException("fewhot's kernels need the JDK's Vector API: start the JVM with "
                    + JVM_FLAG + " (on the java command line, in JDK_JAVA_OPTIONS, or in the test runner's argLine)");
        }
    }
}
