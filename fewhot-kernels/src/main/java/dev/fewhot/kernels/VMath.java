package dev.fewhot.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vectorised float exp / log / log1p (Cephes single-precision range reductions and minimax
 * polynomials, max relative error about 1-2 ulp), because JDK 17 does not intrinsify the
 * Vector API's {@code EXP} / {@code LOG} lanewise operations. Only bit operations, blends and
 * arithmetic, so that C2 compiles them to straight-line SIMD code; the polynomials are Horner
 * steps of fused multiply-adds ({@code FMA}: one rounding, the same bits at every vector width).
 * Against separate multiplies and adds (Intel Xeon, Temurin 25, one thread, three alternating
 * pairs of JVMs a width, a one-off harness timing the kernels on 256 x 512 elements), the ASL
 * loss and gradient took 7-16% less time and BCE 2-20%, held to AVX2 and with AVX-512;
 * LossKernelsTest keeps the 2-ulp bounds and checks that the array passes give the helpers' bits.
 */
final class VMath {
    private VMath() {}

    static final VectorSpecies<Float> S = Simd.FLOAT;
    static final int L = S.length();

    private static final float LOG2E = 1.44269504088896341f;
    private static final float MAGIC = 12582912f;            // 1.5 * 2^23: x + MAGIC rounds to an integer
    private static final int MAGIC_BITS = 0x4B400000;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** exp(x) for x below this is flushed to 0 (e^-87.33 = 1.18e-38, the smallest normal float). */
    static final float EXP_LO = -87.33654f;
    /** exp saturates at exp(88) = 1.65e38 (finite): the kernels never need an infinite exp. */
    static final float EXP_HI = 88.0f;
    private static final float SQRT_HALF = 0.707106781186547524f;
    private static final float SQRT_TWO = 1.41421356237309505f;

    /**
     * e^x for finite x, relative error about 1 ulp; 0 below {@link #EXP_LO}, saturating at
     * e^88 above {@link #EXP_HI}; NaN gives NaN.
     */
    static FloatVector exp(FloatVector x) {
        VectorMask<Float> under = x.compare(VectorOperators.LT, EXP_LO);
        FloatVector xc = x.max(EXP_LO).min(EXP_HI);
        FloatVector t = xc.mul(LOG2E).add(MAGIC);                 // round(x log2 e) in the low bits
        FloatVector n = t.sub(MAGIC);
        FloatVector r = xc.sub(n.mul(LN2_HI)).sub(n.mul(LN2_LO));
        FloatVector z = r.mul(r);
        FloatVector y = r.lanewise(VectorOperators.FMA, 1.9875691500E-4f, 1.3981999507E-3f)
                .lanewise(VectorOperators.FMA, r, 8.3334519073E-3f)
                .lanewise(VectorOperators.FMA, r, 4.1665795894E-2f)
                .lanewise(VectorOperators.FMA, r, 1.6666665459E-1f)
                .lanewise(VectorOperators.FMA, r, 5.0000001201E-1f)
                .fma(z, r).add(1f);
        // 2^n: the low bits of t hold MAGIC_BITS + n, and (MAGIC_BITS << 23) == 0 (mod 2^32)
        FloatVector pow2n = ((IntVector) t.reinterpretAsInts())
                .lanewise(VectorOperators.LSHL, 23).add(0x3F800000).reinterpretAsFloats();
        return y.mul(pow2n).blend(0f, under);
    }

    /**
     * log(x) for x > 0 (normal or subnormal); log(0) = -Infinity. Negative, infinite and NaN
     * inputs give unspecified values: the callers never pass them.
     */
    static FloatVector log(FloatVector x) {
        VectorMask<Float> sub = x.compare(VectorOperators.LT, Float.MIN_NORMAL);
        VectorMask<Float> zero = x.compare(VectorOperators.EQ, 0f);
        FloatVector xs = x.blend(x.mul(33554432f), sub);           // subnormal: times 2^25
        IntVector bits = (IntVector) xs.reinterpretAsInts();
        // mantissa in [0.5, 1), exponent e with x = m 2^e
        FloatVector m = bits.and(0x007FFFFF).or(0x3F000000).reinterpretAsFloats();
        IntVector eBits = bits.lanewise(VectorOperators.LSHR, 23).and(0xFF);
        FloatVector e = eBits.add(MAGIC_BITS).reinterpretAsFloats().sub(MAGIC + 126f);
        e = e.sub(e.broadcast(0f).blend(25f, sub));
        VectorMask<Float> small = m.compare(VectorOperators.LT, SQRT_HALF);
        FloatVector f = m.sub(1f).add(m.broadcast(0f).blend(m, small));   // 2m-1 or m-1
        e = e.sub(e.broadcast(0f).blend(1f, small));
        FloatVector res = logPoly(f, e);
        return res.blend(Float.NEGATIVE_INFINITY, zero);
    }

