package dev.fewhot.data.io;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The public data sets in {@code ../shared/data} next to the project root (system property
 * fewhot.root), about 21 MB, which the repository does not carry but for the small ones in the
 * test resources ({@code data/}, gzipped; see its README). Without the shared folder a test
 * uses a bundled copy when there is one, else it is skipped, saying so on the console.
 */
final class SharedData {
    private SharedData() { }

    /** The folder of the shared data sets (it may not exist). */
    static Path root() {
        return Path.of(System.getProperty("fewhot.root", ".")).resolve("../shared/data").normalize();
    }

    /**
     * The data file at {@code relative}: in the shared folder, else the bundled copy (its whole
     * folder unpacked under target/, so that a labels XML file sits beside it); skips the calling
     * test, saying why, when neither has it.
     */
    static Path path(String relative) {
        Path p = root().resolve(relative).normalize();
        if (Files.isRegularFile(p)) return p;
        Path bundled = bundled(relative);
        if (bundled != null) return bundled;
        require(false, "the data set file " + relative, p);
        return p;
    }

    /** The bundled copy of {@code relative}, unpacked, or null when the resources have none. */
    static synchronized Path bundled(String relative) {
        java.net.URL dir = SharedData.class.getResource("/data/" + relative.substring(0, relative.lastIndexOf('/') + 1));
        if (dir == null || !"file".equals(dir.getProtocol())) return null;
        try {
            Path from = Path.of(dir.toURI());
            Path to = Path.of("target", "bundled-data").resolve(relative).getParent().toAbsolutePath();
            Files.createDirectories(to);
            try (java.util.stream.Stream<Path> files = Files.list(from)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    String name = f.getFileName().toString();
                    Path dest = to.resolve(name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name);
                    if (Files.exists(dest)) continue;
                    Path tmp = Files.createTempFile(to, name, ".part");
                    try (java.io.InputStream in = name.endsWith(".gz")
                            ? new java.util.zip.GZIPInputStream(Files.newInputStream(f)) : Files.newInputStream(f)) {
                        Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                    Files.move(tmp, dest, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                }
            }
            Path p = to.resolve(relative.substring(relative.lastIndexOf('/') + 1));
            return Files.isRegularFile(p) ? p : null;
        } catch (java.io.IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot unpack the bundled copy of " + relative, e);
        }
    }

    /** True when the frame is a JUnit test method (not a helper it calls). */
    private static boolean isTest(StackWalker.StackFrame f) {
        try {
            return f.getDeclaringClass().getDeclaredMethod(f.getMethodName(), f.getMethodType().parameterArray())
                    .isAnnotationPresent(org.junit.jupiter.api.Test.class);
        } catch (NoSuchMethodException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** Skips the calling test with a console line naming it, what it needs and where it looked, unless {@code present}. */
    static void require(boolean present, String what, Path where) {
        if (!present) {
            StackWalker.StackFrame caller = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(s -> s
                    .filter(SharedData::isTest).findFirst()).orElseGet(() -> StackWalker.getInstance().walk(s -> s
                    .filter(f -> !f.getClassName().equals(SharedData.class.getName())).findFirst().orElseThrow()));
            System.out.println("SKIPPED " + caller.getClassName().substring(caller.getClassName().lastIndexOf('.') + 1)
                    + "." + caller.getMethodName() + ": needs " + what + " from the shared data folder, not found at " + where
                    + " (the public data sets are not part of the repository)");
        }
        assumeTrue(present, "shared data not found: " + where);
    }
}
