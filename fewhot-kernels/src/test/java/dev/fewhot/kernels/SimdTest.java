package dev.fewhot.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SimdTest {

    @Test
    void theForcedWidthIsTheKernelsWidth() {
        // the build runs the kernel tests once per width with -Dfewhot.vector.bits: make sure
        // the property really reached the kernels
        String forced = System.getProperty(Simd.BITS_PROPERTY);
        if (forced != null && !forced.isBlank()) {
            assertEquals(Integer.parseInt(forced.trim()), Simd.bits());
            assertTrue(Simd.forced());
        } else {
            assertEquals(Simd.preferredBits(), Simd.bits());
        }
        assertEquals(Simd.bits() / 32, Simd.lanes());
        assertEquals(Simd.lanes(), Sgemm.L);
        assertEquals(Simd.lanes(), VectorOps.L);
        assertEquals(Simd.lanes(), VMath.L);
        assertEquals(Simd.lanes(), Int8Gemm.L);
        assertEquals(Math.max(8, Simd.lanes()), Int8Gemm.STEP);
        assertTrue(Simd.registers() == 16 || Simd.registers() == 32);
        assertTrue(Simd.describe().contains(Simd.bits() + "-bit"), Simd.describe());
    }

    @Test
    void widthsParse() {
        assertEquals(128, Simd.floatSpecies("128").vectorBitSize());
        assertEquals(256, Simd.floatSpecies(" 256").vectorBitSize());
        assertEquals(512, Simd.floatSpecies("512").vectorBitSize());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Simd.floatSpecies("1024"));
        assertTrue(e.getMessage().contains(Simd.BITS_PROPERTY) && e.getMessage().contains("1024"), e.getMessage());
    }
}