    /**
     * log1p(e) for e in [0, 1], given {@code r = 1 / (1 + e)} (which the callers have): log of
     * the rounded {@code u = 1 + e} plus the rounding correction {@code (e - (u - 1)) / u}.
     */
    static FloatVector log1p01(FloatVector e, FloatVector r) {
        FloatVector u = e.add(1f);
        FloatVector c = e.sub(u.sub(1f)).mul(r);
        VectorMask<Float> big = u.compare(VectorOperators.GT, SQRT_TWO);
        // u in [1, sqrt 2]: f = u - 1, k = 0; u in (sqrt 2, 2]: f = u/2 - 1 (exact), k = 1
        FloatVector f = u.sub(1f).blend(u.mul(0.5f).sub(1f), big);
        FloatVector k = u.broadcast(0f).blend(1f, big);
        return logPoly(f, k).add(c);
    }

    /** log(1 + f) + k ln 2 for f in [sqrt(1/2) - 1, sqrt(2) - 1] (Cephes logf). */
    private static FloatVector logPoly(FloatVector f, FloatVector k) {
        FloatVector z = f.mul(f);
        FloatVector y = f.lanewise(VectorOperators.FMA, 7.0376836292E-2f, -1.1514610310E-1f)
                .lanewise(VectorOperators.FMA, f, 1.1676998740E-1f)
                .lanewise(VectorOperators.FMA, f, -1.2420140846E-1f)
                .lanewise(VectorOperators.FMA, f, 1.4249322787E-1f)
                .lanewise(VectorOperators.FMA, f, -1.6668057665E-1f)
                .lanewise(VectorOperators.FMA, f, 2.0000714765E-1f)
                .lanewise(VectorOperators.FMA, f, -2.4999993993E-1f)
                .lanewise(VectorOperators.FMA, f, 3.3333331174E-1f)
                .mul(f).mul(z);
        y = y.add(k.mul(LN2_LO));
        y = y.sub(z.mul(0.5f));
        return f.add(y).add(k.mul(LN2_HI));
    }

    /** u^k for a small non-negative integer k (multiplications). */
    static FloatVector powInt(FloatVector u, int k) {
        switch (k) {
            case 0: return u.broadcast(1f);
            case 1: return u;
            case 2: return u.mul(u);
            case 3: return u.mul(u).mul(u);
            case 4: {
                FloatVector u2 = u.mul(u);
                return u2.mul(u2);
            }
            default: {
                FloatVector result = u.broadcast(1f);
                FloatVector b = u;
                int n = k;
                while (n > 0) {
                    if ((n & 1) != 0) result = result.mul(b);
                    n >>= 1;
                    if (n > 0) b = b.mul(b);
                }
                return result;
            }
        }
    }

    // ------------------------------------------------------------ array passes
    //
    // The same arithmetic as exp / log / log1p01 above, as loops over float arrays. On JDK 17 a
    // vector that crosses a call C2 did not inline is boxed (a heap allocation per vector), and C2
    // does not inline these vector helpers into the big loss loops (node-count cutoff, or "already
    // compiled into a big method"). The loss kernels therefore call only these array passes, whose
    // loop bodies contain no calls of vector-valued helpers: a pass that is not inlined costs a
    // call per block, not a box per vector. The bodies are duplicated on purpose.

