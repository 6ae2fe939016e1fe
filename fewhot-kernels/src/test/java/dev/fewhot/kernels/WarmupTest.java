package dev.fewhot.kernels;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class WarmupTest {
    @Test
    void runsEveryKernelOnItsOwnArraysAndEnds() throws Exception {
        assertDoesNotThrow(() -> Warmup.run(java.util.EnumSet.allOf(Warmup.Loss.class)));
        Thread t = Warmup.start();
        t.join(60_000);
        assertFalse(t.isAlive(), "the warm-up thread must end on its own");
    }

    @Test
    void runsTheChosenLossKernelsOrNone() throws Exception {
        assertDoesNotThrow(() -> Warmup.run(java.util.EnumSet.of(Warmup.Loss.ASYMMETRIC)));
        Thread t = Warmup.start(java.util.EnumSet.noneOf(Warmup.Loss.class));
        t.join(60_000);
        assertFalse(t.isAlive(), "a warm-up without loss kernels still compiles the rest and ends");
    }

    @Test
    void awaitReturnsWhenTheWarmupEndsAndAcceptsNull() {
        Warmup.await(null);
        Thread t = Warmup.start();
        Warmup.await(t);
        assertFalse(t.isAlive(), "await returns once the warm-up has ended (it takes ~1 s, far below the bound)");
    }

    @Test
    void awaitKeepsTheInterruptAndDoesNotWait() throws Exception {
        Thread sleeper = new Thread(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // ends
            }
        });
        sleeper.setDaemon(true);
        sleeper.start();
        Thread.currentThread().interrupt();
        long t0 = System.nanoTime();
        Warmup.await(sleeper);
        boolean flag = Thread.interrupted(); // clears it for the other tests
        org.junit.jupiter.api.Assertions.assertTrue(flag, "the interrupt flag is restored");
        org.junit.jupiter.api.Assertions.assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "an interrupted caller does not wait");
        sleeper.interrupt();
    }
}
