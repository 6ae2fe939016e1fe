package dev.fewhot.bench;

import dev.fewhot.kernels.Op;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * SGEMM on the shapes of an MLP 256 -> 1024 -> 512 with batch 256 (weights stored out x in):
 * forward {@code Z = X W^T} (NT), weight gradient {@code dW = dZ^T X} (TN), input gradient
 * {@code dX = dZ W} (NN), plus the plain NN 256x512x1024 product. The secondary result
 * {@code gflop} is GFLOPS (2mnk per call, per second); the primary is calls per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GemmBench {

    /** op:m:n:k. */
    @Param({
        "NT:256:1024:256",   // layer 1 forward: X[256x256] W1^T, W1 1024x256
        "NT:256:512:1024",   // layer 2 forward: H[256x1024] W2^T, W2 512x1024
        "TN:512:1024:256",   // layer 2 weight gradient: dZ2^T H
        "NN:256:1024:512",   // layer 2 input gradient: dZ2 W2
        "TN:1024:256:256",   // layer 1 weight gradient: dZ1^T X
        "NN:256:512:1024"})  // plain A*B, 256x1024 times 1024x512
    public String shape;

    /** Threads one product may use. */
    @Param({"1", "2"})
    public int threads;

    /** Implementation, see {@link GemmImpl#create}. */
    @Param({"fewhot"})
    public String impl;

    private GemmImpl gemm;
    private Op opA;
    private Op opB;
    private int m;
    private int n;
    private int k;
    private float[] a;
    private float[] b;
    private float[] c;

    /** Builds random operands. */
    @Setup
    public void setup() {
        String[] p = shape.split(":");
        opA = Op.valueOf(p[0].substring(0, 1));
        opB = Op.valueOf(p[0].substring(1, 2));
        m = Integer.parseInt(p[1]);
        n = Integer.parseInt(p[2]);
        k = Integer.parseInt(p[3]);
        Random rnd = new Random(1);
        a = new float[m * k];
        b = new float[k * n];
        c = new float[m * n];
        for (int i = 0; i < a.length; i++) a[i] = rnd.nextFloat() - 0.5f;
        for (int i = 0; i < b.length; i++) b[i] = rnd.nextFloat() - 0.5f;
        gemm = GemmImpl.create(impl, threads);
    }

    /**
     * One product.
     *
     * @param flops the GFLOPS counter
     * @return C, so that the call is not dead code
     */
    @Benchmark
    public float[] gemm(GflopCounter flops) {
        gemm.gemm(opA, opB, m, n, k, a, b, c);
        flops.gflop += 2e-9 * m * n * k;
        return c;
    }
}