    /** {@code e[k] = exp(-|x[i0 + k]|)}, {@code r[k] = 1 / (1 + e[k])} for k in [0, n), n a multiple of L. */
    static void sigmoidPass(float[] x, int i0, int n, float[] e, float[] r) {
        for (int k = 0; k < n; k += L) {
            FloatVector xc = FloatVector.fromArray(S, x, i0 + k).abs().neg();
            VectorMask<Float> under = xc.compare(VectorOperators.LT, EXP_LO);
            // = xc.max(EXP_LO).min(EXP_HI) (also for NaN): -|x| <= 0 < EXP_HI, and a blend is a
            // single instruction where Java's max / min expand to NaN and -0 handling
            xc = xc.blend(EXP_LO, under);
            FloatVector t = xc.mul(LOG2E).add(MAGIC);
            FloatVector nn = t.sub(MAGIC);
            FloatVector rr = xc.sub(nn.mul(LN2_HI)).sub(nn.mul(LN2_LO));
            FloatVector z = rr.mul(rr);
            FloatVector y = rr.lanewise(VectorOperators.FMA, 1.9875691500E-4f, 1.3981999507E-3f)
                    .lanewise(VectorOperators.FMA, rr, 8.3334519073E-3f)
                    .lanewise(VectorOperators.FMA, rr, 4.1665795894E-2f)
                    .lanewise(VectorOperators.FMA, rr, 1.6666665459E-1f)
                    .lanewise(VectorOperators.FMA, rr, 5.0000001201E-1f)
                    .fma(z, rr).add(1f);
            FloatVector pow2n = ((IntVector) t.reinterpretAsInts())
                    .lanewise(VectorOperators.LSHL, 23).add(0x3F800000).reinterpretAsFloats();
            FloatVector ev = y.mul(pow2n).blend(0f, under);
            ev.intoArray(e, k);
            ev.broadcast(1f).div(ev.add(1f)).intoArray(r, k);
        }
    }

    /** {@code dst[k] = exp(src[k])} for k in [0, n), n a multiple of L (as {@link #exp}). */
    static void expPass(float[] src, int n, float[] dst) {
        for (int k = 0; k < n; k += L) {
            FloatVector x = FloatVector.fromArray(S, src, k);
            VectorMask<Float> under = x.compare(VectorOperators.LT, EXP_LO);
            // = x.max(EXP_LO).min(EXP_HI), also for NaN (both compares false)
            FloatVector xc = x.blend(EXP_LO, under).blend(EXP_HI, x.compare(VectorOperators.GT, EXP_HI));
            FloatVector t = xc.mul(LOG2E).add(MAGIC);
            FloatVector nn = t.sub(MAGIC);
            FloatVector rr = xc.sub(nn.mul(LN2_HI)).sub(nn.mul(LN2_LO));
            FloatVector z = rr.mul(rr);
            FloatVector y = rr.lanewise(VectorOperators.FMA, 1.9875691500E-4f, 1.3981999507E-3f)
                    .lanewise(VectorOperators.FMA, rr, 8.3334519073E-3f)
                    .lanewise(VectorOperators.FMA, rr, 4.1665795894E-2f)
                    .lanewise(VectorOperators.FMA, rr, 1.6666665459E-1f)
                    .lanewise(VectorOperators.FMA, rr, 5.0000001201E-1f)
                    .fma(z, rr).add(1f);
            FloatVector pow2n = ((IntVector) t.reinterpretAsInts())
                    .lanewise(VectorOperators.LSHL, 23).add(0x3F800000).reinterpretAsFloats();
            y.mul(pow2n).blend(0f, under).intoArray(dst, k);
        }
    }

    /** {@code lg[k] = log1p01(e[k], r[k])} for k in [0, n), n a multiple of L. */
    static void log1pPass(float[] e, float[] r, int n, float[] lg) {
        log1pPass(e, r, n, lg, null, 0);
    }

