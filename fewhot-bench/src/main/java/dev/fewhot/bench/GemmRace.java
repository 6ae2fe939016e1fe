package dev.fewhot.bench;

import dev.fewhot.kernels.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * GEMM implementations raced in one JVM, interleaved: for each shape, every implementation runs
 * for a short slice in turn (the first of the round rotating), many rounds, so that a load change
 * on a shared machine hits all of them alike. Prints one line per shape and implementation: the
 * median and the best GFLOPS over the slices and the median's ratio to the last implementation
 * (the peer). With one thread the rates are also given per second of the thread's CPU time
 * ("cpu"), which time slices lost to other processes do not count: the better figure on a busy
 * machine. A complement to {@code GemmBench} (JMH, one implementation after the other) for busy
 * machines.
 *
 * <p>With more than one thread, every timed slice is preceded by an untimed one of the same
 * implementation ({@code --settle-ms}, default {@value #DEFAULT_SETTLE_MS} ms): OpenBLAS's idle
 * worker threads keep spinning for a while after a call (its {@code OPENBLAS_THREAD_TIMEOUT},
 * 2^28 cycles by default, about 0.1 s), and they ran beside the next implementation's timed slice
 * on the same cores (Intel Xeon, 2 threads: fewhot's NT 256x1024x512 median 132 GFLOPS
 * interleaved, 200 with OpenBLAS's timeout at its minimum, while OpenBLAS's own figure moved by
 * 3%). A pause instead of the untimed slice was no cure: after 250 ms idle the same product ran
 * at 112-116 GFLOPS alone (the vCPUs of a KVM guest wake slowly).
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp benchmarks.jar dev.fewhot.bench.GemmRace
 * [--threads N] [--rounds R] [--slice-ms MS] [--settle-ms MS] [--shapes NN:256:1024:256,...] impl... }, implementations
 * as in {@link GemmImpl#create} (for {@code openblas} set {@code OPENBLAS_NUM_THREADS} to N);
 * {@code --describe} prints the Java kernel chosen for this machine and JVM, and the JVM version.
 */
public final class GemmRace {
    /** Untimed calls before each timed slice when more than one thread runs: longer than OpenBLAS's spin. */
    static final int DEFAULT_SETTLE_MS = 150;

    private GemmRace() { }

    public static void main(String[] args) {
        int threads = 1, rounds = 15, sliceMs = 60, settleMs = -1;
        String shapes = "NN:256:1024:256,NN:256:512:1024,NT:256:1024:512,TN:1024:512:256";
        List<String> impls = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--slice-ms" -> sliceMs = Integer.parseInt(args[++i]);
                case "--settle-ms" -> settleMs = Integer.parseInt(args[++i]);
                case "--shapes" -> shapes = args[++i];
                case "--describe" -> {
                    // the Java kernel this JVM runs: register block, ISA, vector width, registers
                    System.out.println(new dev.fewhot.kernels.Sgemm(1).describe() + "; " + Runtime.version());
                    return;
                }
                default -> impls.add(args[i]);
            }
        }
        if (impls.isEmpty()) impls = List.of("fewhot", "openblas");
        if (settleMs < 0) settleMs = threads > 1 ? DEFAULT_SETTLE_MS : 0;
        GemmImpl[] g = new GemmImpl[impls.size()];
        for (int i = 0; i < g.length; i++) g[i] = GemmImpl.create(impls.get(i), threads);
        for (String shape : shapes.split(",")) {
            String[] p = shape.split(":");
            Op opA = Op.valueOf(p[0].substring(0, 1)), opB = Op.valueOf(p[0].substring(1, 2));
            int m = Integer.parseInt(p[1]), n = Integer.parseInt(p[2]), k = Integer.parseInt(p[3]);
            Random rnd = new Random(1);
            float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
            for (int i = 0; i < a.length; i++) a[i] = rnd.nextFloat() - 0.5f;
            for (int i = 0; i < b.length; i++) b[i] = rnd.nextFloat() - 0.5f;
            double gflop = 2e-9 * m * n * k;
            for (GemmImpl x : g) slice(x, opA, opB, m, n, k, a, b, c, 1000); // warm-up
            double[][] rate = new double[g.length][rounds];
            double[][] cpuRate = new double[g.length][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int j = 0; j < g.length; j++) {
                    int i = (j + r) % g.length;
                    if (settleMs > 0) slice(g[i], opA, opB, m, n, k, a, b, c, settleMs);
                    double[] callsSec = slice(g[i], opA, opB, m, n, k, a, b, c, sliceMs);
                    rate[i][r] = gflop * callsSec[0] / callsSec[1];
                    cpuRate[i][r] = gflop * callsSec[0] / callsSec[2];
                }
            }
            double peer = median(rate[g.length - 1]), cpuPeer = median(cpuRate[g.length - 1]);
            for (int i = 0; i < g.length; i++) {
                double med = median(rate[i]);
                System.out.printf(Locale.ROOT, "%-18s %-12s threads %d  median %7.1f  best %7.1f GFLOPS  median / %s %.2f",
                        shape, impls.get(i), threads, med, Arrays.stream(rate[i]).max().orElse(0), impls.get(g.length - 1),
                        med / peer);
                if (threads == 1) {
                    System.out.printf(Locale.ROOT, "   cpu: median %7.1f GFLOPS, / %s %.2f", median(cpuRate[i]),
                            impls.get(g.length - 1), median(cpuRate[i]) / cpuPeer);
                }
                System.out.println();
            }
        }
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /** Calls for about {@code ms} milliseconds; returns {calls, seconds, CPU seconds of this thread}. */
    static double[] slice(GemmImpl g, Op opA, Op opB, int m, int n, int k, float[] a, float[] b, float[] c, long ms) {
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime(), end = t0 + ms * 1_000_000L, t;
        int calls = 0;
        do {
            g.gemm(opA, opB, m, n, k, a, b, c);
            calls++;
            t = System.nanoTime();
        } while (t < end);
        return new double[] {calls, (t - t0) / 1e9, (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9};
    }

    static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
