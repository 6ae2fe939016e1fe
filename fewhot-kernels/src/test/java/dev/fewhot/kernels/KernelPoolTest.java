package dev.fewhot.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class KernelPoolTest {

    @Test
    void runsEveryPartOnceAndPropagatesFailures() {
        KernelPool pool = new KernelPool(2);
        for (int round = 0; round < 500; round++) {
            int n = 1 + round % 7;
            AtomicIntegerArray hits = new AtomicIntegerArray(n);
            pool.invoke(hits::incrementAndGet, n);
            for (int i = 0; i < n; i++) assertEquals(1, hits.get(i), "round " + round + " part " + i);
        }
        assertThrows(IllegalStateException.class, () -> pool.invoke(i -> {
            if (i == 2) throw new IllegalStateException("boom");
        }, 4));
        AtomicIntegerArray nested = new AtomicIntegerArray(9);
        pool.invoke(i -> pool.invoke(j -> nested.incrementAndGet(i * 3 + j), 3), 3);
        for (int i = 0; i < 9; i++) assertEquals(1, nested.get(i));
    }

    @Test
    void workersToldToStopSpinningStillWakeForTheNextJob() throws InterruptedException {
        KernelPool pool = new KernelPool(1);
        for (int round = 0; round < 50; round++) {
            pool.stopSpinning();
            if (round % 10 == 0) Thread.sleep(5); // let the worker reach its park
            // whichever thread takes a part waits for the other part: both threads must run one
            java.util.concurrent.CountDownLatch other = new java.util.concurrent.CountDownLatch(2);
            java.util.concurrent.atomic.AtomicBoolean timedOut = new java.util.concurrent.atomic.AtomicBoolean();
            pool.invoke(i -> {
                other.countDown();
                try {
                    if (!other.await(10, java.util.concurrent.TimeUnit.SECONDS)) timedOut.set(true);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, 2);
            assertTrue(!timedOut.get(), "round " + round + ": the worker did not take its part");
        }
    }

    @Test
    void invokeRangesCoversEveryIndexOnceOnAlignedBounds() {
        KernelPool pool = new KernelPool(2);
        for (int n : new int[] {0, 1, 15, 16, 17, 100, 1000, 65_537}) {
            for (int parts = 1; parts <= 5; parts++) {
                for (int unit : new int[] {1, 16, 64}) {
                    AtomicIntegerArray hits = new AtomicIntegerArray(Math.max(1, n));
                    int[][] ranges = new int[parts][];
                    int p = parts, u = unit;
                    pool.invokeRanges(n, parts, unit, (part, from, to) -> {
                        ranges[part] = new int[] {from, to};
                        for (int i = from; i < to; i++) hits.incrementAndGet(i);
                    });
                    for (int i = 0; i < n; i++) assertEquals(1, hits.get(i), "n=" + n + " parts=" + p + " unit=" + u + " i=" + i);
                    for (int part = 0; part < parts; part++) {
                        int[] r = ranges[part];
                        assertTrue(r[0] <= r[1], "part " + part + " of n=" + n);
                        if (part > 0) assertEquals(ranges[part - 1][1], r[0], "contiguous");
                        if (part > 0 && r[0] < n) assertEquals(0, r[0] % unit, "aligned start " + r[0]);
                    }
                    assertEquals(0, ranges[0][0]);
                    assertEquals(n, ranges[parts - 1][1]);
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> pool.invokeRanges(10, 2, 0, (part, from, to) -> { }));
    }

    @Test
    void partsForSplitsOnlyLargePassesOverSeveralThreads() {
        assertEquals(1, KernelPool.partsFor(KernelPool.PARALLEL_MIN_ELEMENTS - 1, 2));
        assertEquals(2, KernelPool.partsFor(KernelPool.PARALLEL_MIN_ELEMENTS, 2));
        assertEquals(1, KernelPool.partsFor(1L << 40, 1));
        assertEquals(4, KernelPool.partsFor(1L << 40, 4));
    }
}
