package dev.fewhot.bench;

import dev.fewhot.loss.AsymmetricLoss;
import dev.fewhot.loss.BceWithLogits;
import dev.fewhot.loss.FocalLoss;
import dev.fewhot.loss.Loss;
import dev.fewhot.loss.Reduction;
import java.util.SplittableRandom;
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
 * Fused loss-and-gradient of one mini-batch (MEAN), through the loss classes (Vector API
 * kernels; two threads from 64K elements). NOTE: the fewhot-bench module is not in this branch's
 * reactor yet; this file is meant for it (JMH 1.37, --add-modules jdk.incubator.vector).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class LossBench {
    @Param({"256"})
    int rows;
    @Param({"512"})
    int cols;
    @Param({"bce", "focal", "asl"})
    String loss;

    float[] x;
    float[] y;
    float[] grad;
    Loss impl;

    @Setup
    public void setup() {
        int n = rows * cols;
        SplittableRandom rnd = new SplittableRandom(1);
        x = new float[n];
        y = new float[n];
        grad = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rnd.nextGaussian() * 3 - 2);
            y[i] = rnd.nextInt(100) < 2 ? 1f : 0f;
        }
        impl = switch (loss) {
            case "bce" -> BceWithLogits.unweighted(Reduction.MEAN);
            case "focal" -> FocalLoss.defaults(Reduction.MEAN);
            case "asl" -> AsymmetricLoss.defaults(Reduction.MEAN);
            default -> throw new IllegalArgumentException(loss);
        };
    }

    @Benchmark
    public double lossAndGradient() {
        return impl.compute(x, y, rows, cols, grad, null);
    }
}
