package dev.fewhot.metrics;

import dev.fewhot.kernels.KernelPool;

/** Runs numbered parts on the shared kernel pool; results are placed by part, never by thread. */
final class Parallel {
    private Parallel() { }

    /** Rows per part of a row pass: fixed, so that the summation order never depends on the threads. */
    static final int ROW_CHUNK = 1024;

    static int chunks(int n, int size) {
        return (int) (((long) n + size - 1) / size);
    }

    static void run(int parts, KernelPool.Task task) {
        if (parts <= 0) return;
        if (parts == 1) {
            task.run(0);
            return;
        }
        KernelPool.common().invoke(task, parts);
    }

    static int parallelism() {
        return KernelPool.common().parallelism();
    }
}
