package dev.fewhot.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fewhot.kernels.Sgemm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackendsTest {
    /** The threads OpenBLAS runs here: {@code auto} times only at that thread count. */
    private static final int T = NativeGemm.threads();

    @Test
    void javaIsTheVectorKernelAndMeasuresNothing() {
        Backends.Selection s = Backends.choose(BlasChoice.JAVA, 2, 16, new int[] {8, 12, 4});
        assertTrue(s.gemm() instanceof Sgemm);
        assertTrue(Double.isNaN(s.javaGflops()) && Double.isNaN(s.nativeGflops()));
        Map<String, String> f = s.facts();
        assertEquals("java", f.get("blas"));
        assertTrue(f.get("gemm_kernel").startsWith("java " + Sgemm.defaultBlock().label()), f.get("gemm_kernel"));
        assertFalse(f.containsKey("gemm_java_gflops"));
    }

    @Test
    void autoMeasuresTheStepAndRecordsWhatItMeasured() {
        Backends.Selection s = Backends.choose(BlasChoice.AUTO, T, 32, new int[] {24, 40, 16});
        assertTrue(s.javaGflops() > 0, "java GFLOPS " + s.javaGflops());
        Map<String, String> f = s.facts();
        assertTrue(f.containsKey("gemm_java_gflops"));
        if (NativeGemm.available()) {
            assertTrue(s.nativeGflops() > 0);
            // the faster one, with the margin that favours the deterministic Java kernel
            boolean nat = s.gemm() instanceof NativeGemm;
            assertEquals(nat, s.nativeGflops() > Backends.NATIVE_MARGIN * s.javaGflops());
            assertEquals(nat ? "openblas" : "java", f.get("blas"));
        } else {
            assertTrue(s.gemm() instanceof Sgemm);
        }
        // measured once: the next network of the same shape (an ensemble's) gets the same choice
        assertSame(s, Backends.choose(BlasChoice.AUTO, T, 32, new int[] {24, 40, 16}));
        assertNotSame(s, Backends.choose(BlasChoice.AUTO, T, 32, new int[] {24, 40, 8}));
    }

    @Test
    void stepFlopsCountForwardAndBothGradients() {
        // layer 0: forward and weight gradient; layer 1 also the input gradient
        assertEquals(2 * 2.0 * 32 * 24 * 40 + 3 * 2.0 * 32 * 40 * 16, Backends.stepFlops(32, new int[] {24, 40, 16}, 0));
        // a sparse first layer runs in the sparse kernel: only layer 1's products count
        assertEquals(3 * 2.0 * 32 * 40 * 16, Backends.stepFlops(32, new int[] {24, 40, 16}, 1));
    }

    /** A back-end that only counts its calls. */
    private static dev.fewhot.kernels.Gemm counting(long[] calls, int slot) {
        return new dev.fewhot.kernels.Gemm() {
            @Override
            public void gemm(dev.fewhot.kernels.Op opA, dev.fewhot.kernels.Op opB, int m, int n, int k, float alpha, float[] a,
                             int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc,
                             float[] bias, int biasOff, dev.fewhot.kernels.Activation act) {
                calls[slot]++;
            }

            @Override
            public String name() { return "counting"; }
        };
    }

    @Test
    void timingRunsEachBackEndForATimeNotAFewRounds() {
        long[] calls = new long[2];
        long t0 = System.nanoTime();
        double[] best = Backends.time(4, new int[] {3, 5, 2}, 0, counting(calls, 0), counting(calls, 1));
        long spent = System.nanoTime() - t0;
        // 5 products a step: a fixed 8 rounds were 40 calls, too few for the JIT to compile a small shape's path
        assertTrue(calls[0] > 40 * 100, "calls " + calls[0]);
        assertEquals(calls[0], calls[1], "the back-ends take turns, round by round");
        assertTrue(spent >= 2 * (Backends.WARM_NANOS + Backends.TIMED_NANOS) * 9 / 10, "spent " + spent + " ns");
        assertTrue(best[0] >= 0 && best[0] < 1e-3 && best[1] >= 0 && best[1] < 1e-3, best[0] + " " + best[1]);
    }

    @Test
    void autoTimesOnlyTheDenseProductsOfASparseInputNetwork() {
        withCacheDir("off", () -> {
            // 200,000 sparse inputs: timing its first layer densely would need 200,000^2 floats
            Backends.Selection linear = Backends.choose(BlasChoice.AUTO, T, 16, new int[] {200_000, 12}, true);
            assertTrue(linear.gemm() instanceof Sgemm);
            assertEquals("java: no dense product", linear.choice());
            assertTrue(Double.isNaN(linear.javaGflops()));
            Backends.Selection mlp = Backends.choose(BlasChoice.AUTO, T, 16, new int[] {200_000, 24, 12}, true);
            assertEquals("measured", mlp.choice());
            assertTrue(mlp.javaGflops() > 0, "java GFLOPS " + mlp.javaGflops());
            // the dense network of the same widths is another choice
            assertNotSame(mlp, Backends.choose(BlasChoice.AUTO, T, 16, new int[] {40, 24, 12}, false));
        });
    }

    @Test
    void autoKeepsTheUsersThreadCountWhenOpenBlasRunsAnother() {
        withCacheDir("off", () -> {
            Backends.Selection s = Backends.choose(BlasChoice.AUTO, T + 1, 16, new int[] {20, 36, 12});
            assertTrue(s.gemm() instanceof Sgemm);
            if (NativeGemm.available()) {
                assertEquals("java: OpenBLAS would run " + T + " threads, not " + (T + 1), s.choice());
                assertTrue(Double.isNaN(s.javaGflops()) && Double.isNaN(s.nativeGflops()));
            } else {
                assertEquals("measured", s.choice()); // nothing to compare with: the Java kernel, timed
            }
        });
    }

    /** Runs {@code body} with the kept-choice folder set to {@code dir} (or "off"), this JVM's choices forgotten. */
    private static void withCacheDir(String dir, Runnable body) {
        String before = System.getProperty(Backends.CACHE_PROPERTY);
        System.setProperty(Backends.CACHE_PROPERTY, dir);
        Backends.forgetForTests();
        try {
            body.run();
        } finally {
            if (before == null) System.clearProperty(Backends.CACHE_PROPERTY);
            else System.setProperty(Backends.CACHE_PROPERTY, before);
            Backends.forgetForTests();
        }
    }

    @Test
    void autoKeepsItsChoiceForTheNextRunOnThisMachine(@TempDir Path dir) {
        withCacheDir(dir.toString(), () -> {
            int[] widths = {20, 36, 12};
            Backends.Selection first = Backends.choose(BlasChoice.AUTO, T, 16, widths);
            assertEquals("measured", first.choice());
            assertEquals("measured", first.facts().get("gemm_choice"));
            Path file = dir.resolve(Backends.CACHE_FILE);
            Map<String, String> kept = Backends.readKept(file);
            String key = Backends.machineKey(T, 16, widths, NativeGemm.available());
            assertEquals(1, kept.size(), kept.toString());
            assertTrue(kept.containsKey(key), kept.keySet() + " holds " + key);
            // a new JVM (this one's choices forgotten) takes the kept choice without timing
            Backends.forgetForTests();
            Backends.Selection second = Backends.choose(BlasChoice.AUTO, T, 16, widths);
            assertEquals("kept", second.choice());
            assertEquals(first.gemm().getClass(), second.gemm().getClass());
            assertEquals(first.facts().get("blas"), second.facts().get("blas"));
            assertEquals(first.facts().get("gemm_java_gflops"), second.facts().get("gemm_java_gflops"));
            // another shape is timed, and both lines are kept
            Backends.Selection other = Backends.choose(BlasChoice.AUTO, T, 16, new int[] {20, 36, 8});
            assertEquals("measured", other.choice());
            assertEquals(2, Backends.readKept(file).size());
        });
    }

    @Test
    void aMalformedKeptLineIsTimedAgainAndReplaced(@TempDir Path dir) throws Exception {
        int[] widths = {20, 28, 12};
        String key = Backends.machineKey(T, 16, widths, NativeGemm.available());
        Path file = dir.resolve(Backends.CACHE_FILE);
        Files.writeString(file, "# a comment\n" + key + "=java fast\nnot a line\n");
        withCacheDir(dir.toString(), () -> {
            Backends.Selection s = Backends.choose(BlasChoice.AUTO, T, 16, widths);
            assertEquals("measured", s.choice());
            String line = Backends.readKept(file).get(key);
            assertTrue(line != null && line.matches("(java|native) [0-9.]+ ([0-9.]+|NaN)"), line);
        });
    }

    @Test
    void offKeepsNothing(@TempDir Path dir) {
        withCacheDir("off", () -> {
            assertEquals(null, Backends.cacheFile());
            Backends.Selection s = Backends.choose(BlasChoice.AUTO, T, 16, new int[] {20, 44, 12});
            assertEquals("measured", s.choice());
        });
        withCacheDir(dir.resolve("sub").toString(), () -> {
            assertEquals(dir.resolve("sub").resolve(Backends.CACHE_FILE), Backends.cacheFile());
        });
    }

    @Test
    void aKeptChoiceNamingAMissingBackEndIsNotUsed() {
        Sgemm java = new Sgemm(1);
        assertEquals(null, Backends.fromKept("native 10.0 20.0", java, null));
        assertEquals(null, Backends.fromKept("java 10.0", java, null));
        assertEquals(null, Backends.fromKept("java x 1.0", java, null));
        Backends.Selection s = Backends.fromKept("java 10.0 NaN", java, null);
        assertSame(java, s.gemm());
        assertEquals("kept", s.choice());
        assertEquals(10.0, s.javaGflops());
    }
}
