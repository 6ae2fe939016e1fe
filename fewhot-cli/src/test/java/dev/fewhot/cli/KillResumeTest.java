package dev.fewhot.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.fewhot.train.CheckpointFile;
import dev.fewhot.train.TrainingState;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills {@code fewhot train} with SIGKILL at random moments (many of them inside checkpoint
 * writes: a checkpoint after every batch), resumes until it finishes, and checks that the final
 * model file is byte-identical to an uninterrupted run's. Runs rounds until at least
 * {@link #MIN_KILLS} kills landed. Writes its figures to {@code target/kill-test.txt}.
 */
class KillResumeTest {
    static final int MIN_KILLS = 12;
    static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(75);

    @TempDir Path dir;

    private List<String> trainArgs(Path train, Path model) {
        return List.of("train", "--train", train.toString(), "--model", model.toString(), "--hidden", "32", "--dropout", "0.1",
                "--epochs", "12", "--batch", "16", "--lr", "0.01", "--seed", "5", "--threads", "2", "--valid-split", "0.2",
                "--patience", "50", "--loss", "focal");
    }

    @Test
    void killedAndResumedRunsEndWithTheSameModelBytes() throws Exception {
        CliRunner.Result g = CliRunner.run("gen", "--out-dir", dir.toString(), "--train-rows", "400", "--test-rows", "10",
                "--labels", "30", "--features", "20");
        assertEquals(0, g.code(), g.err());
        Path train = dir.resolve("fewhot_train.txt");
        Path ref = dir.resolve("ref.fewhot");
        CliRunner.Result r = CliRunner.run(trainArgs(train, ref).toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        byte[] expected = Files.readAllBytes(ref);

        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        long t0 = System.nanoTime();
        int kills = 0, killsInWrite = 0, launches = 0, rounds = 0, checkpointsVerified = 0, resumes = 0;
        List<Long> killDelays = new ArrayList<>();
        while (kills < MIN_KILLS) {
            rounds++;
            Path ck = dir.resolve("ck" + rounds);
            Path model = dir.resolve("m" + rounds + ".fewhot");
            Path log = dir.resolve("stderr" + rounds + ".txt");
            boolean finished = false;
            while (!finished) {
                if (System.nanoTime() - t0 > BUDGET_NANOS) fail("time budget spent after " + kills + " kills in " + rounds + " rounds");
                List<String> cmd = new ArrayList<>(List.of(javaBin(), "--add-modules", "jdk.incubator.vector", "-XX:+UseSerialGC",
                        "-cp", System.getProperty("java.class.path"), "dev.fewhot.cli.Main"));
                cmd.addAll(trainArgs(train, model));
                cmd.addAll(List.of("--checkpoint-dir", ck.toString(), "--checkpoint-every", "1"));
                boolean resume = Files.isRegularFile(CheckpointFile.in(ck));
                if (resume) {
                    cmd.addAll(List.of("--resume", ck.toString()));
                    resumes++;
                }
                Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(log.toFile()).start();
                launches++;
                // the JVM starts in ~0.3-0.6 s; a whole run takes a few seconds: kill somewhere in it
                boolean mayKill = kills < MIN_KILLS;
                long delay = 250 + rnd.nextInt(1500);
                if (mayKill && !p.waitFor(delay, TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    p.waitFor();
                    kills++;
                    killDelays.add(delay);
                    killsInWrite += leftoverTemporaries(ck);
                    if (Files.isRegularFile(CheckpointFile.in(ck))) {
                        TrainingState s = CheckpointFile.load(CheckpointFile.in(ck)); // never torn
                        assertTrue(s.epoch() >= 0);
                        checkpointsVerified++;
                    }
                    assertTrue(!Files.exists(model) || Files.readAllBytes(model).length == expected.length, "no torn model file");
                    continue;
                }
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    fail("train did not finish in 60 s");
                }
                assertEquals(0, p.exitValue(), () -> "exit code; stderr: " + read(log));
                finished = true;
            }
            assertArrayEquals(expected, Files.readAllBytes(model), "round " + rounds + ": model after kills differs from the "
                    + "uninterrupted run's (kill seed " + seed + ")");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        String report = String.format(java.util.Locale.ROOT, "kill seed %d%nrounds %d (each ends byte-identical to the "
                        + "uninterrupted run)%nlaunches %d%nSIGKILLs %d%nkills inside a checkpoint write (temp file left) %d%n"
                        + "resumes %d%ncheckpoints loaded intact after a kill %d%nkill delays ms %s%nseconds %.1f%n",
                seed, rounds, launches, kills, killsInWrite, resumes, checkpointsVerified, killDelays, seconds);
        System.out.print(report);
        Files.writeString(Path.of("target", "kill-test.txt"), report);
    }

    private static int leftoverTemporaries(Path ck) throws IOException {
        if (!Files.isDirectory(ck)) return 0;
        try (Stream<Path> s = Files.list(ck)) {
            return (int) s.filter(p -> p.getFileName().toString().endsWith(".tmp")).count();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : "")).toString();
    }
}
