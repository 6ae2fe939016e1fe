package dev.fewhot.kernels;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * Choices timed on this machine and kept on disk, so that later runs on the same machine and JVM
 * take them without timing again (and so run the same code whatever the machine's load then):
 * the register block ({@link KernelChoice}) and the GEMM back-end of {@code --blas auto}. One
 * plain-text file per kind of choice, one {@code key=value} line per machine, JVM and shape;
 * delete a file (or a line) to time again.
 */
public final class KernelCache {
    private KernelCache() { }

    /**
     * System property naming the folder of kept choices; {@code off} keeps nothing. Default:
     * {@code $XDG_CACHE_HOME/fewhot}, else {@code ~/.cache/fewhot}.
     */
    public static final String PROPERTY = "fewhot.cache.dir";

    /**
     * The file {@code name} in the folder of kept choices.
     *
     * @param name the file's name
     * @return the file, or null when keeping is off or there is no home folder
     */
    public static Path file(String name) {
        String dir = System.getProperty(PROPERTY);
        if (dir != null && dir.strip().equalsIgnoreCase("off")) return null;
        if (dir == null || dir.isBlank()) {
            String xdg = System.getenv("XDG_CACHE_HOME");
            if (xdg != null && !xdg.isBlank()) {
                dir = Path.of(xdg, "fewhot").toString();
            } else {
                String home = System.getProperty("user.home");
                if (home == null || home.isBlank()) return null;
                dir = Path.of(home, ".cache", "fewhot").toString();
            }
        }
        return Path.of(dir, name);
    }

    /**
     * What every kept choice depends on: the CPU model, the architecture, the cores, the JVM and
     * the vector width. No '=' or line break (the file's separators).
     *
     * @return e.g. {@code cpu:AMD EPYC 7R13 Processor|arch:amd64|cores:2|jvm:17.0.15+6|bits:256}
     */
    public static String machineKey() {
        return clean("cpu:" + cpuModel() + "|arch:" + System.getProperty("os.arch") + "|cores:"
                + Runtime.getRuntime().availableProcessors() + "|jvm:" + System.getProperty("java.vm.version")
                + "|bits:" + Simd.bits());
    }

    /** @return {@code s} without the file's separators ('=' and line breaks) */
    public static String clean(String s) {
        return s.replace('=', ':').replace('\n', ' ').replace('\r', ' ');
    }

    /** The CPU's model name from /proc/cpuinfo, or "unknown" where there is none. */
    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.ISO_8859_1)) {
                if (line.startsWith("model name") || line.startsWith("Model") || line.startsWith("CPU part")) {
                    int c = line.indexOf(':');
                    if (c > 0) return line.substring(c + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: the rest of the key still tells machines apart less well
        }
        return "unknown";
    }

    /**
     * The kept choices of a file, key to value.
     *
     * @param file the file ({@link #file}); null reads nothing
     * @return the choices; empty when the file is missing or unreadable
     */
    public static Map<String, String> read(Path file) {
        Map<String, String> m = new TreeMap<>();
        if (file == null) return m;
        try {
            if (!Files.isRegularFile(file)) return m;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int eq = line.lastIndexOf('=');
                if (eq > 0 && !line.startsWith("#")) m.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        } catch (IOException | RuntimeException e) {
            m.clear(); // unreadable: time again
        }
        return m;
    }

    /**
     * Adds or replaces one choice (the file read again, then written to a temporary file and
     * moved over it). A failure keeps nothing: the choice is timed again next time.
     *
     * @param file   the file; null keeps nothing
     * @param header the file's first line, without the {@code #}
     * @param key    the choice's key (cleaned of separators)
     * @param value  the choice
     */
    public static void keep(Path file, String header, String key, String value) {
        if (file == null) return;
        try {
            Files.createDirectories(file.getParent());
            // read again, not a map read before timing: another run may have kept a line since
            Map<String, String> m = read(file);
            m.put(clean(key), clean(value));
            StringBuilder out = new StringBuilder("# ").append(clean(header)).append('\n');
            m.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try {
                Files.writeString(tmp, out, StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException | RuntimeException e) {
            // a read-only home or a full disk: timed again next time
        }
    }
}
