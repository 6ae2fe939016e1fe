package dev.fewhot.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The public data sets for the CLI tests: {@code ../shared/data} beside the project when it is
 * there, else the small sets the repository carries (fewhot-core's test resources, {@code data/},
 * gzipped), unpacked under target/; a test that needs a set neither has is skipped, saying so.
 */
final class SharedDataFiles {
    private SharedDataFiles() { }

    static Path path(String relative, String test) {
        Path root = Path.of(System.getProperty("fewhot.root", "."));
        Path p = root.resolve("../shared/data").resolve(relative).normalize();
        if (Files.isRegularFile(p)) return p;
        Path bundledDir = root.resolve("fewhot-core/src/test/resources/data").resolve(relative).getParent();
        if (Files.isDirectory(bundledDir)) {
            Path to = Path.of("target", "bundled-data").resolve(relative).getParent().toAbsolutePath();
            unpack(bundledDir, to);
            Path q = to.resolve(p.getFileName());
            if (Files.isRegularFile(q)) return q;
        }
        System.out.println("SKIPPED " + test + ": needs the data set file " + relative + " from the shared data folder, "
                + "not found at " + p + " (the public data sets are not part of the repository)");
        assumeTrue(false, "shared data not found: " + p);
        return p;
    }

    private static synchronized void unpack(Path from, Path to) {
        try (Stream<Path> files = Files.list(from)) {
            Files.createDirectories(to);
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                Path dest = to.resolve(name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name);
                if (Files.exists(dest)) continue;
                Path tmp = Files.createTempFile(to, name, ".part");
                try (InputStream in = name.endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(f)) : Files.newInputStream(f)) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the bundled data in " + from, e);
        }
    }
}
