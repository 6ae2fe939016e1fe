package dev.fewhot.kernels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A small persistent pool of daemon worker threads that runs the indices {@code 0..n-1} of a
 * {@link Task}, the calling thread taking part. Which thread runs which index is not fixed, so
 * kernels make the result of an index independent of the thread that runs it; that keeps results
 * bit-identical from run to run. One job runs at a time: a call made while the pool is busy (from
 * another thread, or from inside a task) runs all its indices on the calling thread. No allocation
 * per call.
 */
public final class KernelPool {

    /** Work split into numbered, independent parts. */
    @FunctionalInterface
    public interface Task {
        /**
         * Runs part {@code index}.
         *
         * @param index the part, in {@code [0, n)}
         */
        void run(int index);
    }

    /** One part's range of a pass split by {@link #invokeRanges}. */
    @FunctionalInterface
    public interface RangeTask {
        /**
         * Runs part {@code part} over {@code [from, to)}.
         *
         * @param part the part, in {@code [0, parts)}
         * @param from first index of the range
         * @param to   end of the range (exclusive)
         */
        void run(int part, int from, int to);
    }

    /**
     * How long a thread that waits (a worker for the next job, the caller for the workers) spins
     * before it parks, in microseconds: system property {@value #SPIN_PROPERTY}, default
     * {@value #DEFAULT_SPIN_MICROS}. A parked thread costs a wake-up, tens of microseconds in a
     * virtual machine, at the start of the next job, and a late worker makes the caller park in
     * turn: a training step's products and passes come tens to hundreds of microseconds apart.
     * Measured on an Intel Xeon guest (AVX-512, 2 cores), when the wait was 2,000 spins (about
     * 30 us there): the worker parked in about 5 of 6 jobs of a training run, the 2-thread GEMM ran
     * at 162-185 GFLOPS on the trainer's shapes against OpenBLAS's 224-260, and the ASL MLP trained
     * at 27,700-28,100 samples/s; spinning 1 ms, 183-272 GFLOPS and 28,600-34,600 samples/s; 3 ms,
     * 34,700-35,000 (docs/benchmarks.md). OpenBLAS's own threads spin longer still. The cost: an
     * idle worker keeps a core busy for up to this long after the last job.
     */
    public static final String SPIN_PROPERTY = "fewhot.pool.spinMicros";
    /** The default of {@value #SPIN_PROPERTY}. */
    public static final long DEFAULT_SPIN_MICROS = 2_000;
    private static final long SPIN_NANOS = 1_000L * Math.max(0, Long.getLong(SPIN_PROPERTY, DEFAULT_SPIN_MICROS));
    /** Spins between two reads of the clock (a few microseconds). */
    private static final int SPINS_PER_CLOCK_READ = 64;
    private static final KernelPool COMMON =
            new KernelPool(Math.max(0, Runtime.getRuntime().availableProcessors() - 1));

    private final Thread[] workers;
    private final ReentrantLock lock = new ReentrantLock();
    /** High 32 bits: job number; low 32 bits: next unclaimed part. */
    private final AtomicLong next = new AtomicLong();
    private final AtomicInteger done = new AtomicInteger();
    private volatile Task task;
    private volatile int count;
    private volatile long generation;
    private volatile Thread waiter;
    private volatile Throwable failure;
    /** Set by {@link #stopSpinning}: idle workers park at once; the next job clears it. */
    private volatile boolean stopSpinning;

    /**
     * A pool with {@code workers} threads besides the caller.
     *
     * @param workers number of worker threads, {@code >= 0}
     */
    public KernelPool(int workers) {
        if (workers < 0) throw new IllegalArgumentException("workers must be >= 0, got " + workers);
        this.workers = new Thread[workers];
        for (int i = 0; i < workers; i++) {
            Thread t = new Thread(this::workLoop, "fewhot-kernel-" + i);
            t.setDaemon(true);
            this.workers[i] = t;
            t.start();
        }
    }

    /** @return the shared pool with {@code availableProcessors() - 1} workers */
    public static KernelPool common() {
        return COMMON;
    }

    /**
     * Makes the idle workers park now instead of spinning out their {@value #SPIN_PROPERTY}: for
     * callers about to run work on threads of their own (OpenBLAS's), which a spinning worker
     * would keep from a core. Measured on an Intel Xeon guest (2 cores, ASL MLP, 2 threads,
     * {@code --blas native}): 21,828-22,385 samples/s with the workers spinning 2 ms between the
     * native products, 33,696-36,871 with this call, as with a 30 us spin (docs/benchmarks.md). The next job wakes
     * them as usual. Cheap when they are already parked: one volatile read.
     */
    public void stopSpinning() {
        if (!stopSpinning) stopSpinning = true;
    }

    /** @return the number of threads that can run tasks at once, the caller included */
    public int parallelism() {
        return workers.length + 1;
    }

