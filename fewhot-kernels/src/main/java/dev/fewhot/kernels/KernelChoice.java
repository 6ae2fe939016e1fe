package dev.fewhot.kernels;

/**
 * Chooses {@link Sgemm}'s register block for this machine and JVM, once: the system property
 * {@value RegisterBlock#PROPERTY} if set (e.g. {@code -Dfewhot.gemm.block=6x2}), else the largest
 * block that fits the ISA's vector registers with {@link RegisterBlock#HEADROOM} to spare
 * ({@link RegisterBlock#forRegisters}, with {@link Simd#registers()}): 12 x 2 vectors on AVX-512
 * and AArch64 (32 registers), 4 x 2 on AVX2 (16). Measured on AMD EPYC Zen 4 and an Intel Xeon
 * with AVX-512: see docs/benchmarks.md.
 */
final class KernelChoice {
    private KernelChoice() { }

    private static final String FORCED = System.getProperty(RegisterBlock.PROPERTY);

    /** @return the register block of {@code new Sgemm(threads)} */
    static RegisterBlock block() {
        if (FORCED != null && !FORCED.isBlank()) return RegisterBlock.parse(FORCED);
        return RegisterBlock.forRegisters(Simd.registers());
    }

    /** @return where {@link #block()} came from, e.g. {@code fits 32 vector registers} */
    static String source() {
        if (FORCED != null && !FORCED.isBlank()) return "forced by " + RegisterBlock.PROPERTY;
        return "fits " + Simd.registers() + " vector registers";
    }
}
