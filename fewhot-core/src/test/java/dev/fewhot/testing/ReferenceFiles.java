package dev.fewhot.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Locates a reference file for a parity test: {@code -D<property>=PATH} when given (a relative
 * path is resolved against the current directory, then against {@code fewhot.root}), else the
 * copy the repository carries in the test resources. A missing file fails the test.
 */
public final class ReferenceFiles {
    private ReferenceFiles() { }

    /**
     * @param property system property naming the file
     * @param resource the bundled copy, a test-classpath resource (e.g. "/golden/loss_vectors.packed.gz")
     * @param what     what the file is, for messages
     */
    public static Path resolve(String property, String resource, String what) {
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
        return bundled(resource, what);
    }

    /** The test resource {@code resource} as a file. */
    public static Path bundled(String resource, String what) {
        URL url = ReferenceFiles.class.getResource(resource);
        if (url == null) fail(what + ": the bundled copy " + resource + " is not on the test classpath (or set a -D path)");
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException | java.nio.file.FileSystemNotFoundException e) {
            throw new IllegalStateException(what + ": " + url + " is not a file", e);
        }
    }
}
