package dev.fewhot.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A program that uses the library in a JVM without {@code --add-modules jdk.incubator.vector}
 * gets an IllegalStateException with one line naming the flag, not a NoClassDefFoundError: a
 * forked JVM (this JVM's java, the test classpath, no flag) runs {@link NoVectorApiMain}.
 */
class NoVectorApiTest {
    @Test
    void entryPointsNameTheMissingFlag() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                NoVectorApiMain.class.getName());
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.redirectErrorStream(false);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the forked JVM did not finish");
        assertEquals(0, p.exitValue(), err);
        List<String> lines = new String(out, StandardCharsets.UTF_8).lines().toList();
        assertEquals(2, lines.size(), String.join("\n", lines) + err);
        for (String line : lines) {
            assertTrue(line.matches("(loss|trainer) ISE .*"), line);
            assertTrue(line.contains("start the JVM with --add-modules jdk.incubator.vector"), line);
        }
    }
}
