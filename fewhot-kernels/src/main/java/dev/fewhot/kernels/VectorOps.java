package dev.fewhot.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vectorised element-wise and reduction kernels the trainer needs besides the matrix products:
 * bias plus activation, activation backward masks, column sums for bias gradients, axpy, scale and
 * the Adam/AdamW update. All work in place on {@code float[]} ranges given by offset and length,
 * allocate nothing, and use the same operation sequence for the vector body and the masked tail, so
 * an element's result does not depend on its position or on the vector width.
 */
public final class VectorOps {

    static final VectorSpecies<Float> S = Simd.FLOAT;
    static final VectorSpecies<Double> D = VectorSpecies.of(double.class, S.vectorShape());
    static final int L = S.length();

    private static final float LOG2E = 1.44269504088896341f;
    private static final float MAGIC = 12582912f; // 1.5 * 2^23: adding it rounds to an integer
    private static final int MAGIC_BITS = Float.floatToRawIntBits(MAGIC);
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float EXP_LO = -87.33f;
    private static final float EXP_HI = 88.37f;
    private static final float P0 = 1.9875691500e-4f;
    private static final float P1 = 1.3981999507e-3f;
    private static final float P2 = 8.3334519073e-3f;
    private static final float P3 = 4.1665795894e-2f;
    private static final float P4 = 1.6666665459e-1f;
    private static final float P5 = 5.0000001201e-1f;
    private static final float GELU_C = 0.044715f;
    private static final float GELU_K = 0.7978845608028654f; // sqrt(2 / pi)
    private static final float GELU_M2K = -2f * GELU_K;

    private VectorOps() {
    }

    // ---------------------------------------------------------------- exp and activations

    /**
     * exp(x) for x clamped to [-87.33, 88.37] (Cephes-style range reduction and degree-6
     * polynomial, relative error about 2e-7); the scalar twin of the vector code, bit-identical.
     *
     * @param x the argument
     * @return exp(x)
     */
    public static float exp(float x) {
        x = Math.min(Math.max(x, EXP_LO), EXP_HI);
        float t = Math.fma(x, LOG2E, MAGIC);
        float n = t - MAGIC;
        float r = Math.fma(n, -LN2_HI, x);
        r = Math.fma(n, -LN2_LO, r);
        float p = Math.fma(P0, r, P1);
        p = Math.fma(p, r, P2);
        p = Math.fma(p, r, P3);
        p = Math.fma(p, r, P4);
        p = Math.fma(p, r, P5);
        float y = Math.fma(p, r * r, r) + 1f;
        int e = Float.floatToRawIntBits(t) - MAGIC_BITS + 127;
        return y * Float.intBitsToFloat(e << 23);
    }

    static FloatVector exp(FloatVector x) {
        x = x.max(EXP_LO).min(EXP_HI);
        FloatVector t = x.fma(LOG2E, MAGIC);
        FloatVector n = t.sub(MAGIC);
        FloatVector r = n.fma(FloatVector.broadcast(S, -LN2_HI), x);
        r = n.fma(FloatVector.broadcast(S, -LN2_LO), r);
        FloatVector p = r.fma(FloatVector.broadcast(S, P0), FloatVector.broadcast(S, P1));
        p = p.fma(r, FloatVector.broadcast(S, P2));
        p = p.fma(r, FloatVector.broadcast(S, P3));
        p = p.fma(r, FloatVector.broadcast(S, P4));
        p = p.fma(r, FloatVector.broadcast(S, P5));
        FloatVector y = p.fma(r.mul(r), r).add(1f);
        FloatVector scale = t.reinterpretAsInts().sub(MAGIC_BITS - 127)
                .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return y.mul(scale);
    }

    /**
     * GELU, tanh approximation, as in {@link Activation#GELU}.
     *
     * @param x the argument
     * @return gelu(x)
     */
    public static float gelu(float x) {
        float t = Math.fma(x * x * GELU_C, x, x);
        float e = exp(t * GELU_M2K);
        return x / (e + 1f);
    }

