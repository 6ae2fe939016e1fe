package dev.fewhot.bench;

import dev.fewhot.data.DenseMatrix;
import dev.fewhot.loss.AsymmetricLoss;
import dev.fewhot.loss.Loss;
import dev.fewhot.loss.Reduction;
import dev.fewhot.model.Batch;
import dev.fewhot.model.ModelConfig;
import dev.fewhot.model.Network;
import dev.fewhot.optim.Optimizer;
import dev.fewhot.optim.OptimizerSettings;
import java.util.List;
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
 * One training step of the benchmark models (MLP 256 -> 1024 (ReLU) -> 512 or linear 256 -> 512,
 * batch 256, ASL with its defaults, Adam), as the trainer runs it, and each of its phases alone:
 * {@code step} = gather the batch + forward + loss + backward + gradient norm + Adam + parameter
 * check; {@code forward}, {@code loss}, {@code backward}, {@code adam} time one phase each on the
 * same state. The difference between {@code step} and the sum of the phases is the rest (batch
 * gathering, the norm, the parameter check). Inputs are random dense rows with 5 positives per
 * row among 512 labels. The set-up runs {@link dev.fewhot.kernels.Warmup} first, as the trainer
 * does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class TrainStepBench {
    private static final int ROWS = 4096, D = 256, L = 512, B = 256;

    /** {@code mlp} or {@code linear}. */
    @Param({"mlp", "linear"})
    public String model;

    /** Kernel threads. */
    @Param({"1", "2"})
    public int threads;

    private DenseMatrix x;
    private float[][] rowTargets;
    private Network net;
    private Batch batch;
    private Loss loss;
    private Optimizer opt;
    private float[] params;
    private float[] grads;
    private float[] targets;
    private float[] dLogits;
    private float[] logits;
    private int[] order;
    private int cursor;

    /** Random data, parameters and one warm step. */
    @Setup
    public void setup() throws InterruptedException {
        dev.fewhot.kernels.Warmup.start().join(); // as `fewhot train` does (it overlaps it with reading the data)
        SplittableRandom rnd = new SplittableRandom(7);
        float[] xs = new float[ROWS * D];
        for (int i = 0; i < xs.length; i++) xs[i] = (float) (rnd.nextDouble() * 2 - 1);
        x = new DenseMatrix(ROWS, D, xs);
        rowTargets = new float[ROWS][];
        for (int r = 0; r < ROWS; r++) {
            float[] t = new float[L];
            for (int k = 0; k < 5; k++) t[rnd.nextInt(L)] = 1f;
            rowTargets[r] = t;
        }
        ModelConfig cfg = model.equals("mlp") ? ModelConfig.mlp(D, List.of(1024), L) : ModelConfig.linear(D, L);
        params = new float[cfg.parameterCount()];
        for (int i = 0; i < params.length; i++) params[i] = (float) ((rnd.nextDouble() * 2 - 1) * 0.05);
        grads = new float[params.length];
        net = new Network(cfg, threads);
        batch = Batch.forFeatures(x);
        loss = AsymmetricLoss.defaults(Reduction.SUM);
        opt = Optimizer.create(OptimizerSettings.adam(), params.length, threads);
        targets = new float[B * L];
        dLogits = new float[B * L];
        order = new int[ROWS];
        for (int i = 0; i < ROWS; i++) order[i] = (int) ((i * 2654435761L) % ROWS);
        step();
    }

    private void gather() {
        int from = cursor;
        cursor = (cursor + B) % ROWS;
        batch.fill(x, order, from, B);
        for (int r = 0; r < B; r++) System.arraycopy(rowTargets[order[from + r]], 0, targets, r * L, L);
    }

    /** @return the loss of a full step */
    @Benchmark
    public double step() {
        gather();
        logits = net.forward(params, batch, null);
        double l = loss.compute(logits, targets, B, L, dLogits, null, threads);
        net.backward(params, batch, dLogits, grads);
        double norm = Math.sqrt(dev.fewhot.kernels.VectorOps.sumOfSquares(grads.length, grads, 0));
        opt.step(params, grads, 1e-6);
        int bad = dev.fewhot.kernels.VectorOps.firstNonFinite(params.length, params, 0);
        return l + norm + bad;
    }

    /** @return the logits */
    @Benchmark
    public float[] forward() {
        return net.forward(params, batch, null);
    }

    /** @return the loss of the last logits */
    @Benchmark
    public double loss() {
        return loss.compute(logits, targets, B, L, dLogits, null, threads);
    }

    /** @return the gradient */
    @Benchmark
    public float[] backward() {
        net.backward(params, batch, dLogits, grads);
        return grads;
    }

    /** @return the parameters after one Adam update with a tiny rate */
    @Benchmark
    public float[] adam() {
        opt.step(params, grads, 1e-9);
        return params;
    }
}
