package dev.fewhot.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Locates a shared reference file for a parity test: {@code -D<property>=PATH} when given (a
 * relative path is resolved against the current directory, then against {@code fewhot.root}), else
 * {@code <fewhot.root>/<defaultPath>}. A missing file fails the test.
 */
public final class ReferenceFiles {
    private ReferenceFiles() { }

    /**
     * @param property    system property naming the file
     * @param defaultPath path relative to {@code fewhot.root} used without the property
     * @param what        what the file is, for messages
     */
    public static Path resolve(String property, String defaultPath, String what) {
        String root = System.getProperty("fewhot.root");
        String given = System.getProperty(property);
        if (given != null && !given.isBlank()) {
            Path p = Path.of(given);
            if (p.isAbsolute()) {
                if (!Files.isRegularFile(p)) fail(what + " file " + p + " (from -D" + property + ") does not exist");
                return p;
            }
            List<Path> tried = new ArrayList<>();
            tried.add(Path.of(System.getProperty("user.dir")).resolve(p).normalize());
            if (root != null && !root.isBlank()) tried.add(Path.of(root).resolve(p).normalize());
            for (Path t : tried) if (Files.isRegularFile(t)) return t;
            fail(what + " file '" + given + "' (from -D" + property + ") not found; tried " + tried);
        }
        if (root == null || root.isBlank()) {
            fail("system property fewhot.root is not set (surefire sets it to the project root); "
                    + "or pass -D" + property + "=PATH");
        }
        Path p = Path.of(root).resolve(defaultPath).normalize();
        if (!Files.isRegularFile(p)) fail(what + " not found at " + p + " (set -D" + property + "=PATH)");
        return p;
    }
}
