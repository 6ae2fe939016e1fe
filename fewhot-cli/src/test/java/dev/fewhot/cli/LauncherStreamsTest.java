package dev.fewhot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code fewhot} launcher script keeps the JVM's streams apart: stdout carries the results
 * alone, stderr every message, minus the JDK's incubator warning line. The script runs beside a
 * stand-in {@code java} (first on the PATH) that writes known lines to each stream, so the test
 * checks the plumbing without building the jar. (CI runs the real launcher too.)
 */
class LauncherStreamsTest {
    @TempDir Path tmp;

    record Run(int code, String out, String err) { }

    Run launch(String fakeJavaBody) throws IOException, InterruptedException {
        return launch(fakeJavaBody, null, null);
    }

    Run launch(String fakeJavaBody, Path javaHome) throws IOException, InterruptedException {
        return launch(fakeJavaBody, javaHome, null);
    }

    /**
     * As {@link #launch(String)}; {@code javaHome} (when not null) is JAVA_HOME, else JAVA_HOME is
     * unset; {@code jdkDirs} is FEWHOT_JDK_DIRS, the folders searched for installed JDKs (null: none,
     * so that the machine's own JDKs stay out of the test).
     */
    Run launch(String fakeJavaBody, Path javaHome, Path jdkDirs) throws IOException, InterruptedException {
        Path launcher = Path.of(System.getProperty("fewhot.root", ".")).resolve("fewhot");
        assumeTrue(Files.isRegularFile(launcher), "no launcher script at " + launcher);
        Path bash = Path.of("/bin/bash");
        if (!Files.isExecutable(bash)) {
            System.out.println("LauncherStreamsTest skipped: no /bin/bash to run the launcher script with");
            assumeTrue(false, "no /bin/bash");
        }
        Path root = Files.createTempDirectory(tmp, "checkout");
        Files.copy(launcher, root.resolve("fewhot"));
        Path target = Files.createDirectories(root.resolve("fewhot-cli/target"));
        Files.createFile(target.resolve("fewhot-cli.jar"));
        Files.createFile(target.resolve(".fewhot-build.stamp")); // up to date: no build
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/bash\n" + fakeJavaBody);
        assumeTrue(java.toFile().setExecutable(true), "cannot make the stand-in java executable");
        ProcessBuilder pb = new ProcessBuilder(bash.toString(), root.resolve("fewhot").toString(), "stats", "x");
        if (javaHome == null) pb.environment().remove("JAVA_HOME"); // the stand-in on the PATH is the Java to run
        else pb.environment().put("JAVA_HOME", javaHome.toString());
        pb.environment().put("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().put("FEWHOT_JDK_DIRS", jdkDirs == null ? "" : jdkDirs.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(true, p.waitFor(30, TimeUnit.SECONDS), "the launcher did not finish");
        return new Run(p.exitValue(), out, new String(err.join(), StandardCharsets.UTF_8));
    }

    @Test
    void stderrStaysOffStdout() throws Exception {
        Run r = launch("echo 'WARNING: Using incubator modules: jdk.incubator.vector' >&2\n"
                + "echo '0:0.900000 3:0.700000'\n"
                + "echo 'fewhot: skipped 1 malformed line of x:' >&2\n"
                + "echo '#skipped line 2'\n"
                + "printf 'progress 50%%\\r' >&2\n"
                + "echo 'fewhot: done' >&2\n"
                + "exit 3\n");
        assertEquals(3, r.code());
        assertEquals("0:0.900000 3:0.700000\n#skipped line 2\n", r.out());
        assertEquals("fewhot: skipped 1 malformed line of x:\nprogress 50%\rfewhot: done\n", r.err());
    }

    @Test
    void aFirstStderrLineThatIsNotTheWarningIsKept() throws Exception {
        Run r = launch("echo 'fewhot: no such file or folder: x' >&2\nexit 2\n");
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertEquals("fewhot: no such file or folder: x\n", r.err());
        // an unterminated last message is not lost either
        r = launch("printf 'fewhot: cut' >&2\nexit 2\n");
        assertEquals("", r.out());
        assertEquals("fewhot: cut", r.err());
    }

    /** A JDK home whose bin/java echoes {@code says} and whose release file names {@code version}. */
    private Path jdkHome(String version, String says) throws IOException {
        return jdkHome(Files.createTempDirectory(tmp, "jdk"), version, says);
    }

    private Path jdkHome(Path home, String version, String says) throws IOException {
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/bash\necho '" + says + "'\n");
        assumeTrue(java.toFile().setExecutable(true), "cannot make the stand-in java executable");
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        return home;
    }

    @Test
    void javaHomesJavaRunsWhenItIs17OrNewerElseOneLineAndExit2() throws Exception {
        Run r = launch("echo 'path java'\n", jdkHome("17.0.15", "home java"));
        assertEquals(0, r.code(), r.err());
        assertEquals("home java\n", r.out(), "JAVA_HOME's java runs, not the PATH's");
        r = launch("echo 'path java'\n", jdkHome("11.0.2", "home java"));
        assertEquals(2, r.code());
        assertEquals("", r.out(), "neither Java runs");
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("fewhot: needs Java 17 or newer, found Java 11 at "), r.err());
    }

    @Test
    void withoutJavaHomeTheNewestInstalledJdkRunsAndSaysSo() throws Exception {
        Path dirs = Files.createTempDirectory(tmp, "jvm");
        jdkHome(dirs.resolve("jdk-21"), "21.0.4", "java 21");
        jdkHome(dirs.resolve("jdk-25"), "25.0.1", "java 25");
        jdkHome(dirs.resolve("jdk-11"), "11.0.2", "java 11");
        Run r = launch("echo 'path java'\n", null, dirs);
        assertEquals(0, r.code(), r.err());
        assertEquals("java 25\n", r.out(), "the newest installed JDK runs");
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("fewhot: running on Java 25 (" + dirs.resolve("jdk-25")), r.err());
        // JAVA_HOME still chooses, older or not
        r = launch("echo 'path java'\n", jdkHome("17.0.15", "home java"), dirs);
        assertEquals("home java\n", r.out());
        assertEquals("", r.err());
        // installed JDKs older than 17 are passed over: the PATH's runs, and nothing is said
        Path old = Files.createTempDirectory(tmp, "jvm-old");
        jdkHome(old.resolve("jdk-11"), "11.0.2", "java 11");
        r = launch("echo 'path java'\n", null, old);
        assertEquals("path java\n", r.out());
        assertEquals("", r.err());
    }
}
