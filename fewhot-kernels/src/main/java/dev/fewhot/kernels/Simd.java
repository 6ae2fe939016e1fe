package dev.fewhot.kernels;

import java.util.Locale;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector width every kernel uses and what the machine offers, read once at class load.
 *
 * <p>By default the kernels use the JIT's preferred species (512 bits on AVX-512, 256 on AVX2,
 * 128 on NEON). The system property {@value #BITS_PROPERTY} ({@code 128}, {@code 256} or
 * {@code 512}) forces a width: the tests use it to run every kernel at every width on any machine
 * (a width wider than the hardware's is correct but slow, as the Vector API then works in
 * software). The register count is that of the ISA behind the preferred width: 32 vector
 * registers on AVX-512 and on AArch64, 16 on AVX2 and older x86 (what HotSpot's
 * {@code -XX:UseAVX=2} leaves on an AVX-512 machine).
 */
public final class Simd {
    private Simd() { }

    /** System property forcing the vector width in bits: 128, 256 or 512. */
    public static final String BITS_PROPERTY = "fewhot.vector.bits";

    /** {@value #BITS_PROPERTY} as it was when the kernels' width was fixed, or null. */
    private static final String FORCED_BITS = System.getProperty(BITS_PROPERTY);

    /** The float species of every kernel. */
    static final VectorSpecies<Float> FLOAT = floatSpecies(FORCED_BITS);

    static VectorSpecies<Float> floatSpecies(String bits) {
        if (bits == null || bits.isBlank()) return FloatVector.SPECIES_PREFERRED;
        switch (bits.trim()) {
            case "128": return FloatVector.SPECIES_128;
            case "256": return FloatVector.SPECIES_256;
            case "512": return FloatVector.SPECIES_512;
            default:
                throw new IllegalArgumentException(BITS_PROPERTY + " must be 128, 256 or 512, got '"
                        + (bits.length() > 20 ? bits.substring(0, 20) + "..." : bits) + "'");
        }
    }

    /**
     * The one float species for vector code anywhere in fewhot. Vector code outside the kernels
     * takes this one too: a second float species in the same JVM can put a second receiver class
     * into the JDK's shared type profiles (FloatVector.intoArray and its callees) and make the
     * compiler fail to inline a kernel's vector stores (see {@link VectorOps}).
     *
     * @return the kernels' float species
     */
    public static VectorSpecies<Float> floats() {
        return FLOAT;
    }

    /** @return the kernels' vector width in bits */
    public static int bits() {
        return FLOAT.vectorBitSize();
    }

    /** @return floats per vector in the kernels */
    public static int lanes() {
        return FLOAT.length();
    }

    /** @return the JIT's preferred vector width in bits (the widest the hardware runs natively) */
    public static int preferredBits() {
        return VectorShape.preferredShape().vectorBitSize();
    }

    /** @return whether {@value #BITS_PROPERTY} set the width */
    public static boolean forced() {
        return FORCED_BITS != null && !FORCED_BITS.isBlank();
    }

    /** @return the vector registers the JIT can allocate: 32 on AVX-512 and AArch64, else 16 */
    public static int registers() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (arch.equals("aarch64") || arch.equals("arm64")) return 32;
        return preferredBits() >= 512 ? 32 : 16;
    }

    /** @return a short name of the instruction set the kernels run on, e.g. {@code AVX-512} */
    public static String isa() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (arch.equals("aarch64") || arch.equals("arm64")) {
            return preferredBits() > 128 ? "SVE" : "NEON";
        }
        if (arch.equals("amd64") || arch.equals("x86_64")) {
            int p = preferredBits();
            return p >= 512 ? "AVX-512" : p >= 256 ? "AVX2" : "SSE";
        }
        return arch;
    }

    /** @return e.g. {@code AVX-512, 16 x float (512-bit)} */
    static String width() {
        return isa() + ", " + lanes() + " x float (" + bits() + "-bit" + (forced() ? ", forced" : "") + ")";
    }

    /** @return e.g. {@code AVX-512, 16 x float (512-bit), 32 vector registers} */
    public static String describe() {
        return width() + ", " + registers() + " vector registers";
    }
}
