package dev.fewhot.bench;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The machine's single-precision FMA peak as the Vector API reaches it: 12 independent chains of
 * 16-lane fused multiply-adds in registers, no memory traffic. Secondary result {@code gflop}:
 * GFLOPS per benchmark thread (run with {@code -t 2} for both cores). It is the ceiling that
 * any GEMM on this machine works under.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class FmaPeakBench {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int ROUNDS = 1000;
    private float[] seed;

    /** Operands that the JIT cannot fold. */
    @Setup
    public void setup() {
        seed = new float[S.length() * 2];
        for (int i = 0; i < seed.length; i++) seed[i] = 1f + i * 1e-7f;
    }

    /**
     * 12 x ROUNDS FMAs of 16 lanes.
     *
     * @return a sum of the chains, so that they are not dead code
     */
    @Benchmark
    public float fma(GflopCounter flops) {
        FloatVector m = FloatVector.fromArray(S, seed, 0);
        FloatVector a = FloatVector.fromArray(S, seed, S.length());
        FloatVector c0 = a, c1 = a.mul(1.01f), c2 = a.mul(1.02f), c3 = a.mul(1.03f), c4 = a.mul(1.04f), c5 = a.mul(1.05f);
        FloatVector c6 = a.mul(1.06f), c7 = a.mul(1.07f), c8 = a.mul(1.08f), c9 = a.mul(1.09f), c10 = a.mul(1.1f), c11 = a.mul(1.11f);
        for (int r = 0; r < ROUNDS; r++) {
            c0 = c0.fma(m, a); c1 = c1.fma(m, a); c2 = c2.fma(m, a); c3 = c3.fma(m, a);
            c4 = c4.fma(m, a); c5 = c5.fma(m, a); c6 = c6.fma(m, a); c7 = c7.fma(m, a);
            c8 = c8.fma(m, a); c9 = c9.fma(m, a); c10 = c10.fma(m, a); c11 = c11.fma(m, a);
        }
        flops.gflop += 2e-9 * 12 * ROUNDS * S.length();
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11).lane(0);
    }
}
