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
 * The five matrix products of one training step of the MLP 256 -> 1024 -> 512 at batch 256, back
 * to back, and nothing else: two forward products, the two weight gradients and the hidden
 * layer's input gradient (1.07 GFLOP per step); {@code model=linear}: the linear model's two
 * products (0.13 GFLOP). Its time per call is the floor of a training
 * step for a GEMM implementation: with {@code impl=openblas} it bounds what any trainer built on
 * that BLAS can reach (samples/s at most 256 / time), whatever it does around the products.
 * {@code bench/step_ceiling.sh} runs it next to PyTorch on the same machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class StepGemmBench {
    /** op:m:n:k of each product of the MLP's step (row-major, weights stored in x out). */
    static final String[] MLP = {
        "NN:256:1024:256",   // H = X W1
        "NN:256:512:1024",   // Z = H W2
        "TN:1024:512:256",   // dW2 = H^T dZ
        "NT:256:1024:512",   // dH = dZ W2^T
        "TN:256:1024:256",   // dW1 = X^T dH
    };

    /** The linear model 256 -> 512: forward and weight gradient (no input gradient). */
    static final String[] LINEAR = {
        "NN:256:512:256",    // Z = X W
        "TN:256:512:256",    // dW = X^T dZ
    };

    /** {@code mlp} (256 -> 1024 -> 512) or {@code linear} (256 -> 512). */
    @Param({"mlp"})
    public String model;

    private String[] step;

    /** Threads one product may use. */
    @Param({"1", "2"})
    public int threads;

    /** Implementation, see {@link GemmImpl#create}. */
    @Param({"fewhot"})
    public String impl;

    private GemmImpl gemm;
    private Op[] opA;
    private Op[] opB;
    private int[][] mnk;
    private float[][][] abc;

    /** Builds random operands for every product. */
    @Setup
    public void setup() {
        step = switch (model) {
            case "mlp" -> MLP;
            case "linear" -> LINEAR;
            default -> throw new IllegalArgumentException("model must be mlp or linear, got " + model);
        };
        opA = new Op[step.length];
        opB = new Op[step.length];
        mnk = new int[step.length][];
        abc = new float[step.length][][];
        Random rnd = new Random(1);
        for (int s = 0; s < step.length; s++) {
            String[] p = step[s].split(":");
            opA[s] = Op.valueOf(p[0].substring(0, 1));
            opB[s] = Op.valueOf(p[0].substring(1, 2));
            int m = Integer.parseInt(p[1]), n = Integer.parseInt(p[2]), k = Integer.parseInt(p[3]);
            mnk[s] = new int[] {m, n, k};
            float[] a = new float[m * k], b = new float[k * n];
            for (int i = 0; i < a.length; i++) a[i] = rnd.nextFloat() - 0.5f;
            for (int i = 0; i < b.length; i++) b[i] = rnd.nextFloat() - 0.5f;
            abc[s] = new float[][] {a, b, new float[m * n]};
        }
        gemm = GemmImpl.create(impl, threads);
    }

    /**
     * The five products of one step.
     *
     * @return the last product, so that the calls are not dead code
     */
    @Benchmark
    public float[] step() {
        for (int s = 0; s < step.length; s++) {
            int[] d = mnk[s];
            gemm.gemm(opA[s], opB[s], d[0], d[1], d[2], abc[s][0], abc[s][1], abc[s][2]);
        }
        return abc[step.length - 1][2];
    }
}
