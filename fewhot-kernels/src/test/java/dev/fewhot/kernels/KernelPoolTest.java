package dev.fewhot.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
