package dev.fewhot.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * All vector code in the main sources uses the one float species of {@code Simd.floats()}. A
 * second float species in the same JVM (a half-width load, a hard-coded {@code SPECIES_PREFERRED}
 * under a forced width) shares the JDK's FloatVector methods and their type profiles with the GEMM
 * micro-kernels; its interpreter-path conversions once put a second receiver class into those
 * profiles, and in 2 of 31 JVMs the micro-kernel's vector stores were then compiled as
 * calls, for a 17-fold slower training.
 */
class OneFloatSpeciesTest {
    /** Names a float species: a FloatVector species constant, or VectorSpecies.of(float.class, ...). */
    private static final Pattern FLOAT_SPECIES =
            Pattern.compile("FloatVector\\s*\\.\\s*SPECIES_\\w+|VectorSpecies\\s*\\.\\s*of\\s*\\(\\s*float\\.class");

    @Test
    void onlySimdNamesAFloatSpecies() throws IOException {
        String root = System.getProperty("fewhot.root");
        Path base = root == null || root.isBlank() ? Path.of("..") : Path.of(root);
        List<String> found = new ArrayList<>();
        int files = 0;
        for (String module : List.of("fewhot-kernels", "fewhot-core", "fewhot-cli", "fewhot-spark")) {
            Path src = base.resolve(module).resolve("src/main/java");
            assertTrue(Files.isDirectory(src), "main sources of " + module + " at " + src.toAbsolutePath());
            try (Stream<Path> walk = Files.walk(src)) {
                for (Path f : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
                    files++;
                    if (f.getFileName().toString().equals("Simd.java")) continue;
                    String[] lines = Files.readString(f).split("\n", -1);
                    for (int i = 0; i < lines.length; i++) {
                        Matcher m = FLOAT_SPECIES.matcher(lines[i]);
                        if (m.find()) found.add(base.relativize(f) + ":" + (i + 1) + ": " + m.group());
                    }
                }
            }
        }
        assertTrue(files > 50, "scanned only " + files + " source files");
        assertEquals(List.of(), found, "float species named outside Simd (use Simd.floats())");
    }

    @Test
    void thePatternFindsTheFormsItIsFor() {
        assertTrue(FLOAT_SPECIES.matcher("VectorSpecies.of(float.class, VectorShape.forBitSize(256))").find());
        assertTrue(FLOAT_SPECIES.matcher("static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;").find());
        assertTrue(!FLOAT_SPECIES.matcher("VectorSpecies.of(byte.class, VectorShape.forBitSize(128))").find());
    }
}