    static FloatVector gelu(FloatVector x) {
        FloatVector t = x.mul(x).mul(GELU_C).fma(x, x);
        FloatVector e = exp(t.mul(GELU_M2K));
        return x.div(e.add(1f));
    }

    /**
     * Derivative of {@link #gelu(float)}: with s = 1 / (1 + exp(-2u)), u = sqrt(2/pi) (x + 0.044715
     * x^3), it is {@code s + x s (1 - s) 2 sqrt(2/pi) (1 + 3 * 0.044715 x^2)}.
     *
     * @param x the argument
     * @return gelu'(x)
     */
    public static float geluGrad(float x) {
        float x2 = x * x;
        float t = Math.fma(x2 * GELU_C, x, x);
        float s = 1f / (exp(t * GELU_M2K) + 1f);
        float du = Math.fma(x2, 3f * GELU_C * 2f * GELU_K, 2f * GELU_K);
        return Math.fma(x * s * (1f - s), du, s);
    }

    static FloatVector geluGrad(FloatVector x) {
        FloatVector x2 = x.mul(x);
        FloatVector t = x2.mul(GELU_C).fma(x, x);
        FloatVector s = exp(t.mul(GELU_M2K)).add(1f);
        s = FloatVector.broadcast(S, 1f).div(s);
        FloatVector du = x2.fma(3f * GELU_C * 2f * GELU_K, 2f * GELU_K);
        FloatVector one = FloatVector.broadcast(S, 1f);
        return x.mul(s).mul(one.sub(s)).fma(du, s);
    }

    /**
     * {@code x[off + j] = act(x[off + j] + bias[biasOff + j])} for {@code j < n}.
     *
     * @param x       values, changed in place
     * @param off     first index
     * @param n       count
     * @param bias    bias per position, or null for none
     * @param biasOff index of the bias of position 0
     * @param act     the activation
     */
    public static void biasActivation(float[] x, int off, int n, float[] bias, int biasOff, Activation act) {
        if (bias == null && act == Activation.NONE) return;
        // One loop per case, every vector operation written out in it: a helper that takes or
        // returns a FloatVector is boxed (and allocates) wherever the JIT does not inline it,
        // which happened to the former activate(v, act) inside the GEMM epilogue.
        if (act == Activation.RELU) {
            if (bias != null) reluBias(x, off, n, bias, biasOff);
            else relu(x, off, n);
            return;
        }
        if (bias != null) addBias(x, off, n, bias, biasOff);
        if (act == Activation.GELU) geluInPlace(x, off, n);
    }

    private static void reluBias(float[] x, int off, int n, float[] bias, int biasOff) {
        int j = 0;
        for (int full = n - n % L; j < full; j += L) {
            FloatVector.fromArray(S, x, off + j).add(FloatVector.fromArray(S, bias, biasOff + j)).max(0f)
                    .intoArray(x, off + j);
        }
        for (; j < n; j++) x[off + j] = Math.max(x[off + j] + bias[biasOff + j], 0f);
    }

    private static void relu(float[] x, int off, int n) {
        int j = 0;
        for (int full = n - n % L; j < full; j += L) FloatVector.fromArray(S, x, off + j).max(0f).intoArray(x, off + j);
        for (; j < n; j++) x[off + j] = Math.max(x[off + j], 0f);
    }

    private static void addBias(float[] x, int off, int n, float[] bias, int biasOff) {
        int j = 0;
        for (int full = n - n % L; j < full; j += L) {
            FloatVector.fromArray(S, x, off + j).add(FloatVector.fromArray(S, bias, biasOff + j)).intoArray(x, off + j);
        }
        for (; j < n; j++) x[off + j] += bias[biasOff + j];
    }

    private static void geluInPlace(float[] x, int off, int n) {
        int j = 0;
        for (int full = n - n % L; j < full; j += L) gelu(FloatVector.fromArray(S, x, off + j)).intoArray(x, off + j);
        if (j < n) {
            VectorMask<Float> m = S.indexInRange(j, n);
            gelu(FloatVector.fromArray(S, x, off + j, m)).intoArray(x, off + j, m);
        }
    }