    /**
     * {@link #log1pPass} where {@code need} is null; else only for the vectors in which some
     * {@code need[needOff + k]} is not 0 (or NaN), and 0 in the others: the asymmetric loss needs
     * log p only where a target is positive.
     */
    static void log1pPass(float[] e, float[] r, int n, float[] lg, float[] need, int needOff) {
        for (int k = 0; k < n; k += L) {
            if (need != null && !FloatVector.fromArray(S, need, needOff + k).compare(VectorOperators.NE, 0f).anyTrue()) {
                FloatVector.zero(S).intoArray(lg, k);
                continue;
            }
            FloatVector ev = FloatVector.fromArray(S, e, k);
            FloatVector u = ev.add(1f);
            FloatVector c = ev.sub(u.sub(1f)).mul(FloatVector.fromArray(S, r, k));
            VectorMask<Float> big = u.compare(VectorOperators.GT, SQRT_TWO);
            FloatVector f = u.sub(1f).blend(u.mul(0.5f).sub(1f), big);
            FloatVector kk = u.broadcast(0f).blend(1f, big);
            // logPoly(f, kk)
            FloatVector z = f.mul(f);
            FloatVector y = f.lanewise(VectorOperators.FMA, 7.0376836292E-2f, -1.1514610310E-1f)
                    .lanewise(VectorOperators.FMA, f, 1.1676998740E-1f)
                    .lanewise(VectorOperators.FMA, f, -1.2420140846E-1f)
                    .lanewise(VectorOperators.FMA, f, 1.4249322787E-1f)
                    .lanewise(VectorOperators.FMA, f, -1.6668057665E-1f)
                    .lanewise(VectorOperators.FMA, f, 2.0000714765E-1f)
                    .lanewise(VectorOperators.FMA, f, -2.4999993993E-1f)
                    .lanewise(VectorOperators.FMA, f, 3.3333331174E-1f)
                    .mul(f).mul(z);
            y = y.add(kk.mul(LN2_LO));
            y = y.sub(z.mul(0.5f));
            f.add(y).add(kk.mul(LN2_HI)).add(c).intoArray(lg, k);
        }
    }

    /** {@code dst[k] = log(src[k])} for k in [0, n), n a multiple of L (as {@link #log}). */
    static void logPass(float[] src, int n, float[] dst) {
        for (int k = 0; k < n; k += L) {
            FloatVector x = FloatVector.fromArray(S, src, k);
            VectorMask<Float> sub = x.compare(VectorOperators.LT, Float.MIN_NORMAL);
            VectorMask<Float> zero = x.compare(VectorOperators.EQ, 0f);
            FloatVector xs = x.blend(x.mul(33554432f), sub);
            IntVector bits = (IntVector) xs.reinterpretAsInts();
            FloatVector m = bits.and(0x007FFFFF).or(0x3F000000).reinterpretAsFloats();
            IntVector eBits = bits.lanewise(VectorOperators.LSHR, 23).and(0xFF);
            FloatVector e = eBits.add(MAGIC_BITS).reinterpretAsFloats().sub(MAGIC + 126f);
            e = e.sub(e.broadcast(0f).blend(25f, sub));
            VectorMask<Float> small = m.compare(VectorOperators.LT, SQRT_HALF);
            FloatVector f = m.sub(1f).add(m.broadcast(0f).blend(m, small));
            e = e.sub(e.broadcast(0f).blend(1f, small));
            // logPoly(f, e)
            FloatVector z = f.mul(f);
            FloatVector y = f.lanewise(VectorOperators.FMA, 7.0376836292E-2f, -1.1514610310E-1f)
                    .lanewise(VectorOperators.FMA, f, 1.1676998740E-1f)
                    .lanewise(VectorOperators.FMA, f, -1.2420140846E-1f)
                    .lanewise(VectorOperators.FMA, f, 1.4249322787E-1f)
                    .lanewise(VectorOperators.FMA, f, -1.6668057665E-1f)
                    .lanewise(VectorOperators.FMA, f, 2.0000714765E-1f)
                    .lanewise(VectorOperators.FMA, f, -2.4999993993E-1f)
                    .lanewise(VectorOperators.FMA, f, 3.3333331174E-1f)
                    .mul(f).mul(z);
            y = y.add(e.mul(LN2_LO));
            y = y.sub(z.mul(0.5f));
            f.add(y).add(e.mul(LN2_HI)).blend(Float.NEGATIVE_INFINITY, zero).intoArray(dst, k);
        }
    }

