package dev.fewhot.bench;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor of batch-1 inference of the MLP 256 -> 1024 -> 512 in fp32: one call reads the
 * model's 786,432 weights (3 MB) once with SIMD sums and does nothing else, on 1 thread or split
 * over 2 (the second thread a spinning worker, as a latency-minded kernel would use). Any fp32
 * forward pass must at least read every weight once, so no implementation's batch-1 latency can
 * be below this on this machine while the weights do not fit the core's L2.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class WeightStreamBench {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /** Floats read per call (the MLP's weights: 256 x 1024 + 1024 x 512). */
    @Param({"786432"})
    public int floats;

    /** 1: the calling thread reads everything; 2: a spinning worker reads the second half. */
    @Param({"1", "2"})
    public int threads;

    private float[] w;
    private volatile long request;
    private volatile long done;
    private volatile boolean stop;
    private volatile float workerSum;
    private Thread worker;

    /** Fills the weights and starts the worker. */
    @Setup
    public void setup() {
        w = new float[floats];
        for (int i = 0; i < floats; i++) w[i] = (i % 97) * 1e-3f;
        if (threads == 2) {
            worker = new Thread(() -> {
                long seen = 0;
                while (!stop) {
                    long r = request;
                    if (r == seen) {
                        Thread.onSpinWait();
                        continue;
                    }
                    workerSum = sum(w, floats / 2, floats);
                    seen = r;
                    done = r;
                }
            }, "stream-worker");
            worker.setDaemon(true);
            worker.start();
        }
    }

    /** Stops the worker. */
    @TearDown
    public void tearDown() throws InterruptedException {
        stop = true;
        if (worker != null) worker.join();
    }

    static float sum(float[] a, int from, int to) {
        FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S), s2 = FloatVector.zero(S), s3 = FloatVector.zero(S);
        int l = S.length(), i = from;
        for (; i + 4 * l <= to; i += 4 * l) {
            s0 = s0.add(FloatVector.fromArray(S, a, i));
            s1 = s1.add(FloatVector.fromArray(S, a, i + l));
            s2 = s2.add(FloatVector.fromArray(S, a, i + 2 * l));
            s3 = s3.add(FloatVector.fromArray(S, a, i + 3 * l));
        }
        float r = s0.add(s1).add(s2).add(s3).reduceLanes(VectorOperators.ADD);
        for (; i < to; i++) r += a[i];
        return r;
    }

    /**
     * Reads every weight once.
     *
     * @return the sum, so that the reads are not dead code
     */
    @Benchmark
    public float read() {
        if (threads == 1) return sum(w, 0, floats);
        long r = request + 1;
        request = r;
        float mine = sum(w, 0, floats / 2);
        while (done != r) Thread.onSpinWait();
        return mine + workerSum;
    }
}