    /**
     * Row-major matrix form of {@link #biasActivation(float[], int, int, float[], int, Activation)}:
     * the same bias row is added to each of the {@code rows} rows.
     *
     * @param rows    number of rows
     * @param cols    number of columns
     * @param x       the matrix, changed in place
     * @param off     index of its first element
     * @param ld      its leading dimension
     * @param bias    bias per column, or null
     * @param biasOff index of the bias of column 0
     * @param act     the activation
     */
    public static void biasActivation(int rows, int cols, float[] x, int off, int ld,
                                      float[] bias, int biasOff, Activation act) {
        for (int i = 0; i < rows; i++) biasActivation(x, off + i * ld, cols, bias, biasOff, act);
    }

    /**
     * ReLU backward: {@code dz[i] = z[i] > 0 ? da[i] : 0}. {@code dz} may be {@code da}.
     *
     * @param n     count
     * @param da    upstream gradient
     * @param daOff its first index
     * @param z     the pre-activation (or the activation output: same sign test)
     * @param zOff  its first index
     * @param dz    result
     * @param dzOff its first index
     */
    public static void reluBackward(int n, float[] da, int daOff, float[] z, int zOff, float[] dz, int dzOff) {
        int j = 0;
        int full = n - n % L;
        for (; j < full; j += L) {
            FloatVector zv = FloatVector.fromArray(S, z, zOff + j);
            FloatVector g = FloatVector.fromArray(S, da, daOff + j);
            g.blend(0f, zv.compare(VectorOperators.GT, 0f).not()).intoArray(dz, dzOff + j);
        }
        for (; j < n; j++) dz[dzOff + j] = z[zOff + j] > 0f ? da[daOff + j] : 0f;
    }

    /**
     * GELU backward: {@code dz[i] = da[i] * gelu'(z[i])}. {@code dz} may be {@code da}.
     *
     * @param n     count
     * @param da    upstream gradient
     * @param daOff its first index
     * @param z     the pre-activation
     * @param zOff  its first index
     * @param dz    result
     * @param dzOff its first index
     */
    public static void geluBackward(int n, float[] da, int daOff, float[] z, int zOff, float[] dz, int dzOff) {
        int j = 0;
        int full = n - n % L;
        for (; j < full; j += L) {
            FloatVector zv = FloatVector.fromArray(S, z, zOff + j);
            FloatVector g = FloatVector.fromArray(S, da, daOff + j);
            g.mul(geluGrad(zv)).intoArray(dz, dzOff + j);
        }
        if (j < n) {
            VectorMask<Float> m = S.indexInRange(j, n);
            FloatVector zv = FloatVector.fromArray(S, z, zOff + j, m);
            FloatVector g = FloatVector.fromArray(S, da, daOff + j, m);
            g.mul(geluGrad(zv)).intoArray(dz, dzOff + j, m);
        }
    }

    // ---------------------------------------------------------------- reductions and BLAS-1

