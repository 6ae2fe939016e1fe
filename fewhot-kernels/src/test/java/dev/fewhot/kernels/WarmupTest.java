package dev.fewhot.kernels;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class WarmupTest {
    @Test
    void runsEveryKernelOnItsOwnArraysAndEnds() throws Exception {
        assertDoesNotThrow(Warmup::run);
        Thread t = Warmup.start();
        t.join(60_000);
        assertFalse(t.isAlive(), "the warm-up thread must end on its own");
    }
}
