package dev.fewhot.model;

import dev.fewhot.kernels.Activation;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fewhot.data.CsrMatrix;
import dev.fewhot.data.DenseMatrix;
import dev.fewhot.data.Features;
import dev.fewhot.decide.DecisionRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** 8 threads share one predictor over 100,000 rows; every score equals the sequential one bit for bit. */
class SharedPredictorTest {
    static final int ROWS = 100_000, THREADS = 8;

    static Model model(int d, int labels) {
        ModelConfig cfg = new ModelConfig(d, List.of(24), labels, Activation.GELU, 0.0);
        float[] p = new float[cfg.parameterCount()];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < p.length; i++) p[i] = (float) (r.nextGaussian() * 0.3);
        return new Model(cfg, p, 3, List.of(), new DecisionRule.Threshold(0.5), Map.of());
    }

    static DenseMatrix dense(int rows, int d) {
        float[] x = new float[rows * d];
        SplittableRandom r = new SplittableRandom(4);
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        return new DenseMatrix(rows, d, x);
    }

    static CsrMatrix sparse(int rows, int d) {
        SplittableRandom r = new SplittableRandom(5);
        int[] ptr = new int[rows + 1];
        List<Integer> idx = new ArrayList<>();
        List<Float> val = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < d; j++) {
                if (r.nextInt(4) == 0) {
                    idx.add(j);
                    val.add((float) r.nextGaussian());
                }
            }
            ptr[i + 1] = idx.size();
        }
        int[] ix = new int[idx.size()];
        float[] vx = new float[idx.size()];
        for (int k = 0; k < ix.length; k++) { ix[k] = idx.get(k); vx[k] = val.get(k); }
        return new CsrMatrix(rows, d, ptr, ix, vx);
    }

    @Test
    void eightThreadsSharingOnePredictorMatchTheSequentialScores() throws Exception {
        check(dense(ROWS, 16));
    }

    @Test
    void sparseInputsToo() throws Exception {
        check(sparse(ROWS / 4, 16));
    }

    private static void check(Features x) throws Exception {
        Model m = model(16, 10);
        int L = 10, rows = x.rows();
        float[] expected = m.predictor(1).scores(x);
        SharedPredictor shared = m.sharedPredictor(1);
        float[] got = new float[expected.length];
        // threads take variable-sized slices in an interleaved order, so each workspace sees
        // other row ranges and chunk boundaries than the sequential run
        AtomicInteger next = new AtomicInteger();
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> fs = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                final int id = t;
                fs.add(pool.submit(() -> {
                    start.await();
                    SplittableRandom r = new SplittableRandom(id);
                    int calls = 0;
                    while (true) {
                        int len = 1 + r.nextInt(1500);
                        int from = next.getAndAdd(len);
                        if (from >= rows) return calls;
                        int n = Math.min(len, rows - from);
                        float[] part = new float[n * L];
                        shared.scores(x, from, n, part);
                        System.arraycopy(part, 0, got, from * L, n * L);
                        calls++;
                    }
                }));
            }
            int calls = 0;
            for (Future<Integer> f : fs) calls += f.get();
            assertTrue(calls > THREADS, "calls " + calls);
        } finally {
            pool.shutdown();
        }
        assertArrayEquals(expected, got);
        assertTrue(shared.workspaces() <= THREADS, "workspaces " + shared.workspaces());
    }
}
