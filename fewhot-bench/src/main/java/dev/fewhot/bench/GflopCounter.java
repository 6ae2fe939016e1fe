package dev.fewhot.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * GFLOP done by a benchmark, reported by JMH per second as the secondary result {@code gflop}:
 * GFLOPS. Shared by the benchmarks that count floating-point work ({@link GemmBench},
 * {@link FmaPeakBench}).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class GflopCounter {
    /** GFLOP done in the iteration. */
    public double gflop;

    /** Resets the counter. */
    @Setup(Level.Iteration)
    public void reset() {
        gflop = 0;
    }
}