    /**
     * {@link #logPass} for inputs that are normal floats or NaN (no subnormal or zero): the same
     * values without the subnormal and zero fix-ups.
     */
    static void logNormalPass(float[] src, int n, float[] dst) {
        for (int k = 0; k < n; k += L) {
            FloatVector x = FloatVector.fromArray(S, src, k);
            IntVector bits = (IntVector) x.reinterpretAsInts();
            FloatVector m = bits.and(0x007FFFFF).or(0x3F000000).reinterpretAsFloats();
            IntVector eBits = bits.lanewise(VectorOperators.LSHR, 23).and(0xFF);
            FloatVector e = eBits.add(MAGIC_BITS).reinterpretAsFloats().sub(MAGIC + 126f);
            VectorMask<Float> small = m.compare(VectorOperators.LT, SQRT_HALF);
            FloatVector f = m.sub(1f).add(m.broadcast(0f).blend(m, small));
            e = e.sub(e.broadcast(0f).blend(1f, small));
            // logPoly(f, e)
            FloatVector z = f.mul(f);
            FloatVector y = f.lanewise(VectorOperators.FMA, 7.0376836292E-2f, -1.1514610310E-1f)
                    .lanewise(VectorOperators.FMA, f, 1.1676998740E-1f)
                    .lanewise(VectorOperators.FMA, f, -1.2420140846E-1f)
                    .lanewise(VectorOperators.FMA, f, 1.4249322787E-1f)
                    .lanewise(VectorOperators.FMA, f, -1.6668057665E-1f)
                    .lanewise(VectorOperators.FMA, f, 2.0000714765E-1f)
                    .lanewise(VectorOperators.FMA, f, -2.4999993993E-1f)
                    .lanewise(VectorOperators.FMA, f, 3.3333331174E-1f)
                    .mul(f).mul(z);
            y = y.add(e.mul(LN2_LO));
            y = y.sub(z.mul(0.5f));
            f.add(y).add(e.mul(LN2_HI)).intoArray(dst, k);
        }
    }

    /**
     * {@code dst[k] = src[k]^p} for k in [0, n), n a multiple of L, p in [0, 8]: the same products
     * in the same order as {@link #powInt} (one loop per exponent: no loop-carried vectors).
     */
    static void powPass(float[] src, int n, int p, float[] dst) {
        switch (p) {
            case 0:
                java.util.Arrays.fill(dst, 0, n, 1f);
                return;
            case 1:
                System.arraycopy(src, 0, dst, 0, n);
                return;
            case 2:
                for (int k = 0; k < n; k += L) {
                    FloatVector u = FloatVector.fromArray(S, src, k);
                    u.mul(u).intoArray(dst, k);
                }
                return;
            case 3:
                for (int k = 0; k < n; k += L) {
                    FloatVector u = FloatVector.fromArray(S, src, k);
                    u.mul(u).mul(u).intoArray(dst, k);
                }
                return;
            case 4:
                for (int k = 0; k < n; k += L) {
                    FloatVector u = FloatVector.fromArray(S, src, k);
                    FloatVector u2 = u.mul(u);
                    u2.mul(u2).intoArray(dst, k);
                }
                return;
            case 5:
                for (int k = 0; k < n; k += L) {
                    FloatVector u = FloatVector.fromArray(S, src, k);
                    FloatVector u2 = u.mul(u);
                    u.mul(u2.mul(u2)).intoArray(dst, k);
                }
                return;
            case 6:
                for (int k = 0; k < n; k += L) {
                    FloatVector u = FloatVector.fromArray(S, src, k);
                    FloatVector u2 = u.mul(u);
                    u2.mul(u2.mul(u2)).intoArray(dst, k);
                }
                return;
            case 7:
                for (int k = 0; k < n; k += L) {
                    FloatVector u = FloatVector.fromArray(S, src, k);
                    FloatVector u2 = u.mul(u);
                    u.mul(u2).mul(u2.mul(u2)).intoArray(dst, k);
                }
                return;
            case 8:
                for (int k = 0; k < n; k += L) {
                    FloatVector u = FloatVector.fromArray(S, src, k);
                    FloatVector u2 = u.mul(u);
                    FloatVector u4 = u2.mul(u2);
                    u4.mul(u4).intoArray(dst, k);
                }
                return;
            default:
                throw new IllegalArgumentException("exponent " + p);
        }
    }
}
