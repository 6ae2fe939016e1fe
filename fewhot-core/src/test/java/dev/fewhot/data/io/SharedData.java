package dev.fewhot.data.io;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared data sets in {@code ../shared/data} next to the project root (system property fewhot.root). */
final class SharedData {
    private SharedData() { }

    /** The data file at {@code relative}; skips the test when the shared data folder is absent. */
    static Path path(String relative) {
        String root = System.getProperty("fewhot.root", ".");
        Path p = Path.of(root).resolve("../shared/data").resolve(relative).normalize();
        assumeTrue(Files.isRegularFile(p), "shared data not found: " + p);
        return p;
    }
}