    /**
     * Column sums of a row-major matrix, accumulated in double per column (the bias gradient):
     * {@code out[outOff + j] = beta * out[outOff + j] + sum_i x[off + i * ld + j]}; with
     * {@code beta == 0} out is not read.
     *
     * @param rows   number of rows
     * @param cols   number of columns
     * @param x      the matrix
     * @param off    index of its first element
     * @param ld     its leading dimension
     * @param beta   scale of the old out
     * @param out    the sums
     * @param outOff index of column 0's sum
     */
    public static void columnSums(int rows, int cols, float[] x, int off, int ld, float beta,
                                  float[] out, int outOff) {
        int dl = D.length();
        int full = cols - cols % L;
        // Each column's double sum, in an array the width of the row: the rows stream through
        // in storage order, COLUMN_SUM_ROWS at a time, each added in row order (the same bits
        // as one column vector summed down all the rows, which made one chain of dependent
        // adds per column vector and read the matrix ld floats apart). Both layers' bias
        // gradients of the 256-1024-512 MLP at batch 256, one thread, Intel Xeon: 37 against
        // 45 us (AVX-512), 52 against 87 (held to AVX2) (docs/benchmarks.md).
        double[] acc = new double[full];
        int i = 0;
        for (; i + COLUMN_SUM_ROWS <= rows; i += COLUMN_SUM_ROWS) {
            int r0 = off + i * ld, r1 = r0 + ld, r2 = r1 + ld, r3 = r2 + ld;
            for (int j = 0; j < full; j += L) {
                FloatVector v0 = FloatVector.fromArray(S, x, r0 + j);
                FloatVector v1 = FloatVector.fromArray(S, x, r1 + j);
                FloatVector v2 = FloatVector.fromArray(S, x, r2 + j);
                FloatVector v3 = FloatVector.fromArray(S, x, r3 + j);
                DoubleVector.fromArray(D, acc, j)
                        .add((DoubleVector) v0.convertShape(VectorOperators.F2D, D, 0))
                        .add((DoubleVector) v1.convertShape(VectorOperators.F2D, D, 0))
                        .add((DoubleVector) v2.convertShape(VectorOperators.F2D, D, 0))
                        .add((DoubleVector) v3.convertShape(VectorOperators.F2D, D, 0))
                        .intoArray(acc, j);
                DoubleVector.fromArray(D, acc, j + dl)
                        .add((DoubleVector) v0.convertShape(VectorOperators.F2D, D, 1))
                        .add((DoubleVector) v1.convertShape(VectorOperators.F2D, D, 1))
                        .add((DoubleVector) v2.convertShape(VectorOperators.F2D, D, 1))
                        .add((DoubleVector) v3.convertShape(VectorOperators.F2D, D, 1))
                        .intoArray(acc, j + dl);
            }
        }
        for (; i < rows; i++) {
            int r = off + i * ld;
            for (int j = 0; j < full; j += L) {
                FloatVector v = FloatVector.fromArray(S, x, r + j);
                DoubleVector.fromArray(D, acc, j).add((DoubleVector) v.convertShape(VectorOperators.F2D, D, 0))
                        .intoArray(acc, j);
                DoubleVector.fromArray(D, acc, j + dl).add((DoubleVector) v.convertShape(VectorOperators.F2D, D, 1))
                        .intoArray(acc, j + dl);
            }
        }
        for (int j = 0; j < full; j++) {
            int o = outOff + j;
            out[o] = beta == 0f ? (float) acc[j] : (float) (acc[j] + (double) (beta * out[o]));
        }
        for (int j = full; j < cols; j++) {
            double s = 0;
            for (int r = 0; r < rows; r++) s += x[off + r * ld + j];
            int o = outOff + j;
            out[o] = beta == 0f ? (float) s : (float) (s + (double) (beta * out[o]));
        }
    }

    /** Rows that {@link #columnSums} adds into its sums at a time (in order: the same bits as one by one). */
    private static final int COLUMN_SUM_ROWS = 4;

