package dev.fewhot.kernels;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Chooses {@link Sgemm}'s register block for this machine and JVM, once, at first use:
 * <ol>
 *   <li>the system property {@value RegisterBlock#PROPERTY} if set (e.g. {@code -Dfewhot.gemm.block=5x2});</li>
 *   <li>else, when more than one block is a candidate ({@link RegisterBlock#raced}: 4 x 2 and 5 x 2
 *       with 16 vector registers; with 32 there is one, 12 x 2), the fastest in a short race
 *       ({@link #race}, about a second of one core) on a training step's four products, kept
 *       on disk per CPU, JVM and vector width ({@link KernelCache}, file {@value #FILE}) so that
 *       later runs take it without racing. The block of the register rule
 *       ({@link RegisterBlock#forRegisters}) stays unless another is at least {@value #MARGIN}
 *       times as fast: the race only moves off the rule for a clear gain;</li>
 *   <li>else (a single candidate, a forced vector width, or {@value #RACE_PROPERTY}{@code =off})
 *       the register rule.</li>
 * </ol>
 * Why a race: held to AVX2 on an Intel Xeon, OpenJDK 17 ran 5 x 2 12% faster than 4 x 2 and
 * Temurin 25 2-4% slower on those products (docs/benchmarks.md); no rule on the register count
 * alone follows the JDK. The block changes no result (see {@link RegisterBlock}), only speed.
 */
final class KernelChoice {
    private KernelChoice() { }

    /** System property: {@code off} skips the race and takes the register rule. */
    static final String RACE_PROPERTY = "fewhot.gemm.race";
    /** The file of kept races in the {@link KernelCache} folder. */
    static final String FILE = "gemm-block.txt";
    /**
     * How much faster than the register rule's block another must run to be taken. Held to AVX2
     * on an Intel Xeon (the race alone in a one-off harness, separate JVMs), 5 x 2 / 4 x 2 on the
     * race's products: OpenJDK 17 1.123 and 1.125, Temurin 25 0.958-0.981. With 1.03 a race under
     * Temurin 25 kept 5 x 2 (88.5 against 85.5 GFLOPS), with which the trainer's products then
     * ran slower than with 4 x 2 on six of eight (docs/benchmarks.md).
     */
    static final double MARGIN = 1.05;
    /** The way the race is run, in the kept key: a change of the race times again. */
    static final int RACE_VERSION = 2;

    /** A chosen block and where it came from. */
    record Choice(RegisterBlock block, String source) { }

    /** Chosen at first use (class initialisation is the lock: other threads wait for the race). */
    private static final class Chosen {
        static final Choice CHOICE = choose(System.getProperty(RegisterBlock.PROPERTY),
                System.getProperty(RACE_PROPERTY), KernelCache.file(FILE), Simd.forced(), Simd.registers());
    }

    /** @return the register block of {@code new Sgemm(threads)} */
    static RegisterBlock block() {
        return Chosen.CHOICE.block();
    }

    /** @return where {@link #block()} came from, e.g. {@code fits 32 vector registers} */
    static String source() {
        return Chosen.CHOICE.source();
    }

    /**
     * The choice for this machine and JVM.
     *
     * @param forced the value of {@value RegisterBlock#PROPERTY}, or null
     * @param race   the value of {@value #RACE_PROPERTY}, or null
     * @param file   the file of kept races, or null to keep nothing
     * @param widthForced whether {@value Simd#BITS_PROPERTY} forced the vector width
     * @param registers   vector registers of the ISA
     * @return the block and its source
     */
    static Choice choose(String forced, String race, Path file, boolean widthForced, int registers) {
        if (forced != null && !forced.isBlank()) {
            return new Choice(RegisterBlock.parse(forced), "forced by " + RegisterBlock.PROPERTY);
        }
        RegisterBlock rule = RegisterBlock.forRegisters(registers);
        Choice byRule = new Choice(rule, "fits " + registers + " vector registers");
        List<RegisterBlock> raced = RegisterBlock.raced(registers);
        boolean off = race != null && race.strip().equalsIgnoreCase("off");
        // a forced width may be one the hardware runs in software, where a race means nothing
        if (off || widthForced || raced.size() < 2) return byRule;
        String key = key(registers, raced);
        String kept = KernelCache.read(file).get(key);
        Choice k = kept == null ? null : fromKept(kept, raced);
        if (k != null) return k;
        double[] gflops;
        try {
            gflops = race(raced, RACE_SHAPES, WARM_NANOS, TIMED_NANOS);
        } catch (RuntimeException | OutOfMemoryError e) {
            // this runs in class initialisation: a failure here must not make Sgemm unusable
            return new Choice(rule, byRule.source() + " (the race failed: " + e + ")");
        }
        RegisterBlock winner = winner(raced, gflops, rule);
        String timings = timings(raced, gflops);
        KernelCache.keep(file, "fewhot: the GEMM register block raced fastest on this machine and JVM"
                + " (delete a line to race again)", key, winner.label() + " " + timings);
        return new Choice(winner, "raced on this machine and JVM: " + readable(timings));
    }

    /** The key of a race: the machine and JVM, the register count, the candidates, the race's version. */
    static String key(int registers, List<RegisterBlock> raced) {
        StringBuilder c = new StringBuilder();
        for (RegisterBlock b : raced) c.append(c.length() == 0 ? "" : ",").append(b.label());
        return KernelCache.machineKey() + "|registers:" + registers + "|candidates:" + c
                + "|race:" + RACE_VERSION;
    }

    /**
     * The block to take: the fastest, unless the rule's block is within {@link #MARGIN} of it.
     *
     * @param raced  the candidates
     * @param gflops their speeds, in order
     * @param rule   the register rule's block (one of the candidates, or not)
     * @return the block
     */
    static RegisterBlock winner(List<RegisterBlock> raced, double[] gflops, RegisterBlock rule) {
        int best = 0;
        for (int i = 1; i < gflops.length; i++) if (gflops[i] > gflops[best]) best = i;
        int r = raced.indexOf(rule);
        if (r >= 0 && gflops[r] * MARGIN >= gflops[best]) return rule;
        return raced.get(best);
    }

    /** @return e.g. {@code 4x2:72.0,5x2:78.1} */
    static String timings(List<RegisterBlock> raced, double[] gflops) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < raced.size(); i++) {
            s.append(i == 0 ? "" : ",").append(raced.get(i).label()).append(':')
                    .append(String.format(Locale.ROOT, "%.1f", gflops[i]));
        }
        return s.toString();
    }

    /** @return e.g. {@code 4x2 72.0, 5x2 78.1 GFLOPS} */
    private static String readable(String timings) {
        return timings.replace(':', ' ').replace(",", ", ") + " GFLOPS";
    }

    /**
     * A kept race as a choice, or null when the line is malformed or names a block that is not a
     * candidate (then the race is run again).
     *
     * @param value e.g. {@code 5x2 4x2:72.0,5x2:78.1}
     * @param raced the candidates
     */
    static Choice fromKept(String value, List<RegisterBlock> raced) {
        String[] f = value.strip().split(" ");
        if (f.length != 2) return null;
        RegisterBlock b;
        try {
            b = RegisterBlock.parse(f[0]);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!raced.contains(b)) return null;
        for (String t : f[1].split(",")) {
            int c = t.indexOf(':');
            if (c <= 0) return null;
            try {
                Double.parseDouble(t.substring(c + 1));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return new Choice(b, "kept from a race on this machine and JVM: " + readable(f[1]));
    }

    /** A product of the race: op(A), op(B), m, n, k. */
    record Shape(Op opA, Op opB, int m, int n, int k) {
        double flops() {
            return 2.0 * m * n * k;
        }
    }

    /**
     * The race's products: a training step's four at batch 256, those of an MLP 256-1024-512
     * (forward NN 256x1024x256 and NN 256x512x1024, input gradient NT 256x1024x512, weight
     * gradient TN 1024x512x256), whole: their B and C leave the L2 cache as in training, which
     * the former products (a quarter of the size, three kinds) showed less: 5 x 2 / 4 x 2 under
     * OpenJDK 17 1.045 and 1.092 there against 1.12 here. A round is 0.94 GFLOP (about 11 ms at 85 GFLOPS).
     */
    static final List<Shape> RACE_SHAPES = List.of(new Shape(Op.N, Op.N, 256, 1024, 256),
            new Shape(Op.N, Op.N, 256, 512, 1024), new Shape(Op.N, Op.T, 256, 1024, 512),
            new Shape(Op.T, Op.N, 1024, 512, 256));
    /** Least time each block runs untimed (small products, then the race's) before the timed rounds. */
    static final long WARM_NANOS = 200_000_000L;
    /** Least time each block runs in the timed rounds (and at least 5 rounds). */
    static final long TIMED_NANOS = 100_000_000L;

    /**
     * GFLOPS of each block on the race's products, one thread: each block first runs small
     * products until it has spent {@code warmNanos} (so that the JIT's top tier has compiled its
     * micro-kernel: timed cold it runs many times slower), then three untimed rounds of the race's
     * products; then timed rounds, the blocks taking turns within each round so that a load change
     * hits them alike, until each has run {@code timedNanos} and 5 rounds. Best round per block.
     *
     * @param blocks     the candidates
     * @param shapes     the products of a round
     * @param warmNanos  least untimed time per block
     * @param timedNanos least timed time per block
     * @return GFLOPS per block, in order
     */
    static double[] race(List<RegisterBlock> blocks, List<Shape> shapes, long warmNanos, long timedNanos) {
        int maxA = 1, maxB = 1, maxC = 1;
        double flops = 0;
        for (Shape s : shapes) {
            maxA = Math.max(maxA, s.m * s.k);
            maxB = Math.max(maxB, s.k * s.n);
            maxC = Math.max(maxC, s.m * s.n);
            flops += s.flops();
        }
        float[] a = Warmup.fill(maxA), b = Warmup.fill(maxB), c = new float[maxC];
        List<Sgemm> gemms = new ArrayList<>();
        for (RegisterBlock block : blocks) gemms.add(new Sgemm(1, block));
        for (Sgemm g : gemms) warm(g, warmNanos);
        for (int r = 0; r < 3; r++) for (Sgemm g : gemms) round(g, shapes, a, b, c);
        double[] best = new double[blocks.size()];
        java.util.Arrays.fill(best, Double.MAX_VALUE);
        long[] timed = new long[blocks.size()];
        for (int rounds = 1; ; rounds++) {
            for (int i = 0; i < gemms.size(); i++) {
                int j = (i + rounds) % gemms.size(); // the first of a round rotates
                long t0 = System.nanoTime();
                round(gemms.get(j), shapes, a, b, c);
                long dt = System.nanoTime() - t0;
                timed[j] += dt;
                best[j] = Math.min(best[j], dt);
            }
            long least = Long.MAX_VALUE;
            for (long t : timed) least = Math.min(least, t);
            if (rounds >= 5 && least >= timedNanos) break;
        }
        double[] gflops = new double[best.length];
        for (int i = 0; i < best.length; i++) gflops[i] = flops / best[i];
        return gflops;
    }

    /** Small products of the packed path in the three forms until {@code nanos} have passed. */
    private static void warm(Sgemm g, long nanos) {
        RegisterBlock block = g.block();
        // more than four panels of B: the packed path, not the rows-in-place one
        int m = 4 * block.rows(), n = 6 * block.vectors() * Sgemm.L, k = 64;
        float[] a = Warmup.fill(m * k), b = Warmup.fill(k * n), c = new float[m * n];
        long t0 = System.nanoTime();
        do {
            Warmup.stepProducts(g, m, n, k, a, b, c, null, Activation.NONE);
        } while (System.nanoTime() - t0 < nanos);
    }

    private static void round(Sgemm g, List<Shape> shapes, float[] a, float[] b, float[] c) {
        for (Shape s : shapes) {
            int lda = s.opA == Op.N ? s.k : s.m, ldb = s.opB == Op.N ? s.n : s.k;
            g.gemm(s.opA, s.opB, s.m, s.n, s.k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, s.n);
        }
    }
}