    /**
     * From this many elements an element-wise (or per-column) pass is worth splitting over the
     * threads; below it the hand-off costs more than it saves.
     */
    public static final int PARALLEL_MIN_ELEMENTS = 1 << 15;

    /**
     * Parts for a pass over {@code elements} values with {@code threads} threads: the threads, or 1
     * below {@link #PARALLEL_MIN_ELEMENTS}.
     */
    public static int partsFor(long elements, int threads) {
        return threads > 1 && elements >= PARALLEL_MIN_ELEMENTS ? threads : 1;
    }

    /**
     * Splits {@code [0, n)} into {@code parts} contiguous ranges whose inner bounds are multiples
     * of {@code unit} and runs them as {@link #invoke} does. Part i gets the same range whatever
     * thread runs it; a range may be empty.
     *
     * @param n     items
     * @param parts number of parts (1: the calling thread runs the whole range)
     * @param unit  granularity of the inner bounds, at least 1
     * @param task  the work of one range
     */
    public void invokeRanges(int n, int parts, int unit, RangeTask task) {
        if (unit < 1) throw new IllegalArgumentException("unit must be >= 1, got " + unit);
        if (parts == 1) {
            task.run(0, 0, n);
            return;
        }
        invoke(i -> task.run(i, bound(n, i, parts, unit), bound(n, i + 1, parts, unit)), parts);
    }

    /** Start of part {@code i} of {@code parts} over {@code n} items, rounded down to a multiple of {@code unit}. */
    static int bound(int n, int i, int parts, int unit) {
        if (i >= parts) return n;
        return Math.min(n, (int) ((long) n * i / parts) / unit * unit);
    }

    /**
     * Runs {@code task.run(i)} for every {@code i} in {@code [0, n)} and returns when all have
     * finished. An exception thrown by a part is rethrown here after all parts have ended.
     *
     * @param task the work
     * @param n    number of parts
     */
    public void invoke(Task task, int n) {
        if (n <= 0) return;
        if (n == 1 || workers.length == 0 || lock.isHeldByCurrentThread() || !lock.tryLock()) {
            for (int i = 0; i < n; i++) task.run(i);
            return;
        }
        try {
            failure = null;
            long job = generation + 1;
            // Close the previous job first, so that a worker still holding its task or count can
            // claim nothing once it reads the new task or count.
            next.set((job << 32) | Integer.MAX_VALUE);
            waiter = Thread.currentThread();
            if (stopSpinning) stopSpinning = false;
            this.task = task;
            this.count = n;
            done.set(0);
            next.set(job << 32);
            generation = job;
            int wake = Math.min(n - 1, workers.length);
            for (int i = 0; i < wake; i++) LockSupport.unpark(workers[i]);
            runParts(job, task, n);
            long waitStart = System.nanoTime();
            for (int spins = 1; done.get() < n; spins++) {
                if (!spin(waitStart, spins)) LockSupport.park(this);
            }
            Throwable f = failure;
            if (f != null) {
                failure = null;
                if (f instanceof RuntimeException) throw (RuntimeException) f;
                if (f instanceof Error) throw (Error) f;
                throw new IllegalStateException(f);
            }
        } finally {
            this.task = null;
            waiter = null;
            lock.unlock();
        }
    }

    private void runParts(long job, Task t, int n) {
        while (true) {
            long cur = next.get();
            if ((cur >>> 32) != job) return;
            int i = (int) cur;
            if (i >= n) return;
            if (!next.compareAndSet(cur, cur + 1)) continue;
            try {
                t.run(i);
            } catch (Throwable e) {
                if (failure == null) failure = e;
            } finally {
                if (done.incrementAndGet() == n) {
                    Thread w = waiter;
                    if (w != null) LockSupport.unpark(w);
                }
            }
        }
    }

    private void workLoop() {
        long seen = 0;
        while (true) {
            long g;
            long waitStart = System.nanoTime();
            for (int spins = 1; (g = generation) == seen; spins++) {
                if (stopSpinning || !spin(waitStart, spins)) LockSupport.park(this);
            }
            seen = g;
            Task t = task;
            int n = count;
            if (t != null) runParts(g, t, n);
        }
    }

    /**
     * Whether a wait that began at {@code start} spins once more (and spins, if so) or parks: it
     * spins until {@link #SPIN_NANOS} have passed, reading the clock every
     * {@link #SPINS_PER_CLOCK_READ} spins.
     *
     * @param start {@code System.nanoTime()} when the wait began
     * @param spins the spins so far, this one included
     * @return true when it spun, false when the caller should park
     */
    private static boolean spin(long start, int spins) {
        if (SPIN_NANOS == 0) return false;
        if (spins % SPINS_PER_CLOCK_READ == 0 && System.nanoTime() - start >= SPIN_NANOS) return false;
        Thread.onSpinWait();
        return true;
    }
}