    /**
     * {@code y += alpha * x} (one FMA per element).
     *
     * @param n     count
     * @param alpha scale
     * @param x     source
     * @param xOff  its first index
     * @param y     destination
     * @param yOff  its first index
     */
    public static void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        int j = 0;
        int full = n - n % L;
        for (; j < full; j += L) {
            FloatVector.fromArray(S, x, xOff + j).fma(FloatVector.broadcast(S, alpha), FloatVector.fromArray(S, y, yOff + j))
                    .intoArray(y, yOff + j);
        }
        for (; j < n; j++) y[yOff + j] = Math.fma(x[xOff + j], alpha, y[yOff + j]);
    }

    /** Partial sums of {@link #sumOfSquares}: element i goes to partial i mod 16, at every vector width. */
    static final int SQUARE_PARTIALS = 16;

    /**
     * The sum of squares of {@code x[off, off + n)}, each square and the sum in double. Element i
     * is added (one FMA) to partial sum {@code i mod 16} in increasing i, and the 16 partial sums
     * are then added in order: the result depends only on the values, not on the vector width,
     * the machine, timing or threads. It differs from a left-to-right scalar loop in the last bits.
     *
     * @param n   count
     * @param x   values
     * @param off first index
     * @return the sum of squares (NaN or infinite when a value is)
     */
    public static double sumOfSquares(int n, float[] x, int off) {
        double[] part = new double[SQUARE_PARTIALS];
        int full = n - n % SQUARE_PARTIALS;
        // D.length() doubles per vector: 16 / that many accumulators hold the 16 partial sums.
        // Each float vector of the kernels' species is widened in two halves (see lowHalf).
        switch (D.length()) {
            case 8: {
                DoubleVector a0 = DoubleVector.zero(D), a1 = DoubleVector.zero(D);
                for (int j = 0; j < full; j += 16) {
                    FloatVector v0 = FloatVector.fromArray(S, x, off + j);
                    DoubleVector d0 = lowHalf(v0), d1 = highHalf(v0);
                    a0 = d0.fma(d0, a0);
                    a1 = d1.fma(d1, a1);
                }
                a0.intoArray(part, 0);
                a1.intoArray(part, 8);
                break;
            }
            case 4: {
                DoubleVector a0 = DoubleVector.zero(D), a1 = DoubleVector.zero(D);
                DoubleVector a2 = DoubleVector.zero(D), a3 = DoubleVector.zero(D);
                for (int j = 0; j < full; j += 16) {
                    FloatVector v0 = FloatVector.fromArray(S, x, off + j);
                    FloatVector v1 = FloatVector.fromArray(S, x, off + j + 8);
                    DoubleVector d0 = lowHalf(v0), d1 = highHalf(v0);
                    DoubleVector d2 = lowHalf(v1), d3 = highHalf(v1);
                    a0 = d0.fma(d0, a0);
                    a1 = d1.fma(d1, a1);
                    a2 = d2.fma(d2, a2);
                    a3 = d3.fma(d3, a3);
                }
                a0.intoArray(part, 0);
                a1.intoArray(part, 4);
                a2.intoArray(part, 8);
                a3.intoArray(part, 12);
                break;
            }
            case 2: {
                DoubleVector a0 = DoubleVector.zero(D), a1 = DoubleVector.zero(D);
                DoubleVector a2 = DoubleVector.zero(D), a3 = DoubleVector.zero(D);
                DoubleVector a4 = DoubleVector.zero(D), a5 = DoubleVector.zero(D);
                DoubleVector a6 = DoubleVector.zero(D), a7 = DoubleVector.zero(D);
                for (int j = 0; j < full; j += 16) {
                    FloatVector v0 = FloatVector.fromArray(S, x, off + j);
                    FloatVector v1 = FloatVector.fromArray(S, x, off + j + 4);
                    FloatVector v2 = FloatVector.fromArray(S, x, off + j + 8);
                    FloatVector v3 = FloatVector.fromArray(S, x, off + j + 12);
                    DoubleVector d0 = lowHalf(v0), d1 = highHalf(v0);
                    DoubleVector d2 = lowHalf(v1), d3 = highHalf(v1);
                    DoubleVector d4 = lowHalf(v2), d5 = highHalf(v2);
                    DoubleVector d6 = lowHalf(v3), d7 = highHalf(v3);
                    a0 = d0.fma(d0, a0);
                    a1 = d1.fma(d1, a1);
                    a2 = d2.fma(d2, a2);
                    a3 = d3.fma(d3, a3);
                    a4 = d4.fma(d4, a4);
                    a5 = d5.fma(d5, a5);
                    a6 = d6.fma(d6, a6);
                    a7 = d7.fma(d7, a7);
                }
                a0.intoArray(part, 0);
                a1.intoArray(part, 2);
                a2.intoArray(part, 4);
                a3.intoArray(part, 6);
                a4.intoArray(part, 8);
                a5.intoArray(part, 10);
                a6.intoArray(part, 12);
                a7.intoArray(part, 14);
                break;
            }
            default:
                full = 0; // no vector loop for this width: the scalar loop below takes every element
                break;
        }
        for (int j = full; j < n; j++) {
            double v = x[off + j];
            part[j % SQUARE_PARTIALS] = Math.fma(v, v, part[j % SQUARE_PARTIALS]);
        }
        double s = 0;
        for (double p : part) s += p;
        return s;
    }

    /*
     * The widening stays in the kernels' one float species. A float vector of another width (a
     * half-width load widened whole was tried) shares the JDK's FloatVector.intoArray with the GEMM
     * micro-kernels, and its interpreter-path conversions (toArray) can add a second receiver class
     * to that method's type profile before the micro-kernels are compiled. In 2 of 31 JVMs
     * (Intel Xeon, AVX-512) the compiler then failed to inline the micro-kernel's 24 vector stores, and that JVM
     * trained about 17 times slower for its whole life.
     */

    /** The lower half of {@code v}'s lanes widened to doubles. */
    private static DoubleVector lowHalf(FloatVector v) {
        return (DoubleVector) v.convertShape(VectorOperators.F2D, D, 0);
    }

    /** The upper half of {@code v}'s lanes widened to doubles. */
    private static DoubleVector highHalf(FloatVector v) {
        return (DoubleVector) v.convertShape(VectorOperators.F2D, D, 1);
    }

    /**
     * The first index in {@code [off, off + n)} whose value is not in {@code [0, 1]} (NaN
     * included), or -1: the check of a loss's targets. Checked per block of 64 vectors, then the
     * block with a value outside is scanned element by element.
     *
     * @param n   count
     * @param x   values
     * @param off first index
     * @return the absolute index of the first value outside [0, 1], or -1 when there is none
     */
    public static int firstOutsideUnitInterval(int n, float[] x, int off) {
        final int block = 64 * L;
        for (int b = 0; b < n; b += block) {
            int end = Math.min(n, b + block);
            VectorMask<Float> outside = S.maskAll(false);
            int j = b;
            for (; j + L <= end; j += L) {
                FloatVector v = FloatVector.fromArray(S, x, off + j);
                // NaN compares false both ways, so it lands outside
                outside = outside.or(v.compare(VectorOperators.GE, 0f).and(v.compare(VectorOperators.LE, 1f)).not());
            }
            boolean bad = outside.anyTrue();
            for (; j < end && !bad; j++) bad = !(x[off + j] >= 0f && x[off + j] <= 1f);
            if (bad) {
                for (int i = b; i < end; i++) if (!(x[off + i] >= 0f && x[off + i] <= 1f)) return off + i;
            }
        }
        return -1;
    }

    /**
     * The first index in {@code [off, off + n)} whose value is NaN or infinite, or -1.
     *
     * @param n   count
     * @param x   values
     * @param off first index
     * @return the absolute index of the first non-finite value, or -1 when all are finite
     */
    public static int firstNonFinite(int n, float[] x, int off) {
        // v * 0 is 0 for a finite v and NaN otherwise; NaN sticks in the sum. Checked per block
        // of 64 vectors, then the block with a NaN is scanned element by element.
        final int block = 64 * L;
        for (int b = 0; b < n; b += block) {
            int end = Math.min(n, b + block);
            FloatVector acc = FloatVector.zero(S);
            int j = b;
            for (; j + L <= end; j += L) acc = acc.add(FloatVector.fromArray(S, x, off + j).mul(0f));
            boolean bad = acc.reduceLanes(VectorOperators.ADD) != 0f;
            for (; j < end && !bad; j++) bad = !Float.isFinite(x[off + j]);
            if (bad) {
                for (int i = b; i < end; i++) if (!Float.isFinite(x[off + i])) return off + i;
            }
        }
        return -1;
    }

    /**
     * {@code x *= alpha}.
     *
     * @param n     count
     * @param alpha scale
     * @param x     values, changed in place
     * @param off   first index
     */
    public static void scale(int n, float alpha, float[] x, int off) {
        int j = 0;
        int full = n - n % L;
        for (; j < full; j += L) FloatVector.fromArray(S, x, off + j).mul(alpha).intoArray(x, off + j);
        for (; j < n; j++) x[off + j] *= alpha;
    }

    /** {@code x *= beta}, or {@code x = 0} when beta is 0 (x not read: NaNs vanish). */
    static void scaleOrZero(float beta, float[] x, int off, int n) {
        if (beta == 1f) return;
        if (beta == 0f) {
            java.util.Arrays.fill(x, off, off + n, 0f);
        } else {
            scale(n, beta, x, off);
        }
    }

    /**
     * One Adam step, or AdamW with {@code weightDecay > 0} (decoupled: {@code p *= 1 - lr * wd}
     * first), as PyTorch computes it: {@code m = b1 m + (1 - b1) g}, {@code v = b2 v + (1 - b2) g^2},
     * {@code p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)}.
     *
     * @param n           number of parameters
     * @param params      parameters, updated
     * @param pOff        first index
     * @param grads       gradients
     * @param gOff        first index
     * @param m           first moments, updated
     * @param mOff        first index
     * @param v           second moments, updated
     * @param vOff        first index
     * @param lr          learning rate
     * @param beta1       first-moment decay
     * @param beta2       second-moment decay
     * @param eps         denominator epsilon
     * @param step        1-based step number (for the bias corrections)
     * @param weightDecay decoupled weight decay, 0 for plain Adam
     * @return true when every parameter written is finite (no NaN, no infinity): the trainer's
     *         divergence check, made while the values are in registers instead of in a second pass
     */
    public static boolean adam(int n, float[] params, int pOff, float[] grads, int gOff,
                            float[] m, int mOff, float[] v, int vOff,
                            float lr, float beta1, float beta2, float eps, int step, float weightDecay) {
        if (step < 1) throw new IllegalArgumentException("step must be >= 1, got " + step);
        float bc1 = (float) (1.0 - Math.pow(beta1, step));
        float bc2 = (float) (1.0 - Math.pow(beta2, step));
        float stepSize = lr / bc1;
        float invSqrtBc2 = (float) (1.0 / Math.sqrt(bc2));
        float decay = 1f - lr * weightDecay;
        float omb1 = 1f - beta1;
        float omb2 = 1f - beta2;
        float negStep = -stepSize;
        int j = 0;
        int full = n - n % L;
        // p * 0 is 0 for a finite p and NaN otherwise, and a NaN stays in the sum (as firstNonFinite)
        FloatVector nonFinite = FloatVector.zero(S);
        for (; j < full; j += L) {
            FloatVector g = FloatVector.fromArray(S, grads, gOff + j);
            FloatVector mv = FloatVector.fromArray(S, m, mOff + j).fma(FloatVector.broadcast(S, beta1), g.mul(omb1));
            FloatVector vv = FloatVector.fromArray(S, v, vOff + j).fma(FloatVector.broadcast(S, beta2), g.mul(g).mul(omb2));
            mv.intoArray(m, mOff + j);
            vv.intoArray(v, vOff + j);
            FloatVector denom = vv.sqrt().fma(invSqrtBc2, eps);
            FloatVector p = FloatVector.fromArray(S, params, pOff + j).mul(decay);
            FloatVector updated = mv.div(denom).fma(FloatVector.broadcast(S, negStep), p);
            updated.intoArray(params, pOff + j);
            nonFinite = nonFinite.add(updated.mul(0f));
        }
        boolean finite = nonFinite.reduceLanes(VectorOperators.ADD) == 0f;
        for (; j < n; j++) {
            float g = grads[gOff + j];
            float mv = Math.fma(m[mOff + j], beta1, g * omb1);
            float vv = Math.fma(v[vOff + j], beta2, g * g * omb2);
            m[mOff + j] = mv;
            v[vOff + j] = vv;
            float denom = Math.fma((float) Math.sqrt(vv), invSqrtBc2, eps);
            float p = params[pOff + j] * decay;
            float updated = Math.fma(mv / denom, negStep, p);
            params[pOff + j] = updated;
            finite &= Float.isFinite(updated);
        }
        return finite;
    }
}
