package dev.fewhot.kernels;

import java.util.Locale;

/**
 * The shape of {@link Sgemm}'s register block: {@link #rows()} rows of A times {@link #vectors()}
 * vectors of B held in {@code rows x vectors} accumulator registers, plus {@code vectors} registers
 * for B and one for the broadcast element of A. A block must fit the ISA's vector registers or
 * the JIT spills accumulators to the stack on every step of K (a 6 x 4 block needs 29 of them:
 * about half speed on AVX2's 16); {@link #forRegisters} also leaves the JIT some room.
 *
 * <p>The block shape changes only which elements one kernel call computes together, never the
 * sequence of operations that makes an element: results are bit-identical whatever the block.
 */
public enum RegisterBlock {
    /** 6 rows x 4 vectors: 29 registers. */
    B6X4(6, 4),
    /** 8 rows x 3 vectors: 28 registers. */
    B8X3(8, 3),
    /** 12 rows x 2 vectors: 27 registers (the choice with 32: AVX-512, AArch64). */
    B12X2(12, 2),
    /** 6 rows x 2 vectors: 15 registers. */
    B6X2(6, 2),
    /** 5 rows x 2 vectors: 13 registers. */
    B5X2(5, 2),
    /** 4 rows x 3 vectors: 16 registers. */
    B4X3(4, 3),
    /** 4 rows x 2 vectors: 11 registers (the choice with 16: AVX2). */
    B4X2(4, 2);

    /** System property forcing the block, e.g. {@code 6x2}. */
    public static final String PROPERTY = "fewhot.gemm.block";

    private final int rows;
    private final int vectors;

    RegisterBlock(int rows, int vectors) {
        this.rows = rows;
        this.vectors = vectors;
    }

    /** @return rows of A per block (MR) */
    public int rows() {
        return rows;
    }

    /** @return vectors of B per block (NR = vectors x lanes) */
    public int vectors() {
        return vectors;
    }

    /** @return vector registers the block needs: accumulators, B vectors and one broadcast */
    public int registersNeeded() {
        return rows * vectors + vectors + 1;
    }

    /** @return e.g. {@code 6x4} */
    public String label() {
        return rows + "x" + vectors;
    }

    /**
     * Vector registers a block leaves free for the JIT. A block within 3 registers of the limit
     * (6 x 4 with 32, 6 x 2 with 16) is compiled well or badly depending on the profile the JIT
     * happened to collect, and the bad compilation stays for the life of the JVM: on an Intel
     * Xeon (AVX-512) the same training command ran at 15,000 or 20,000 samples/s (1 thread) and
     * 15,000 or 30,000 (2 threads) from one JVM to the next with 6 x 4, and at 20,000-22,000
     * and 29,000-31,500 in every JVM with 12 x 2; held to AVX2, 6 x 2 gave 10,000-13,600 and
     * 4 x 2 11,800-12,900 (docs/benchmarks.md).
     */
    public static final int HEADROOM = 5;

    /**
     * The block for a register file: the most accumulators among the blocks that leave
     * {@link #HEADROOM} registers free (12 x 2 for 32 registers, 4 x 2 for 16).
     *
     * @param registers vector registers of the ISA
     * @return the block
     */
    public static RegisterBlock forRegisters(int registers) {
        RegisterBlock best = B4X2;
        for (RegisterBlock b : values()) {
            boolean fits = b.registersNeeded() + HEADROOM <= registers;
            if (fits && b.rows * b.vectors > best.rows * best.vectors) best = b;
        }
        return best;
    }

    /** Registers a block must leave free to be raced ({@link #raced}). */
    public static final int RACE_HEADROOM = 3;

    /**
     * The blocks {@link KernelChoice} races: the register rule's ({@link #forRegisters}) and those
     * with more accumulators that still leave {@link #RACE_HEADROOM} registers free. The race asks
     * one question, whether more accumulators pay on this machine and JVM: with 16 registers
     * 5 x 2 against 4 x 2; with 32 none (12 x 2 already has as many accumulators as any block
     * that leaves 3 free), so there is no race.
     *
     * @param registers vector registers of the ISA
     * @return the candidates, in declaration order
     */
    public static java.util.List<RegisterBlock> raced(int registers) {
        RegisterBlock rule = forRegisters(registers);
        java.util.List<RegisterBlock> out = new java.util.ArrayList<>();
        for (RegisterBlock b : values()) {
            boolean more = b.rows * b.vectors > rule.rows * rule.vectors
                    && b.registersNeeded() + RACE_HEADROOM <= registers;
            if (b == rule || more) out.add(b);
        }
        return out;
    }

    /** @return the blocks that fit {@code registers} vector registers, largest first */
    public static java.util.List<RegisterBlock> candidates(int registers) {
        java.util.List<RegisterBlock> out = new java.util.ArrayList<>();
        for (RegisterBlock b : values()) if (b.registersNeeded() <= registers) out.add(b);
        return out;
    }

    /**
     * Parses {@code RxV} (e.g. {@code 6x2}).
     *
     * @param s the text
     * @return the block
     * @throws IllegalArgumentException naming the known blocks
     */
    public static RegisterBlock parse(String s) {
        String t = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        for (RegisterBlock b : values()) if (b.label().equals(t)) return b;
        StringBuilder known = new StringBuilder();
        for (RegisterBlock b : values()) known.append(known.length() == 0 ? "" : ", ").append(b.label());
        throw new IllegalArgumentException(PROPERTY + " must be one of " + known + ", got '"
                + (t.length() > 20 ? t.substring(0, 20) + "..." : t) + "'");
    }
}
