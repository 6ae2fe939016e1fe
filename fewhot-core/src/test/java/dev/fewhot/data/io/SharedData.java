package dev.fewhot.data.io;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The public data sets in {@code ../shared/data} next to the project root (system property
 * fewhot.root), which the repository does not carry (about 21 MB). Without them the tests that
 * read them are skipped, each saying so on the console.
 */
final class SharedData {
    private SharedData() { }

    /** The folder of the shared data sets (it may not exist). */
    static Path root() {
        return Path.of(System.getProperty("fewhot.root", ".")).resolve("../shared/data").normalize();
    }

    /** The data file at {@code relative}; skips the calling test, saying why, when it is absent. */
    static Path path(String relative) {
        Path p = root().resolve(relative).normalize();
        require(Files.isRegularFile(p), "the data set file " + relative, p);
        return p;
    }

    /** Skips the calling test with a console line naming it, what it needs and where it looked, unless {@code present}. */
    static void require(boolean present, String what, Path where) {
        if (!present) {
            StackWalker.StackFrame caller = StackWalker.getInstance().walk(s -> s
                    .filter(f -> !f.getClassName().equals(SharedData.class.getName())).findFirst().orElseThrow());
            System.out.println("SKIPPED " + caller.getClassName().substring(caller.getClassName().lastIndexOf('.') + 1)
                    + "." + caller.getMethodName() + ": needs " + what + " from the shared data folder, not found at " + where
                    + " (the public data sets are not part of the repository)");
        }
        assumeTrue(present, "shared data not found: " + where);
    }
}
