package dev.fewhot.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fewhot.kernels.Sgemm;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackendsTest {

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
        Backends.Selection s = Backends.choose(BlasChoice.AUTO, 1, 32, new int[] {24, 40, 16});
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
        assertSame(s, Backends.choose(BlasChoice.AUTO, 1, 32, new int[] {24, 40, 16}));
        assertNotSame(s, Backends.choose(BlasChoice.AUTO, 1, 32, new int[] {24, 40, 8}));
    }

    @Test
    void stepFlopsCountForwardAndBothGradients() {
        // layer 0: forward and weight gradient; layer 1 also the input gradient
        assertEquals(2 * 2.0 * 32 * 24 * 40 + 3 * 2.0 * 32 * 40 * 16, Backends.stepFlops(32, new int[] {24, 40, 16}));
    }
}
