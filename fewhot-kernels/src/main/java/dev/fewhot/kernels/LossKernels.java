package dev.fewhot.kernels;

import java.util.function.DoublePredicate;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Fused loss-and-gradient kernels of the element-wise multi-label losses, on the Vector API.
 *
 * <p>Every kernel computes a range {@code [from, to)} of the elements of a row-major batch with
 * {@code cols} labels that starts at index {@code off} of {@code x} (logits), {@code y} (targets
 * in [0, 1]), {@code grad} and {@code loss}: element {@code i} is at {@code off + i} and its label
 * is {@code i % cols} (the index into the per-label {@code weight} / {@code posWeight} arrays,
 * which may be null = all 1; when not null they have at least {@code cols} entries). It writes
 * {@code scale * dl/dx} into {@code grad} and the loss l into {@code loss} when these are not
 * null, and returns the sum of l over the range, in double (float partial sums of at most 8
 * values per lane, then double). Inputs are never modified; {@code grad} and {@code loss} must
 * not alias the inputs or each other.
 *
 * <p>The formulas are those of fewhot-core's loss classes, in logit space (stable for any finite
 * logit: p = sigmoid(x) and 1 - p from {@code e = exp(-|x|)}, {@code log p = -softplus(-x)},
 * {@code softplus(z) = max(z, 0) + log1p(exp(-|z|))}), evaluated in float with the vectorised
 * exp/log of {@code VMath}: element results agree with the double reference to a few float
 * ulps (absolute 1e-7 where values are tiny). Branch decisions that make a gradient jump (the
 * asymmetric loss's eps and clip clamps) compare the float logit with thresholds computed from
 * the double formula, so they are exactly those of the double code. A block of 128 elements
 * whose float loss or gradient sum is not finite (a loss beyond the float range at a huge logit,
 * a NaN input) is recomputed in double by the scalar code, so the returned sum stays finite
 * wherever the double computation is.
 *
 * <p>Ranges of fewer than 4096 elements are computed by the scalar double code (exact to double
 * rounding; cheap at that size).
 *
 * <p>Per element, the result does not depend on the range or position (lanes are independent;
 * tails are padded), except that a block recomputed in double is computed in double for all its
 * elements.
 */
public final class LossKernels {
    private LossKernels() {}

    private static final VectorSpecies<Float> S = VMath.S;
    private static final int L = VMath.L;
    /** Elements per block of float partial sums (8 vectors). */
    private static final int BLOCK = 8 * L;
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);
    private static final FloatVector ZERO = FloatVector.zero(S);
    /**
     * Ranges of fewer elements than this are computed by the scalar double code: cheap at that
     * size, and exact to double rounding, which finite-difference checks of small batches rely on
     * (a float loss value carries a relative rounding of about 1e-7). Package-private and mutable
     * only so that the tests can force the vector path.
     */
    static volatile int exactBelow = 4096;

    /** Per-row scalar computation of a range (label i % cols). */
    private interface RowRef {
        double run(int base, int wBase, int n);
    }

    private static double scalarRange(int off, int cols, int from, int to, RowRef ref) {
        double sum = 0.0;
        for (int i = from; i < to; ) {
            int j = i % cols;
            int end = Math.min(to, i - j + cols);
            sum += ref.run(off + i, j, end - i);
            i = end;
        }
        return sum;
    }

    /**
     * Per-thread block scratch of the array passes (BLOCK floats each). On JDK 17 a vector that
     * crosses a call C2 did not inline, or that is carried around a loop (a vector phi: the block
     * accumulators, or a value chosen by a branch), is boxed: a heap allocation per vector. The
     * kernels therefore run each block as a few loops over these arrays (VMath's exp / log passes,
     * then small combining loops), accumulate in memory, and choose variants by blends with
     * loop-invariant masks instead of branches.
     */
    private static final class Scratch {
        final float[] e = new float[BLOCK];
        final float[] r = new float[BLOCK];
        final float[] lg = new float[BLOCK];
        final float[] a = new float[BLOCK];
        final float[] b = new float[BLOCK];
        final float[] c = new float[BLOCK];
        final float[] d = new float[BLOCK];
        final float[] f = new float[BLOCK];
        final float[] g = new float[BLOCK];
        final float[] h = new float[BLOCK];
        final float[] fw = new float[BLOCK];
        final float[] dfw = new float[BLOCK];
        /** Absent per-label weights read as 1 (multiplying by 1 is exact). */
        final float[] ones = new float[BLOCK];
        /** Loss and gradient accumulators (vectors kept in memory: no loop-carried vector phis). */
        final float[] acc = new float[2 * L];

        Scratch() {
            java.util.Arrays.fill(ones, 1f);
        }
    }

    /** A mask of all lanes set to b (a loop-invariant selector for blends). */
    private static VectorMask<Float> flag(boolean b) {
        return ZERO.compare(VectorOperators.EQ, b ? 0f : 1f);
    }

    /** The block's float loss sum from the accumulators, NaN if it or the gradient sum is not finite. */
    private static double blockSum(float[] acc) {
        float s = FloatVector.fromArray(S, acc, 0).reduceLanes(VectorOperators.ADD);
        float sd = FloatVector.fromArray(S, acc, L).reduceLanes(VectorOperators.ADD);
        return Float.isFinite(s) && Float.isFinite(sd) ? s : Double.NaN;
    }

    /**
     * The thread's scratch, fetched by the public kernels and passed down: a thread's first
     * {@code get} takes a branch that the JIT leaves out of the code it compiles when the
     * warm-up never took it there, so the method that holds the {@code get} is deoptimised on a
     * new thread's first call. Held in the block loop ({@code aslSeg}), that threw away its
     * compiled code at the trainer's first step and compiled it again during the first epoch.
     */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** Integer exponents up to this take the multiplication path. */
    private static final int MAX_INT_GAMMA = 8;

    // ---------------------------------------------------------------- BCE

    /**
     * Binary cross-entropy on logits (PyTorch's {@code BCEWithLogitsLoss} with {@code weight}
     * and {@code pos_weight}): {@code l = w [(1-y) x + (1 + (pw-1) y) softplus(-x)]},
     * {@code dl/dx = w [(1-y) p - pw y (1-p)]}.
     */
    public static double bce(float[] x, float[] y, int off, int cols, int from, int to,
                             float[] weight, float[] posWeight, double scale, float[] grad, float[] loss) {
        check(x, y, off, cols, from, to, grad, loss);
        checkLabels(weight, "weight", cols);
        checkLabels(posWeight, "posWeight", cols);
        boolean perLabel = weight != null || posWeight != null;
        float scaleF = (float) scale;
        if (to - from < exactBelow) {
            return scalarRange(off, cols, from, to,
                    (b, wb, n) -> LossScalar.bce(x, y, b, weight, posWeight, wb, n, scale, grad, loss));
        }
        double sum = 0.0;
        Scratch sc = SCRATCH.get(); // once a call, here: see SCRATCH
        Tail t = null;
        for (int i = from; i < to; ) {
            int j = perLabel ? i % cols : 0;
            int end = perLabel ? Math.min(to, i - j + cols) : to;
            int n = end - i;
            int nv = n - n % L;
            if (nv > 0) {
                sum += bceSeg(x, y, off + i, weight, posWeight, j, nv, scaleF, scale, grad, loss, sc);
            }
            if (nv < n) {
                if (t == null) t = new Tail();
                t.load(x, y, off + i + nv, n - nv, weight, posWeight, j + nv);
                bceSeg(t.x, t.y, 0, t.w, t.pw, 0, L, scaleF, scale, grad == null ? null : t.grad, t.loss,
                        sc);
                sum += t.finite(n - nv, grad != null) ? t.store(grad, loss, off + i + nv, n - nv)
                        : LossScalar.bce(x, y, off + i + nv, weight, posWeight, j + nv, n - nv, scale, grad, loss);
            }
            i = end;
        }
        return sum;
    }

    private static double bceSeg(float[] x, float[] y, int base, float[] w, float[] pw, int wBase, int n,
                                 float scaleF, double scale, float[] grad, float[] loss, Scratch sc) {
        double sum = 0.0;
        for (int k0 = 0; k0 < n; k0 += BLOCK) {
            int m = Math.min(n, k0 + BLOCK) - k0;
            VMath.sigmoidPass(x, base + k0, m, sc.e, sc.r);
            VMath.log1pPass(sc.e, sc.r, m, sc.lg);
            double s = bceBlock(x, y, base + k0, w == null ? sc.ones : w, w == null ? 0 : wBase + k0,
                    pw == null ? sc.ones : pw, pw == null ? 0 : wBase + k0, pw != null, m, scaleF, grad, loss, sc);
            sum += s == s ? s : LossScalar.bce(x, y, base + k0, w, pw, wBase + k0, m, scale, grad, loss);
        }
        return sum;
    }

    /**
     * One block of bce from the sigmoid parts in sc (absent weights are read as 1 from sc.ones,
     * exact): the float loss sum, NaN if a sum is not finite.
     */
    private static double bceBlock(float[] x, float[] y, int i0, float[] w, int w0, float[] pw, int pw0,
                                   boolean usePw, int m, float scaleF, float[] grad, float[] loss, Scratch sc) {
        float[] acc = sc.acc;
        ZERO.intoArray(acc, 0);
        ZERO.intoArray(acc, L);
        VectorMask<Float> hasPw = flag(usePw);
        for (int k = 0; k < m; k += L) {
            int i = i0 + k;
            FloatVector xv = FloatVector.fromArray(S, x, i);
            FloatVector yv = FloatVector.fromArray(S, y, i);
            FloatVector e = FloatVector.fromArray(S, sc.e, k);
            FloatVector r = FloatVector.fromArray(S, sc.r, k);
            FloatVector er = e.mul(r);
            VectorMask<Float> xNonNeg = xv.compare(VectorOperators.GE, 0f);
            FloatVector p = er.blend(r, xNonNeg);
            FloatVector q = r.blend(er, xNonNeg);
            FloatVector lg = FloatVector.fromArray(S, sc.lg, k);
            FloatVector omy = ONE.sub(yv);
            FloatVector wv = FloatVector.fromArray(S, w, w0 + k);
            FloatVector pwy = FloatVector.fromArray(S, pw, pw0 + k).mul(yv);
            FloatVector l = omy.mul(xv).blend(pwy.mul(xv).neg(), xNonNeg.not())
                    .add(lg.blend(omy.add(pwy).mul(lg), hasPw)).mul(wv);
            FloatVector.fromArray(S, acc, 0).add(l).intoArray(acc, 0);
            if (loss != null) l.intoArray(loss, i);
            if (grad != null) {
                FloatVector d = omy.mul(p).sub(pwy.mul(q)).mul(wv).mul(scaleF);
                FloatVector.fromArray(S, acc, L).add(d).intoArray(acc, L);
                d.intoArray(grad, i);
            }
        }
        return blockSum(acc);
    }

    // ---------------------------------------------------------------- positive-weighted BCE

    /**
     * The seed's weighted BCE: {@code l = f bce(x, y)} with {@code f = y w} where {@code y > 0},
     * else 1 (w one scalar); {@code dl/dx = f [(1-y) p - y (1-p)]}.
     */
    public static double positiveWeightedBce(float[] x, float[] y, int off, int cols, int from, int to,
                                             float w, double scale, float[] grad, float[] loss) {
        check(x, y, off, cols, from, to, grad, loss);
        if (to - from < exactBelow) {
            return LossScalar.positiveWeightedBce(x, y, off + from, to - from, w, scale, grad, loss);
        }
        float scaleF = (float) scale;
        int n = to - from;
        int nv = n - n % L;
        double sum = 0.0;
        Scratch sc = SCRATCH.get(); // once a call, here: see SCRATCH
        if (nv > 0) sum += pwBceSeg(x, y, off + from, nv, w, scaleF, scale, grad, loss, sc);
        if (nv < n) {
            Tail t = new Tail();
            t.load(x, y, off + from + nv, n - nv, null, null, 0);
            pwBceSeg(t.x, t.y, 0, L, w, scaleF, scale, grad == null ? null : t.grad, t.loss, sc);
            sum += t.finite(n - nv, grad != null) ? t.store(grad, loss, off + from + nv, n - nv)
                    : LossScalar.positiveWeightedBce(x, y, off + from + nv, n - nv, w, scale, grad, loss);
        }
        return sum;
    }

    private static double pwBceSeg(float[] x, float[] y, int base, int n, float w, float scaleF, double scale,
                                   float[] grad, float[] loss, Scratch sc) {
        double sum = 0.0;
        for (int k0 = 0; k0 < n; k0 += BLOCK) {
            int m = Math.min(n, k0 + BLOCK) - k0;
            VMath.sigmoidPass(x, base + k0, m, sc.e, sc.r);
            VMath.log1pPass(sc.e, sc.r, m, sc.lg);
            double s = pwBceBlock(x, y, base + k0, m, w, scaleF, grad, loss, sc);
            sum += s == s ? s : LossScalar.positiveWeightedBce(x, y, base + k0, m, w, scale, grad, loss);
        }
        return sum;
    }

    private static double pwBceBlock(float[] x, float[] y, int i0, int m, float w, float scaleF, float[] grad,
                                     float[] loss, Scratch sc) {
        float[] acc = sc.acc;
        ZERO.intoArray(acc, 0);
        ZERO.intoArray(acc, L);
        for (int k = 0; k < m; k += L) {
            int i = i0 + k;
            FloatVector xv = FloatVector.fromArray(S, x, i);
            FloatVector yv = FloatVector.fromArray(S, y, i);
            FloatVector e = FloatVector.fromArray(S, sc.e, k);
            FloatVector r = FloatVector.fromArray(S, sc.r, k);
            FloatVector er = e.mul(r);
            VectorMask<Float> xNonNeg = xv.compare(VectorOperators.GE, 0f);
            FloatVector p = er.blend(r, xNonNeg);
            FloatVector q = r.blend(er, xNonNeg);
            FloatVector lg = FloatVector.fromArray(S, sc.lg, k);
            FloatVector omy = ONE.sub(yv);
            FloatVector f = yv.mul(w).blend(1f, yv.compare(VectorOperators.GT, 0f).not());
            FloatVector l = omy.mul(xv).blend(yv.mul(xv).neg(), xNonNeg.not()).add(lg).mul(f);
            FloatVector.fromArray(S, acc, 0).add(l).intoArray(acc, 0);
            if (loss != null) l.intoArray(loss, i);
            if (grad != null) {
                FloatVector d = omy.mul(p).sub(yv.mul(q)).mul(f).mul(scaleF);
                FloatVector.fromArray(S, acc, L).add(d).intoArray(acc, L);
                d.intoArray(grad, i);
            }
        }
        return blockSum(acc);
    }

    // ---------------------------------------------------------------- focal (p_t form)

    /**
     * Focal loss in torchvision's p_t form: {@code l = alpha_t ce (1 - p_t)^gamma},
     * {@code ce = bce(x, y, weight, posWeight)}, {@code 1 - p_t = y (1-p) + (1-y) p},
     * {@code alpha_t = alpha y + (1-alpha)(1-y)} when {@code useAlpha}, else 1; the gradient
     * flows through the focusing factor. gamma >= 0; integers up to 8 are multiplications, other
     * values exp(gamma log(1 - p_t)); gamma 0 without alpha is exactly {@link #bce}.
     */
    public static double focal(float[] x, float[] y, int off, int cols, int from, int to, double gamma,
                               boolean useAlpha, double alpha, float[] weight, float[] posWeight, double scale,
                               float[] grad, float[] loss) {
        if (gamma == 0.0 && !useAlpha) return bce(x, y, off, cols, from, to, weight, posWeight, scale, grad, loss);
        check(x, y, off, cols, from, to, grad, loss);
        checkLabels(weight, "weight", cols);
        checkLabels(posWeight, "posWeight", cols);
        checkGamma("gamma", gamma);
        if (to - from < exactBelow) {
            return scalarRange(off, cols, from, to, (b, wb, n) -> LossScalar.focal(x, y, b, weight, posWeight, wb, n,
                    gamma, useAlpha, alpha, scale, grad, loss));
        }
        boolean perLabel = weight != null || posWeight != null;
        float scaleF = (float) scale;
        int intGamma = intGamma(gamma);
        double sum = 0.0;
        Scratch sc = SCRATCH.get(); // once a call, here: see SCRATCH
        Tail t = null;
        for (int i = from; i < to; ) {
            int j = perLabel ? i % cols : 0;
            int end = perLabel ? Math.min(to, i - j + cols) : to;
            int n = end - i;
            int nv = n - n % L;
            if (nv > 0) {
                sum += focalSeg(x, y, off + i, weight, posWeight, j, nv, gamma, intGamma, useAlpha, alpha,
                        scaleF, scale, grad, loss, sc);
            }
            if (nv < n) {
                if (t == null) t = new Tail();
                t.load(x, y, off + i + nv, n - nv, weight, posWeight, j + nv);
                focalSeg(t.x, t.y, 0, t.w, t.pw, 0, L, gamma, intGamma, useAlpha, alpha, scaleF, scale,
                        grad == null ? null : t.grad, t.loss, sc);
                sum += t.finite(n - nv, grad != null) ? t.store(grad, loss, off + i + nv, n - nv)
                        : LossScalar.focal(x, y, off + i + nv, weight, posWeight, j + nv, n - nv, gamma, useAlpha,
                        alpha, scale, grad, loss);
            }
            i = end;
        }
        return sum;
    }

    private static double focalSeg(float[] x, float[] y, int base, float[] w, float[] pw, int wBase, int n,
                                   double gamma, int intGamma, boolean useAlpha, double alpha, float scaleF,
                                   double scale, float[] grad, float[] loss, Scratch sc) {
        float g = (float) gamma;
        float a = (float) alpha;
        float oma = (float) (1.0 - alpha);
        double sum = 0.0;
        for (int k0 = 0; k0 < n; k0 += BLOCK) {
            int m = Math.min(n, k0 + BLOCK) - k0;
            int i0 = base + k0;
            VMath.sigmoidPass(x, i0, m, sc.e, sc.r);
            VMath.log1pPass(sc.e, sc.r, m, sc.lg);
            // focusing weight fw = u^g and g u^(g-1) du into sc.fw, sc.dfw (u = 1 - p_t in sc.a, du in sc.b)
            if (intGamma == 0) {
                java.util.Arrays.fill(sc.fw, 0, m, 1f);
                java.util.Arrays.fill(sc.dfw, 0, m, 0f);
            } else if (intGamma > 0) {
                focalU(x, y, i0, m, g, sc);
                VMath.powPass(sc.a, m, intGamma - 1, sc.c);
                focalIntFw(m, g, sc);
            } else {
                if (focalU(x, y, i0, m, g, sc)) {
                    VMath.logPass(sc.a, m, sc.d);
                    focalSoftLu(y, i0, m, g, sc);
                }
                VMath.expPass(sc.c, m, sc.fw);
                focalGenDfw(x, y, i0, m, g, sc);
            }
            double s = focalBlock(x, y, i0, w == null ? sc.ones : w, w == null ? 0 : wBase + k0,
                    pw == null ? sc.ones : pw, pw == null ? 0 : wBase + k0, pw != null, m, useAlpha, a, oma,
                    scaleF, grad, loss, sc);
            sum += s == s ? s : LossScalar.focal(x, y, i0, w, pw, wBase + k0, m, gamma, useAlpha, alpha,
                    scale, grad, loss);
        }
        return sum;
    }

    /**
     * u = 1 - p_t = y q + (1-y) p into sc.a, du/dx = (1 - 2y) p q into sc.b, and g log u of the
     * hard labels (-softplus(x) at y = 0... as the logit form) into sc.c; whether a target is soft.
     */
    private static boolean focalU(float[] x, float[] y, int i0, int m, float g, Scratch sc) {
        boolean soft = false;
        for (int k = 0; k < m; k += L) {
            int i = i0 + k;
            FloatVector xv = FloatVector.fromArray(S, x, i);
            FloatVector yv = FloatVector.fromArray(S, y, i);
            FloatVector e = FloatVector.fromArray(S, sc.e, k);
            FloatVector r = FloatVector.fromArray(S, sc.r, k);
            FloatVector er = e.mul(r);
            VectorMask<Float> xNonNeg = xv.compare(VectorOperators.GE, 0f);
            FloatVector p = er.blend(r, xNonNeg);
            FloatVector q = r.blend(er, xNonNeg);
            FloatVector lg = FloatVector.fromArray(S, sc.lg, k);
            FloatVector omy = ONE.sub(yv);
            yv.mul(q).add(omy.mul(p)).intoArray(sc.a, k);
            omy.sub(yv).mul(p.mul(q)).intoArray(sc.b, k);
            VectorMask<Float> y0 = yv.compare(VectorOperators.EQ, 0f);
            VectorMask<Float> y1 = yv.compare(VectorOperators.EQ, 1f);
            soft |= y0.or(y1).not().anyTrue();
            // hard labels: log u = -softplus(-x) (y = 0) or -softplus(x) (y = 1)
            xv.max(0f).add(lg).neg().blend(xv.neg().max(0f).add(lg).neg(), y0).mul(g).intoArray(sc.c, k);
        }
        return soft;
    }

    /** Soft targets: g log u (log u in sc.d) into sc.c. */
    private static void focalSoftLu(float[] y, int i0, int m, float g, Scratch sc) {
        for (int k = 0; k < m; k += L) {
            FloatVector yv = FloatVector.fromArray(S, y, i0 + k);
            VectorMask<Float> soft = yv.compare(VectorOperators.EQ, 0f).or(yv.compare(VectorOperators.EQ, 1f)).not();
            FloatVector.fromArray(S, sc.c, k).blend(FloatVector.fromArray(S, sc.d, k).mul(g), soft)
                    .intoArray(sc.c, k);
        }
    }

    /** Integer gamma: fw = u^(g-1) u, dfw = u^(g-1) du g from u^(g-1) in sc.c. */
    private static void focalIntFw(int m, float g, Scratch sc) {
        for (int k = 0; k < m; k += L) {
            FloatVector u1 = FloatVector.fromArray(S, sc.c, k);
            u1.mul(FloatVector.fromArray(S, sc.a, k)).intoArray(sc.fw, k);
            u1.mul(FloatVector.fromArray(S, sc.b, k)).mul(g).intoArray(sc.dfw, k);
        }
    }

    /** General gamma: dfw from fw = exp(g log u) in sc.fw. */
    private static void focalGenDfw(float[] x, float[] y, int i0, int m, float g, Scratch sc) {
        for (int k = 0; k < m; k += L) {
            int i = i0 + k;
            FloatVector xv = FloatVector.fromArray(S, x, i);
            FloatVector yv = FloatVector.fromArray(S, y, i);
            FloatVector e = FloatVector.fromArray(S, sc.e, k);
            FloatVector r = FloatVector.fromArray(S, sc.r, k);
            FloatVector er = e.mul(r);
            VectorMask<Float> xNonNeg = xv.compare(VectorOperators.GE, 0f);
            FloatVector p = er.blend(r, xNonNeg);
            FloatVector q = r.blend(er, xNonNeg);
            VectorMask<Float> y0 = yv.compare(VectorOperators.EQ, 0f);
            VectorMask<Float> y1 = yv.compare(VectorOperators.EQ, 1f);
            VectorMask<Float> soft = y0.or(y1).not();
            FloatVector fw = FloatVector.fromArray(S, sc.fw, k);
            FloatVector u = FloatVector.fromArray(S, sc.a, k);
            FloatVector du = FloatVector.fromArray(S, sc.b, k);
            // soft: d(u^g) = g u^(g-1) du with u^(g-1) = fw / u (u = 0 only for a subnormal target);
            // hard labels: dlog u = q (y = 0) or -p (y = 1)
            FloatVector dSoft = fw.div(u).blend(0f, u.compare(VectorOperators.EQ, 0f)).mul(du);
            fw.mul(p.neg().blend(q, y0)).blend(dSoft, soft).mul(g).intoArray(sc.dfw, k);
        }
    }

    private static double focalBlock(float[] x, float[] y, int i0, float[] w, int w0, float[] pw, int pw0,
                                     boolean usePw, int m, boolean useAlpha, float a, float oma, float scaleF,
                                     float[] grad, float[] loss, Scratch sc) {
        float[] acc = sc.acc;
        ZERO.intoArray(acc, 0);
        ZERO.intoArray(acc, L);
        VectorMask<Float> hasPw = flag(usePw);
        VectorMask<Float> alphaOn = flag(useAlpha);
        for (int k = 0; k < m; k += L) {
            int i = i0 + k;
            FloatVector xv = FloatVector.fromArray(S, x, i);
            FloatVector yv = FloatVector.fromArray(S, y, i);
            FloatVector e = FloatVector.fromArray(S, sc.e, k);
            FloatVector r = FloatVector.fromArray(S, sc.r, k);
            FloatVector er = e.mul(r);
            VectorMask<Float> xNonNeg = xv.compare(VectorOperators.GE, 0f);
            FloatVector p = er.blend(r, xNonNeg);
            FloatVector q = r.blend(er, xNonNeg);
            FloatVector lg = FloatVector.fromArray(S, sc.lg, k);
            FloatVector omy = ONE.sub(yv);
            FloatVector wv = FloatVector.fromArray(S, w, w0 + k);
            FloatVector pwy = FloatVector.fromArray(S, pw, pw0 + k).mul(yv);
            FloatVector ce = omy.mul(xv).blend(pwy.mul(xv).neg(), xNonNeg.not())
                    .add(lg.blend(omy.add(pwy).mul(lg), hasPw)).mul(wv);
            FloatVector fw = FloatVector.fromArray(S, sc.fw, k);
            FloatVector at = yv.mul(a).add(omy.mul(oma));
            FloatVector l = ce.mul(fw);
            l = l.blend(at.mul(l), alphaOn);
            FloatVector.fromArray(S, acc, 0).add(l).intoArray(acc, 0);
            if (loss != null) l.intoArray(loss, i);
            if (grad != null) {
                FloatVector dce = omy.mul(p).sub(pwy.mul(q)).mul(wv);
                FloatVector d = dce.mul(fw).add(ce.mul(FloatVector.fromArray(S, sc.dfw, k)));
                d = d.blend(at.mul(d), alphaOn).mul(scaleF);
                FloatVector.fromArray(S, acc, L).add(d).intoArray(acc, L);
                d.intoArray(grad, i);
            }
        }
        return blockSum(acc);
    }

    // ---------------------------------------------------------------- one-sided focal (seed)

    /**
     * The seed's "one-sided focal" loss {@code l = (1-p)^gamma bce(x, y, weight, posWeight)} for
     * every element (not a focal loss: kept to reproduce old runs);
     * {@code dl/dx = (1-p)^gamma [dbce/dx - gamma p bce]}. gamma 0 is exactly {@link #bce}.
     */
    public static double oneSidedFocal(float[] x, float[] y, int off, int cols, int from, int to, double gamma,
                                       float[] weight, float[] posWeight, double scale, float[] grad,
                                       float[] loss) {
        if (gamma == 0.0) return bce(x, y, off, cols, from, to, weight, posWeight, scale, grad, loss);
        check(x, y, off, cols, from, to, grad, loss);
        checkLabels(weight, "weight", cols);
        checkLabels(posWeight, "posWeight", cols);
        checkGamma("gamma", gamma);
        if (to - from < exactBelow) {
            return scalarRange(off, cols, from, to, (b, wb, n) -> LossScalar.oneSidedFocal(x, y, b, weight, posWeight,
                    wb, n, gamma, scale, grad, loss));
        }
        boolean perLabel = weight != null || posWeight != null;
        float scaleF = (float) scale;
        int intGamma = intGamma(gamma);
        double sum = 0.0;
        Scratch sc = SCRATCH.get(); // once a call, here: see SCRATCH
        Tail t = null;
        for (int i = from; i < to; ) {
            int j = perLabel ? i % cols : 0;
            int end = perLabel ? Math.min(to, i - j + cols) : to;
            int n = end - i;
            int nv = n - n % L;
            if (nv > 0) {
                sum += oneSidedSeg(x, y, off + i, weight, posWeight, j, nv, gamma, intGamma, scaleF, scale, grad,
                        loss, sc);
            }
            if (nv < n) {
                if (t == null) t = new Tail();
                t.load(x, y, off + i + nv, n - nv, weight, posWeight, j + nv);
                oneSidedSeg(t.x, t.y, 0, t.w, t.pw, 0, L, gamma, intGamma, scaleF, scale,
                        grad == null ? null : t.grad, t.loss, sc);
                sum += t.finite(n - nv, grad != null) ? t.store(grad, loss, off + i + nv, n - nv)
                        : LossScalar.oneSidedFocal(x, y, off + i + nv, weight, posWeight, j + nv, n - nv, gamma,
                        scale, grad, loss);
            }
            i = end;
        }
        return sum;
    }

    private static double oneSidedSeg(float[] x, float[] y, int base, float[] w, float[] pw, int wBase, int n,
                                      double gamma, int intGamma, float scaleF, double scale, float[] grad,
                                      float[] loss, Scratch sc) {
        float g = (float) gamma;
        double sum = 0.0;
        for (int k0 = 0; k0 < n; k0 += BLOCK) {
            int m = Math.min(n, k0 + BLOCK) - k0;
            int i0 = base + k0;
            VMath.sigmoidPass(x, i0, m, sc.e, sc.r);
            VMath.log1pPass(sc.e, sc.r, m, sc.lg);
            // f = q^gamma = exp(-gamma softplus(x)) into sc.fw
            oneSidedPre(x, i0, m, g, sc);
            if (intGamma > 0) VMath.powPass(sc.a, m, intGamma, sc.fw);
            else VMath.expPass(sc.b, m, sc.fw);
            double s = oneSidedBlock(x, y, i0, w == null ? sc.ones : w, w == null ? 0 : wBase + k0,
                    pw == null ? sc.ones : pw, pw == null ? 0 : wBase + k0, pw != null, m, g, scaleF, grad, loss,
                    sc);
            sum += s == s ? s : LossScalar.oneSidedFocal(x, y, i0, w, pw, wBase + k0, m, gamma, scale, grad, loss);
        }
        return sum;
    }

    /** q = 1 - p into sc.a, -gamma softplus(x) into sc.b. */
    private static void oneSidedPre(float[] x, int i0, int m, float g, Scratch sc) {
        for (int k = 0; k < m; k += L) {
            FloatVector xv = FloatVector.fromArray(S, x, i0 + k);
            FloatVector e = FloatVector.fromArray(S, sc.e, k);
            FloatVector r = FloatVector.fromArray(S, sc.r, k);
            VectorMask<Float> xNonNeg = xv.compare(VectorOperators.GE, 0f);
            r.blend(e.mul(r), xNonNeg).intoArray(sc.a, k);
            xv.max(0f).add(FloatVector.fromArray(S, sc.lg, k)).mul(-g).intoArray(sc.b, k);
        }
    }

    private static double oneSidedBlock(float[] x, float[] y, int i0, float[] w, int w0, float[] pw, int pw0,
                                        boolean usePw, int m, float g, float scaleF, float[] grad, float[] loss,
                                        Scratch sc) {
        float[] acc = sc.acc;
        ZERO.intoArray(acc, 0);
        ZERO.intoArray(acc, L);
        VectorMask<Float> hasPw = flag(usePw);
        for (int k = 0; k < m; k += L) {
            int i = i0 + k;
            FloatVector xv = FloatVector.fromArray(S, x, i);
            FloatVector yv = FloatVector.fromArray(S, y, i);
            FloatVector e = FloatVector.fromArray(S, sc.e, k);
            FloatVector r = FloatVector.fromArray(S, sc.r, k);
            FloatVector er = e.mul(r);
            VectorMask<Float> xNonNeg = xv.compare(VectorOperators.GE, 0f);
            FloatVector p = er.blend(r, xNonNeg);
            FloatVector q = r.blend(er, xNonNeg);
            FloatVector lg = FloatVector.fromArray(S, sc.lg, k);
            FloatVector omy = ONE.sub(yv);
            FloatVector wv = FloatVector.fromArray(S, w, w0 + k);
            FloatVector pwy = FloatVector.fromArray(S, pw, pw0 + k).mul(yv);
            FloatVector b = omy.mul(xv).blend(pwy.mul(xv).neg(), xNonNeg.not())
                    .add(lg.blend(omy.add(pwy).mul(lg), hasPw)).mul(wv);
            FloatVector f = FloatVector.fromArray(S, sc.fw, k);
            FloatVector l = f.mul(b);
            FloatVector.fromArray(S, acc, 0).add(l).intoArray(acc, 0);
            if (loss != null) l.intoArray(loss, i);
            if (grad != null) {
                FloatVector db = omy.mul(p).sub(pwy.mul(q)).mul(wv);
                FloatVector d = f.mul(db.sub(p.mul(b).mul(g))).mul(scaleF);
                FloatVector.fromArray(S, acc, L).add(d).intoArray(acc, L);
                d.intoArray(grad, i);
            }
        }
        return blockSum(acc);
    }

    // ---------------------------------------------------------------- asymmetric loss

    /**
     * Asymmetric loss (Ridnik et al. 2021, the authors' code): {@code p_m = max(p - clip, 0)},
     * {@code L+ = log(max(p, eps))}, {@code L- = log(max(1 - p_m, eps))},
     * {@code l = -[y L+ + (1-y) L-] (1 - pt)^g}, {@code 1 - pt = y (1-p) + (1-y) p_m},
     * {@code g = gammaPos y + gammaNeg (1-y)}. The eps clamps give the constant {@code log eps}
     * with zero gradient; {@code p <= clip} gives a zero negative weight with zero gradient.
     * {@code detached}: the focusing weight is a constant in the gradient. gammas >= 0,
     * clip in [0, 1), eps > 0.
     */
    public static double asymmetric(float[] x, float[] y, int off, int cols, int from, int to, double gammaNeg,
                                    double gammaPos, double clip, double eps, boolean detached, double scale,
                                    float[] grad, float[] loss) {
        check(x, y, off, cols, from, to, grad, loss);
        checkGamma("gammaNeg", gammaNeg);
        checkGamma("gammaPos", gammaPos);
        if (!(clip >= 0 && clip < 1)) throw new IllegalArgumentException("clip must be in [0, 1), got " + clip);
        if (!(eps > 0 && eps < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("eps must be finite and > 0, got " + eps);
        }
        if (from == to) return 0.0;
        if (to - from < exactBelow) {
            return LossScalar.asymmetric(x, y, off + from, to - from, gammaNeg, gammaPos, clip, eps, detached, scale,
                    grad, loss);
        }
        Asl a = new Asl(gammaNeg, gammaPos, clip, eps, detached);
        float scaleF = (float) scale;
        int n = to - from;
        int nv = n - n % L;
        double sum = 0.0;
        Scratch sc = SCRATCH.get(); // once a call, here: see SCRATCH
        if (nv > 0) sum += aslSeg(x, y, off + from, nv, a, scaleF, scale, grad, loss, sc);
        if (nv < n) {
            Tail t = new Tail();
            t.load(x, y, off + from + nv, n - nv, null, null, 0);
            aslSeg(t.x, t.y, 0, L, a, scaleF, scale, grad == null ? null : t.grad, t.loss, sc);
            sum += t.finite(n - nv, grad != null) ? t.store(grad, loss, off + from + nv, n - nv)
                    : LossScalar.asymmetric(x, y, off + from + nv, n - nv, gammaNeg, gammaPos, clip, eps, detached,
                    scale, grad, loss);
        }
        return sum;
    }

    /** The asymmetric loss's parameters and exact float thresholds of its clamps. */
    private static final class Asl {
        final double gammaNeg;
        final double gammaPos;
        final double clip;
        final double eps;
        final boolean detached;
        final boolean clipped;
        final float gN;
        final float gP;
        final int intGN;
        final int intGP;
        final float clipF;
        final float logEps;
        /** log(max(1, eps)): L- where p <= clip. */
        final float lNegOut;
        /** p >= eps exactly where x >= tPos. */
        final float tPos;
        /** No clip: q >= eps exactly where x <= tQ. */
        final float tQ;
        /** Clip: p > clip exactly where x >= tClip. */
        final float tClip;
        /** Clip: q + clip >= eps exactly where x <= tXs. */
        final float tXs;

        Asl(double gammaNeg, double gammaPos, double clip, double eps, boolean detached) {
            this.gammaNeg = gammaNeg;
            this.gammaPos = gammaPos;
            this.clip = clip;
            this.eps = eps;
            this.detached = detached;
            this.clipped = clip > 0.0;
            gN = (float) gammaNeg;
            gP = (float) gammaPos;
            intGN = intGamma(gammaNeg);
            intGP = intGamma(gammaPos);
            clipF = (float) clip;
            double le = Math.log(eps);
            logEps = (float) le;
            lNegOut = eps > 1.0 ? (float) le : 0f;
            tPos = firstTrue(v -> LossScalar.sigmoid(v) >= eps);
            if (clipped) {
                tQ = Float.NaN;
                tClip = firstTrue(v -> LossScalar.sigmoid(v) > clip);
                tXs = lastTrue(v -> LossScalar.sigmoidComplement(v) + clip >= eps);
            } else {
                tQ = lastTrue(v -> LossScalar.sigmoidComplement(v) >= eps);
                tClip = Float.NaN;
                tXs = Float.NaN;
            }
        }
    }

    private static double aslSeg(float[] x, float[] y, int base, int n, Asl a, float scaleF, double scale,
                                 float[] grad, float[] loss, Scratch sc) {
        final boolean intPath = a.intGN >= 0 && a.intGP >= 0;
        final boolean sameGamma = a.gammaNeg == a.gammaPos;
        double sum = 0.0;
        for (int k0 = 0; k0 < n; k0 += BLOCK) {
            int m = Math.min(n, k0 + BLOCK) - k0;
            int i0 = base + k0;
            VMath.sigmoidPass(x, i0, m, sc.e, sc.r);
            // log1p(exp(-|x|)), in L+ = log p: with a clip, hard negatives do not use it (y L+
            // is 0 times a finite value there, whatever L+ is), so only vectors with a target
            // other than 0 compute it
            VMath.log1pPass(sc.e, sc.r, m, sc.lg, a.clipped ? y : null, i0);
            // u = 1 - pt into sc.b, du into sc.c, L- into sc.d, dL- into sc.f
            boolean soft;
            if (a.clipped) {
                aslXs(x, i0, m, a, sc);
                VMath.logNormalPass(sc.a, m, sc.h);          // xs in [clip, 1]
                soft = aslNegClip(x, y, i0, m, a, sc);
            } else {
                soft = aslNegNoClip(x, y, i0, m, a, sc);
            }
            // focusing weight into sc.fw, sc.dfw: general exponents for the whole block when some
            // vector needs them, then the integer path over the vectors that take it
            boolean general = !intPath || (!sameGamma && soft);
            if (general) {
                VMath.logPass(sc.b, m, sc.g);
                aslGenPre(x, y, i0, m, a, sc);
                VMath.expPass(sc.g, m, sc.fw);
                aslGenDfw(x, y, i0, m, a, sc);
            }
            if (intPath) {
                if (a.intGN > 0) VMath.powPass(sc.b, m, a.intGN - 1, sc.a);
                if (a.intGP > 0) VMath.powPass(sc.b, m, a.intGP - 1, sc.h);
                if (general) aslIntFw(y, i0, m, a, sameGamma, sc);
            }
            double s = general ? aslBlock(x, y, i0, m, a, scaleF, grad, loss, sc)
                    : aslBlockInt(x, y, i0, m, a, scaleF, grad, loss, sc);
            sum += s == s ? s : LossScalar.asymmetric(x, y, i0, m, a.gammaNeg, a.gammaPos, a.clip, a.eps,
                    a.detached, scale, grad, loss);
        }
        return sum;
    }

    /** Clip: xs = 1 - p_m into sc.a. */
    private static void aslXs(float[] x, int i0, int m, Asl a, Scratch sc) {
        for (int k = 0; k < m; k += L) {
            FloatVector xv = FloatVector.fromArray(S, x, i0 + k);
            FloatVector e = FloatVector.fromArray(S, sc.e, k);
            FloatVector r = FloatVector.fromArray(S, sc.r, k);
            VectorMask<Float> xNonNeg = xv.compare(VectorOperators.GE, 0f);
            FloatVector p = e.mul(r).blend(r, xNonNeg);
            VectorMask<Float> below = xv.compare(VectorOperators.GE, a.tClip).not();
            FloatVector pm = p.sub(a.clipF).max(0f).blend(0f, below);
            ONE.sub(pm).intoArray(sc.a, k);
        }
    }

    /**
     * Clip: p_m = max(p - clip, 0), u = y q + (1-y) p_m, du = -y p q + (1-y) dp_m, and
     * L- = log(max(1 - p_m, eps)) with log(xs) from sc.h; whether a target is soft.
     */
    private static boolean aslNegClip(float[] x, float[] y, int i0, int m, Asl a, Scratch sc) {
        boolean soft = false;
        for (int k = 0; k < m; k += L) {
            int i = i0 + k;
            FloatVector xv = FloatVector.fromArray(S, x, i);
            FloatVector yv = FloatVector.fromArray(S, y, i);
            FloatVector e = FloatVector.fromArray(S, sc.e, k);
            FloatVector r = FloatVector.fromArray(S, sc.r, k);
            FloatVector er = e.mul(r);
            VectorMask<Float> xNonNeg = xv.compare(VectorOperators.GE, 0f);
            FloatVector p = er.blend(r, xNonNeg);
            FloatVector q = r.blend(er, xNonNeg);
            FloatVector omy = ONE.sub(yv);
            FloatVector pq = p.mul(q);
            VectorMask<Float> below = xv.compare(VectorOperators.GE, a.tClip).not();
            FloatVector pm = p.sub(a.clipF).max(0f).blend(0f, below);
            FloatVector dpm = pq.blend(0f, below);
            // xs = 1 - p_m = q + clip; log1p(-p_m) = log(xs) + ((1 - xs) - p_m) / xs is accurate
            // also where p_m is small (q + clip would round in the last bits of xs)
            FloatVector xs = ONE.sub(pm);
            FloatVector invXs = ONE.div(xs);
            VectorMask<Float> xsOut = xv.compare(VectorOperators.LE, a.tXs).not();
            FloatVector.fromArray(S, sc.h, k).add(ONE.sub(xs).sub(pm).mul(invXs))
                    .blend(a.logEps, xsOut).blend(a.lNegOut, below).intoArray(sc.d, k);
            pq.mul(invXs).neg().blend(0f, xsOut.or(below)).intoArray(sc.f, k);
            yv.mul(q).add(omy.mul(pm)).intoArray(sc.b, k);
            omy.mul(dpm).sub(yv.mul(pq)).intoArray(sc.c, k);
            soft |= yv.compare(VectorOperators.EQ, 0f).or(yv.compare(VectorOperators.EQ, 1f)).not().anyTrue();
        }
        return soft;
    }

    /** No clip: as {@link #aslNegClip} with p_m = p. */
    private static boolean aslNegNoClip(float[] x, float[] y, int i0, int m, Asl a, Scratch sc) {
        boolean soft = false;
        for (int k = 0; k < m; k += L) {
            int i = i0 + k;
            FloatVector xv = FloatVector.fromArray(S, x, i);
            FloatVector yv = FloatVector.fromArray(S, y, i);
            FloatVector e = FloatVector.fromArray(S, sc.e, k);
            FloatVector r = FloatVector.fromArray(S, sc.r, k);
            FloatVector er = e.mul(r);
            VectorMask<Float> xNonNeg = xv.compare(VectorOperators.GE, 0f);
            FloatVector p = er.blend(r, xNonNeg);
            FloatVector q = r.blend(er, xNonNeg);
            FloatVector lg = FloatVector.fromArray(S, sc.lg, k);
            FloatVector omy = ONE.sub(yv);
            FloatVector pq = p.mul(q);
            FloatVector spPos = xv.max(0f).add(lg);           // softplus(x) = -log q
            VectorMask<Float> negOut = xv.compare(VectorOperators.LE, a.tQ).not();
            spPos.neg().blend(a.logEps, negOut).intoArray(sc.d, k);
            p.neg().blend(0f, negOut).intoArray(sc.f, k);
            yv.mul(q).add(omy.mul(p)).intoArray(sc.b, k);
            omy.mul(pq).sub(yv.mul(pq)).intoArray(sc.c, k);
            soft |= yv.compare(VectorOperators.EQ, 0f).or(yv.compare(VectorOperators.EQ, 1f)).not().anyTrue();
        }
        return soft;
    }

    /**
     * General exponents: g log u into sc.g (log u there on entry); hard labels in logit form
     * (y = 1, and y = 0 without clip).
     */
    private static void aslGenPre(float[] x, float[] y, int i0, int m, Asl a, Scratch sc) {
        VectorMask<Float> noClip = flag(!a.clipped);
        for (int k = 0; k < m; k += L) {
            int i = i0 + k;
            FloatVector xv = FloatVector.fromArray(S, x, i);
            FloatVector yv = FloatVector.fromArray(S, y, i);
            FloatVector lg = FloatVector.fromArray(S, sc.lg, k);
            FloatVector omy = ONE.sub(yv);
            FloatVector spPos = xv.max(0f).add(lg);
            FloatVector spNeg = xv.neg().max(0f).add(lg);
            VectorMask<Float> y0 = yv.compare(VectorOperators.EQ, 0f).and(noClip);
            VectorMask<Float> y1 = yv.compare(VectorOperators.EQ, 1f);
            FloatVector gl = yv.mul(a.gP).add(omy.mul(a.gN));
            FloatVector lu = FloatVector.fromArray(S, sc.g, k).blend(spPos.neg(), y1).blend(spNeg.neg(), y0);
            gl.mul(lu).intoArray(sc.g, k);
        }
    }

    /**
     * General exponents: fw = exp(g log u) (in sc.fw) or 1 where g = 0; hard labels in logit
     * form: dfw = g fw dlog(u); else dfw = g u^(g-1) du, u^(g-1) = fw / u.
     */
    private static void aslGenDfw(float[] x, float[] y, int i0, int m, Asl a, Scratch sc) {
        VectorMask<Float> noClip = flag(!a.clipped);
        for (int k = 0; k < m; k += L) {
            int i = i0 + k;
            FloatVector xv = FloatVector.fromArray(S, x, i);
            FloatVector yv = FloatVector.fromArray(S, y, i);
            FloatVector e = FloatVector.fromArray(S, sc.e, k);
            FloatVector r = FloatVector.fromArray(S, sc.r, k);
            FloatVector er = e.mul(r);
            VectorMask<Float> xNonNeg = xv.compare(VectorOperators.GE, 0f);
            FloatVector p = er.blend(r, xNonNeg);
            FloatVector q = r.blend(er, xNonNeg);
            FloatVector omy = ONE.sub(yv);
            VectorMask<Float> y0 = yv.compare(VectorOperators.EQ, 0f).and(noClip);
            VectorMask<Float> y1 = yv.compare(VectorOperators.EQ, 1f);
            FloatVector gl = yv.mul(a.gP).add(omy.mul(a.gN));
            VectorMask<Float> g0 = gl.compare(VectorOperators.EQ, 0f);
            VectorMask<Float> logitForm = y1.or(y0);
            FloatVector dlu = p.neg().blend(q, y0);
            FloatVector fw = FloatVector.fromArray(S, sc.fw, k).blend(1f, g0);
            FloatVector u = FloatVector.fromArray(S, sc.b, k);
            FloatVector du = FloatVector.fromArray(S, sc.c, k);
            // u = 0: p_m = 0, or a subnormal target's product underflowing: fw = 0, dfw = 0
            FloatVector dU = fw.div(u).blend(0f, u.compare(VectorOperators.EQ, 0f)).mul(du);
            fw.intoArray(sc.fw, k);
            dU.blend(fw.mul(dlu), logitForm).mul(gl).blend(0f, g0).intoArray(sc.dfw, k);
        }
    }

    /**
     * Integer exponents (u^(gN-1) in sc.a, u^(gP-1) in sc.h where those are > 0): fw and dfw of
     * the vectors that take the multiplication path (all with equal gammas, else hard targets only).
     */
    private static void aslIntFw(float[] y, int i0, int m, Asl a, boolean sameGamma, Scratch sc) {
        VectorMask<Float> gn0 = flag(a.intGN == 0);
        VectorMask<Float> gp0 = flag(a.intGP == 0);
        for (int k = 0; k < m; k += L) {
            FloatVector yv = FloatVector.fromArray(S, y, i0 + k);
            VectorMask<Float> y0 = yv.compare(VectorOperators.EQ, 0f);
            VectorMask<Float> y1 = yv.compare(VectorOperators.EQ, 1f);
            if (sameGamma || !y0.or(y1).not().anyTrue()) {
                FloatVector u = FloatVector.fromArray(S, sc.b, k);
                FloatVector du = FloatVector.fromArray(S, sc.c, k);
                FloatVector u1n = FloatVector.fromArray(S, sc.a, k);
                FloatVector u1p = FloatVector.fromArray(S, sc.h, k);
                FloatVector fwN = u1n.mul(u).blend(ONE, gn0);
                FloatVector dfwN = u1n.mul(du).mul(a.gN).blend(ZERO, gn0);
                FloatVector fwP = u1p.mul(u).blend(ONE, gp0);
                FloatVector dfwP = u1p.mul(du).mul(a.gP).blend(ZERO, gp0);
                fwN.blend(fwP, y1).intoArray(sc.fw, k);
                dfwN.blend(dfwP, y1).intoArray(sc.dfw, k);
            }
        }
    }

    /** l = -[y L+ + (1-y) L-] fw with L- (sc.d, sc.f) and fw (sc.fw, sc.dfw) precomputed. */
    private static double aslBlock(float[] x, float[] y, int i0, int m, Asl a, float scaleF, float[] grad,
                                   float[] loss, Scratch sc) {
        float[] acc = sc.acc;
        ZERO.intoArray(acc, 0);
        ZERO.intoArray(acc, L);
        VectorMask<Float> attached = flag(!a.detached);
        for (int k = 0; k < m; k += L) {
            int i = i0 + k;
            FloatVector xv = FloatVector.fromArray(S, x, i);
            FloatVector yv = FloatVector.fromArray(S, y, i);
            FloatVector e = FloatVector.fromArray(S, sc.e, k);
            FloatVector r = FloatVector.fromArray(S, sc.r, k);
            FloatVector er = e.mul(r);
            VectorMask<Float> xNonNeg = xv.compare(VectorOperators.GE, 0f);
            FloatVector q = r.blend(er, xNonNeg);
            FloatVector lg = FloatVector.fromArray(S, sc.lg, k);
            FloatVector omy = ONE.sub(yv);
            FloatVector spNeg = xv.neg().max(0f).add(lg);     // softplus(-x) = -log p
            // L+ = log(max(p, eps))
            VectorMask<Float> posOut = xv.compare(VectorOperators.GE, a.tPos).not();
            FloatVector lPos = spNeg.neg().blend(a.logEps, posOut);
            FloatVector dlPos = q.blend(0f, posOut);
            FloatVector b = yv.mul(lPos).add(omy.mul(FloatVector.fromArray(S, sc.d, k)));
            FloatVector fw = FloatVector.fromArray(S, sc.fw, k);
            FloatVector l = b.mul(fw).neg();
            FloatVector.fromArray(S, acc, 0).add(l).intoArray(acc, 0);
            if (loss != null) l.intoArray(loss, i);
            if (grad != null) {
                FloatVector db = yv.mul(dlPos).add(omy.mul(FloatVector.fromArray(S, sc.f, k)));
                FloatVector dd = db.mul(fw);
                FloatVector d = dd.blend(dd.add(b.mul(FloatVector.fromArray(S, sc.dfw, k))), attached);
                d = d.neg().mul(scaleF);
                FloatVector.fromArray(S, acc, L).add(d).intoArray(acc, L);
                d.intoArray(grad, i);
            }
        }
        return blockSum(acc);
    }

    /**
     * {@link #aslBlock} where every vector takes the integer path: fw and dfw from u (sc.b), du
     * (sc.c), u^(gN-1) (sc.a) and u^(gP-1) (sc.h) as in {@link #aslIntFw}, without the round trip.
     */
    private static double aslBlockInt(float[] x, float[] y, int i0, int m, Asl a, float scaleF, float[] grad,
                                   float[] loss, Scratch sc) {
        float[] acc = sc.acc;
        ZERO.intoArray(acc, 0);
        ZERO.intoArray(acc, L);
        VectorMask<Float> attached = flag(!a.detached);
        VectorMask<Float> gn0 = flag(a.intGN == 0);
        VectorMask<Float> gp0 = flag(a.intGP == 0);
        for (int k = 0; k < m; k += L) {
            int i = i0 + k;
            FloatVector xv = FloatVector.fromArray(S, x, i);
            FloatVector yv = FloatVector.fromArray(S, y, i);
            FloatVector e = FloatVector.fromArray(S, sc.e, k);
            FloatVector r = FloatVector.fromArray(S, sc.r, k);
            FloatVector er = e.mul(r);
            VectorMask<Float> xNonNeg = xv.compare(VectorOperators.GE, 0f);
            FloatVector q = r.blend(er, xNonNeg);
            FloatVector lg = FloatVector.fromArray(S, sc.lg, k);
            FloatVector omy = ONE.sub(yv);
            FloatVector spNeg = xv.neg().max(0f).add(lg);     // softplus(-x) = -log p
            // L+ = log(max(p, eps))
            VectorMask<Float> posOut = xv.compare(VectorOperators.GE, a.tPos).not();
            FloatVector lPos = spNeg.neg().blend(a.logEps, posOut);
            FloatVector dlPos = q.blend(0f, posOut);
            FloatVector b = yv.mul(lPos).add(omy.mul(FloatVector.fromArray(S, sc.d, k)));
            VectorMask<Float> y1 = yv.compare(VectorOperators.EQ, 1f);
            FloatVector u = FloatVector.fromArray(S, sc.b, k);
            FloatVector u1n = FloatVector.fromArray(S, sc.a, k);
            FloatVector u1p = FloatVector.fromArray(S, sc.h, k);
            FloatVector fw = u1n.mul(u).blend(ONE, gn0).blend(u1p.mul(u).blend(ONE, gp0), y1);
            FloatVector l = b.mul(fw).neg();
            FloatVector.fromArray(S, acc, 0).add(l).intoArray(acc, 0);
            if (loss != null) l.intoArray(loss, i);
            if (grad != null) {
                FloatVector db = yv.mul(dlPos).add(omy.mul(FloatVector.fromArray(S, sc.f, k)));
                FloatVector dd = db.mul(fw);
                FloatVector du = FloatVector.fromArray(S, sc.c, k);
                FloatVector dfw = u1n.mul(du).mul(a.gN).blend(ZERO, gn0)
                        .blend(u1p.mul(du).mul(a.gP).blend(ZERO, gp0), y1);
                FloatVector d = dd.blend(dd.add(b.mul(dfw)), attached);
                d = d.neg().mul(scaleF);
                FloatVector.fromArray(S, acc, L).add(d).intoArray(acc, L);
                d.intoArray(grad, i);
            }
        }
        return blockSum(acc);
    }

    // ---------------------------------------------------------------- helpers

    /** gamma as an int when it is an integer in [0, MAX_INT_GAMMA], else -1. */
    static int intGamma(double gamma) {
        return gamma >= 0 && gamma <= MAX_INT_GAMMA && gamma == Math.rint(gamma) ? (int) gamma : -1;
    }

    private static int key(float f) {
        int b = Float.floatToRawIntBits(f);
        return b ^ ((b >> 31) & 0x7fffffff);
    }

    private static float fromKey(long k) {
        int b = (int) k;
        return Float.intBitsToFloat(b ^ ((b >> 31) & 0x7fffffff));
    }

    /**
     * The smallest float x in [-Inf, +Inf] with {@code pred(x)}, for a predicate that is false
     * then true as x grows; NaN if it is never true (so that {@code x >= result} is the predicate).
     */
    static float firstTrue(DoublePredicate pred) {
        if (!pred.test(Float.POSITIVE_INFINITY)) return Float.NaN;
        if (pred.test(Float.NEGATIVE_INFINITY)) return Float.NEGATIVE_INFINITY;
        long lo = key(Float.NEGATIVE_INFINITY);     // false
        long hi = key(Float.POSITIVE_INFINITY);     // true
        while (hi - lo > 1) {
            long mid = (lo + hi) >> 1;
            if (pred.test(fromKey(mid))) hi = mid;
            else lo = mid;
        }
        return fromKey(hi);
    }

    /**
     * The largest float x with {@code pred(x)}, for a predicate that is true then false as x
     * grows; NaN if it is never true (so that {@code x <= result} is the predicate).
     */
    static float lastTrue(DoublePredicate pred) {
        float f = firstTrue(pred.negate());
        if (Float.isNaN(f)) return Float.POSITIVE_INFINITY;
        if (f == Float.NEGATIVE_INFINITY) return Float.NaN;
        return fromKey(key(f) - 1L);
    }

    private static void checkGamma(String name, double g) {
        if (!(g >= 0 && g < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + g);
        }
    }

    private static void check(float[] x, float[] y, int off, int cols, int from, int to, float[] grad,
                              float[] loss) {
        if (from < 0 || to < from) throw new IllegalArgumentException("bad range [" + from + ", " + to + ")");
        if (off < 0) throw new IllegalArgumentException("off must be >= 0, got " + off);
        if (from < to && cols <= 0) throw new IllegalArgumentException("cols must be > 0, got " + cols);
        long end = (long) off + to;
        checkLen(x, "x", end);
        checkLen(y, "y", end);
        if (grad != null) checkLen(grad, "grad", end);
        if (loss != null) checkLen(loss, "loss", end);
    }

    private static void checkLen(float[] a, String name, long end) {
        if (a == null) throw new IllegalArgumentException(name + " must not be null");
        if (a.length < end) {
            throw new IllegalArgumentException(name + ": length " + a.length + " < off + to = " + end);
        }
    }

    private static void checkLabels(float[] w, String name, int cols) {
        if (w != null && w.length < cols) {
            throw new IllegalArgumentException(name + ": " + w.length + " entries < cols = " + cols);
        }
    }

    /**
     * Scratch vectors for a tail shorter than a vector: the tail is copied in, padded (logit 0,
     * target 0, weights 1), computed by the same vector code, and copied out.
     */
    private static final class Tail {
        final float[] x = new float[L];
        final float[] y = new float[L];
        final float[] grad = new float[L];
        final float[] loss = new float[L];
        float[] w;
        float[] pw;
        private float[] wBuf;
        private float[] pwBuf;

        void load(float[] sx, float[] sy, int from, int n, float[] sw, float[] spw, int wFrom) {
            java.util.Arrays.fill(x, 0f);
            java.util.Arrays.fill(y, 0f);
            System.arraycopy(sx, from, x, 0, n);
            System.arraycopy(sy, from, y, 0, n);
            w = sw == null ? null : fillOnes(wBuf == null ? (wBuf = new float[L]) : wBuf, sw, wFrom, n);
            pw = spw == null ? null : fillOnes(pwBuf == null ? (pwBuf = new float[L]) : pwBuf, spw, wFrom, n);
        }

        private static float[] fillOnes(float[] buf, float[] src, int from, int n) {
            java.util.Arrays.fill(buf, 1f);
            System.arraycopy(src, from, buf, 0, n);
            return buf;
        }

        /** Whether the first n losses (and gradients) are finite. */
        boolean finite(int n, boolean withGrad) {
            for (int k = 0; k < n; k++) {
                if (!Float.isFinite(loss[k]) || (withGrad && !Float.isFinite(grad[k]))) return false;
            }
            return true;
        }

        /** Copies n results out to {@code at}; returns the sum of the n losses. */
        double store(float[] dGrad, float[] dLoss, int at, int n) {
            if (dGrad != null) System.arraycopy(grad, 0, dGrad, at, n);
            if (dLoss != null) System.arraycopy(loss, 0, dLoss, at, n);
            double s = 0.0;
            for (int k = 0; k < n; k++) s += loss[k];
            return s;
        }
    }
}
