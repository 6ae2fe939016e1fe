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

    /** Per-thread block scratch of the array passes (see VMath): BLOCK floats each. */
    private static final class Scratch {
        final float[] e = new float[BLOCK];
        final float[] r = new float[BLOCK];
        final float[] lg = new float[BLOCK];
        final float[] a = new float[BLOCK];
        final float[] b = new float[BLOCK];
        final float[] c = new float[BLOCK];
        final float[] fw = new float[BLOCK];
        final float[] dfw = new float[BLOCK];
        /** Loss and gradient accumulators (vectors kept in memory: no loop-carried vector phis). */
        final float[] acc = new float[2 * L];
    }

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
        double sum = 0.0;
        Tail t = null;
        if (to - from < exactBelow) {
            return scalarRange(off, cols, from, to,
                    (b, wb, n) -> LossScalar.bce(x, y, b, weight, posWeight, wb, n, scale, grad, loss));
        }
        for (int i = from; i < to; ) {
            int j = perLabel ? i % cols : 0;
            int end = perLabel ? Math.min(to, i - j + cols) : to;
            int n = end - i;
            int nv = n - n % L;
            if (nv > 0) sum += bceSeg(x, y, off + i, weight, posWeight, j, nv, scaleF, scale, grad, loss);
            if (nv < n) {
                if (t == null) t = new Tail();
                t.load(x, y, off + i + nv, n - nv, weight, posWeight, j + nv);
                bceSeg(t.x, t.y, 0, t.w, t.pw, 0, L, scaleF, scale, grad == null ? null : t.grad, t.loss);
                sum += t.finite(n - nv, grad != null) ? t.store(grad, loss, off + i + nv, n - nv)
                        : LossScalar.bce(x, y, off + i + nv, weight, posWeight, j + nv, n - nv, scale, grad, loss);
            }
            i = end;
        }
        return sum;
    }

    private static double bceSeg(float[] x, float[] y, int base, float[] w, float[] pw, int wBase, int n,
                                 float scaleF, double scale, float[] grad, float[] loss) {
        Scratch sc = SCRATCH.get();
        double sum = 0.0;
        for (int k0 = 0; k0 < n; k0 += BLOCK) {
            int m = Math.min(n, k0 + BLOCK) - k0;
            VMath.sigmoidPass(x, base + k0, m, sc.e, sc.r);
            VMath.log1pPass(sc.e, sc.r, m, sc.lg);
            double s = bceBlock(x, y, base + k0, w, pw, wBase + k0, m, scaleF, grad, loss, sc);
            sum += s == s ? s : LossScalar.bce(x, y, base + k0, w, pw, wBase + k0, m, scale, grad, loss);
        }
        return sum;
    }

    /** One block of bce from the sigmoid parts in sc: the float loss sum, NaN if a sum is not finite. */
    private static double bceBlock(float[] x, float[] y, int i0, float[] w, float[] pw, int w0, int m,
                                   float scaleF, float[] grad, float[] loss, Scratch sc) {
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
            FloatVector wv = w == null ? ONE : FloatVector.fromArray(S, w, w0 + k);
            FloatVector pwy = pw == null ? yv : FloatVector.fromArray(S, pw, w0 + k).mul(yv);
            FloatVector l;
            if (pw == null) {
                l = omy.mul(xv).blend(yv.mul(xv).neg(), xNonNeg.not()).add(lg);
            } else {
                FloatVector c = omy.add(pwy);
                l = omy.mul(xv).blend(pwy.mul(xv).neg(), xNonNeg.not()).add(c.mul(lg));
            }
            if (w != null) l = l.mul(wv);
            FloatVector.fromArray(S, acc, 0).add(l).intoArray(acc, 0);
            if (loss != null) l.intoArray(loss, i);
            if (grad != null) {
                FloatVector d = omy.mul(p).sub(pwy.mul(q));
                if (w != null) d = d.mul(wv);
                d = d.mul(scaleF);
                FloatVector.fromArray(S, acc, L).add(d).intoArray(acc, L);
                d.intoArray(grad, i);
            }
        }
        float s = FloatVector.fromArray(S, acc, 0).reduceLanes(VectorOperators.ADD);
        float sd = FloatVector.fromArray(S, acc, L).reduceLanes(VectorOperators.ADD);
        return Float.isFinite(s) && Float.isFinite(sd) ? s : Double.NaN;
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
        if (nv > 0) sum += pwBceSeg(x, y, off + from, nv, w, scaleF, scale, grad, loss);
        if (nv < n) {
            Tail t = new Tail();
            t.load(x, y, off + from + nv, n - nv, null, null, 0);
            pwBceSeg(t.x, t.y, 0, L, w, scaleF, scale, grad == null ? null : t.grad, t.loss);
            sum += t.finite(n - nv, grad != null) ? t.store(grad, loss, off + from + nv, n - nv)
                    : LossScalar.positiveWeightedBce(x, y, off + from + nv, n - nv, w, scale, grad, loss);
        }
        return sum;
    }

    private static double pwBceSeg(float[] x, float[] y, int base, int n, float w, float scaleF, double scale,
                                   float[] grad, float[] loss) {
        double sum = 0.0;
        for (int k0 = 0; k0 < n; k0 += BLOCK) {
            int kEnd = Math.min(n, k0 + BLOCK);
            FloatVector accL = ZERO;
            FloatVector accD = ZERO;
            for (int k = k0; k < kEnd; k += L) {
                int i = base + k;
                FloatVector xv = FloatVector.fromArray(S, x, i);
                FloatVector yv = FloatVector.fromArray(S, y, i);
                FloatVector e = VMath.exp(xv.abs().neg());
                FloatVector r = ONE.div(e.add(1f));
                FloatVector er = e.mul(r);
                VectorMask<Float> xNonNeg = xv.compare(VectorOperators.GE, 0f);
                FloatVector p = er.blend(r, xNonNeg);
                FloatVector q = r.blend(er, xNonNeg);
                FloatVector lg = VMath.log1p01(e, r);
                FloatVector omy = ONE.sub(yv);
                FloatVector f = yv.mul(w).blend(1f, yv.compare(VectorOperators.GT, 0f).not());
                FloatVector l = omy.mul(xv).blend(yv.mul(xv).neg(), xNonNeg.not()).add(lg).mul(f);
                accL = accL.add(l);
                if (loss != null) l.intoArray(loss, i);
                if (grad != null) {
                    FloatVector d = omy.mul(p).sub(yv.mul(q)).mul(f).mul(scaleF);
                    accD = accD.add(d);
                    d.intoArray(grad, i);
                }
            }
            float s = accL.reduceLanes(VectorOperators.ADD);
            float sd = accD.reduceLanes(VectorOperators.ADD);
            if (Float.isFinite(s) && Float.isFinite(sd)) {
                sum += s;
            } else {
                sum += LossScalar.positiveWeightedBce(x, y, base + k0, kEnd - k0, w, scale, grad, loss);
            }
        }
        return sum;
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
        Tail t = null;
        for (int i = from; i < to; ) {
            int j = perLabel ? i % cols : 0;
            int end = perLabel ? Math.min(to, i - j + cols) : to;
            int n = end - i;
            int nv = n - n % L;
            if (nv > 0) {
                sum += focalSeg(x, y, off + i, weight, posWeight, j, nv, gamma, intGamma, useAlpha, alpha,
                        scaleF, scale, grad, loss);
            }
            if (nv < n) {
                if (t == null) t = new Tail();
                t.load(x, y, off + i + nv, n - nv, weight, posWeight, j + nv);
                focalSeg(t.x, t.y, 0, t.w, t.pw, 0, L, gamma, intGamma, useAlpha, alpha, scaleF, scale,
                        grad == null ? null : t.grad, t.loss);
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
                                   double scale, float[] grad, float[] loss) {
        float g = (float) gamma;
        float a = (float) alpha;
        float oma = (float) (1.0 - alpha);
        double sum = 0.0;
        for (int k0 = 0; k0 < n; k0 += BLOCK) {
            int kEnd = Math.min(n, k0 + BLOCK);
            FloatVector accL = ZERO;
            FloatVector accD = ZERO;
            for (int k = k0; k < kEnd; k += L) {
                int i = base + k;
                FloatVector xv = FloatVector.fromArray(S, x, i);
                FloatVector yv = FloatVector.fromArray(S, y, i);
                FloatVector e = VMath.exp(xv.abs().neg());
                FloatVector r = ONE.div(e.add(1f));
                FloatVector er = e.mul(r);
                VectorMask<Float> xNonNeg = xv.compare(VectorOperators.GE, 0f);
                FloatVector p = er.blend(r, xNonNeg);
                FloatVector q = r.blend(er, xNonNeg);
                FloatVector lg = VMath.log1p01(e, r);
                FloatVector omy = ONE.sub(yv);
                FloatVector wv = w == null ? ONE : FloatVector.fromArray(S, w, wBase + k);
                FloatVector pwy = pw == null ? yv : FloatVector.fromArray(S, pw, wBase + k).mul(yv);
                FloatVector ce;
                if (pw == null) {
                    ce = omy.mul(xv).blend(yv.mul(xv).neg(), xNonNeg.not()).add(lg);
                } else {
                    ce = omy.mul(xv).blend(pwy.mul(xv).neg(), xNonNeg.not()).add(omy.add(pwy).mul(lg));
                }
                if (w != null) ce = ce.mul(wv);
                // u = 1 - p_t = y q + (1-y) p, du/dx = (1 - 2y) p q
                FloatVector pq = p.mul(q);
                FloatVector fw;
                FloatVector dfw;
                if (intGamma == 0) {
                    fw = ONE;
                    dfw = ZERO;
                } else if (intGamma > 0) {
                    FloatVector u = yv.mul(q).add(omy.mul(p));
                    FloatVector du = omy.sub(yv).mul(pq);
                    FloatVector u1 = VMath.powInt(u, intGamma - 1);
                    fw = u1.mul(u);
                    dfw = u1.mul(du).mul(g);
                } else {
                    VectorMask<Float> y0 = yv.compare(VectorOperators.EQ, 0f);
                    VectorMask<Float> y1 = yv.compare(VectorOperators.EQ, 1f);
                    VectorMask<Float> soft = y0.or(y1).not();
                    // hard labels: log u = -softplus(-x) (y = 0) or -softplus(x) (y = 1), dlog u = q or -p
                    FloatVector lu = xv.max(0f).add(lg).neg().blend(xv.neg().max(0f).add(lg).neg(), y0);
                    if (soft.anyTrue()) {
                        FloatVector u = yv.mul(q).add(omy.mul(p));
                        FloatVector du = omy.sub(yv).mul(pq);
                        lu = lu.blend(VMath.log(u), soft);
                        fw = VMath.exp(lu.mul(g));
                        // soft: d(u^g) = g u^(g-1) du with u^(g-1) = fw / u (u = 0 only for a subnormal target)
                        FloatVector dSoft = fw.div(u).blend(0f, u.compare(VectorOperators.EQ, 0f)).mul(du);
                        dfw = fw.mul(p.neg().blend(q, y0)).blend(dSoft, soft).mul(g);
                    } else {
                        fw = VMath.exp(lu.mul(g));
                        dfw = fw.mul(p.neg().blend(q, y0)).mul(g);
                    }
                }
                FloatVector l = ce.mul(fw);
                FloatVector at = null;
                if (useAlpha) {
                    at = yv.mul(a).add(omy.mul(oma));
                    l = at.mul(l);
                }
                accL = accL.add(l);
                if (loss != null) l.intoArray(loss, i);
                if (grad != null) {
                    FloatVector dce = omy.mul(p).sub(pwy.mul(q));
                    if (w != null) dce = dce.mul(wv);
                    FloatVector d = dce.mul(fw).add(ce.mul(dfw));
                    if (useAlpha) d = at.mul(d);
                    d = d.mul(scaleF);
                    accD = accD.add(d);
                    d.intoArray(grad, i);
                }
            }
            float s = accL.reduceLanes(VectorOperators.ADD);
            float sd = accD.reduceLanes(VectorOperators.ADD);
            if (Float.isFinite(s) && Float.isFinite(sd)) {
                sum += s;
            } else {
                sum += LossScalar.focal(x, y, base + k0, w, pw, wBase + k0, kEnd - k0, gamma, useAlpha, alpha,
                        scale, grad, loss);
            }
        }
        return sum;
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
        Tail t = null;
        for (int i = from; i < to; ) {
            int j = perLabel ? i % cols : 0;
            int end = perLabel ? Math.min(to, i - j + cols) : to;
            int n = end - i;
            int nv = n - n % L;
            if (nv > 0) {
                sum += oneSidedSeg(x, y, off + i, weight, posWeight, j, nv, gamma, intGamma, scaleF, scale, grad,
                        loss);
            }
            if (nv < n) {
                if (t == null) t = new Tail();
                t.load(x, y, off + i + nv, n - nv, weight, posWeight, j + nv);
                oneSidedSeg(t.x, t.y, 0, t.w, t.pw, 0, L, gamma, intGamma, scaleF, scale,
                        grad == null ? null : t.grad, t.loss);
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
                                      float[] loss) {
        float g = (float) gamma;
        double sum = 0.0;
        for (int k0 = 0; k0 < n; k0 += BLOCK) {
            int kEnd = Math.min(n, k0 + BLOCK);
            FloatVector accL = ZERO;
            FloatVector accD = ZERO;
            for (int k = k0; k < kEnd; k += L) {
                int i = base + k;
                FloatVector xv = FloatVector.fromArray(S, x, i);
                FloatVector yv = FloatVector.fromArray(S, y, i);
                FloatVector e = VMath.exp(xv.abs().neg());
                FloatVector r = ONE.div(e.add(1f));
                FloatVector er = e.mul(r);
                VectorMask<Float> xNonNeg = xv.compare(VectorOperators.GE, 0f);
                FloatVector p = er.blend(r, xNonNeg);
                FloatVector q = r.blend(er, xNonNeg);
                FloatVector lg = VMath.log1p01(e, r);
                FloatVector omy = ONE.sub(yv);
                FloatVector wv = w == null ? ONE : FloatVector.fromArray(S, w, wBase + k);
                FloatVector pwy = pw == null ? yv : FloatVector.fromArray(S, pw, wBase + k).mul(yv);
                FloatVector b;
                if (pw == null) {
                    b = omy.mul(xv).blend(yv.mul(xv).neg(), xNonNeg.not()).add(lg);
                } else {
                    b = omy.mul(xv).blend(pwy.mul(xv).neg(), xNonNeg.not()).add(omy.add(pwy).mul(lg));
                }
                if (w != null) b = b.mul(wv);
                // f = q^gamma = exp(-gamma softplus(x))
                FloatVector f = intGamma > 0 ? VMath.powInt(q, intGamma)
                        : VMath.exp(xv.max(0f).add(lg).mul(-g));
                FloatVector l = f.mul(b);
                accL = accL.add(l);
                if (loss != null) l.intoArray(loss, i);
                if (grad != null) {
                    FloatVector db = omy.mul(p).sub(pwy.mul(q));
                    if (w != null) db = db.mul(wv);
                    FloatVector d = f.mul(db.sub(p.mul(b).mul(g))).mul(scaleF);
                    accD = accD.add(d);
                    d.intoArray(grad, i);
                }
            }
            float s = accL.reduceLanes(VectorOperators.ADD);
            float sd = accD.reduceLanes(VectorOperators.ADD);
            if (Float.isFinite(s) && Float.isFinite(sd)) {
                sum += s;
            } else {
                sum += LossScalar.oneSidedFocal(x, y, base + k0, w, pw, wBase + k0, kEnd - k0, gamma, scale, grad,
                        loss);
            }
        }
        return sum;
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
        if (nv > 0) sum += aslSeg(x, y, off + from, nv, a, scaleF, scale, grad, loss);
        if (nv < n) {
            Tail t = new Tail();
            t.load(x, y, off + from + nv, n - nv, null, null, 0);
            aslSeg(t.x, t.y, 0, L, a, scaleF, scale, grad == null ? null : t.grad, t.loss);
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
                                 float[] grad, float[] loss) {
        final boolean clipped = a.clipped;
        final boolean intPath = a.intGN >= 0 && a.intGP >= 0;
        final boolean sameGamma = a.gammaNeg == a.gammaPos;
        double sum = 0.0;
        for (int k0 = 0; k0 < n; k0 += BLOCK) {
            int kEnd = Math.min(n, k0 + BLOCK);
            FloatVector accL = ZERO;
            FloatVector accD = ZERO;
            for (int k = k0; k < kEnd; k += L) {
                int i = base + k;
                FloatVector xv = FloatVector.fromArray(S, x, i);
                FloatVector yv = FloatVector.fromArray(S, y, i);
                FloatVector e = VMath.exp(xv.abs().neg());
                FloatVector r = ONE.div(e.add(1f));
                FloatVector er = e.mul(r);
                VectorMask<Float> xNonNeg = xv.compare(VectorOperators.GE, 0f);
                FloatVector p = er.blend(r, xNonNeg);
                FloatVector q = r.blend(er, xNonNeg);
                FloatVector lg = VMath.log1p01(e, r);
                FloatVector omy = ONE.sub(yv);
                FloatVector pq = p.mul(q);
                FloatVector spPos = xv.max(0f).add(lg);           // softplus(x) = -log q
                FloatVector spNeg = xv.neg().max(0f).add(lg);     // softplus(-x) = -log p

                // L+ = log(max(p, eps))
                VectorMask<Float> posOut = xv.compare(VectorOperators.GE, a.tPos).not();
                FloatVector lPos = spNeg.neg().blend(a.logEps, posOut);
                FloatVector dlPos = q.blend(0f, posOut);
                // p_m and L- = log(max(1 - p_m, eps))
                FloatVector pm;
                FloatVector dpm;
                FloatVector lNeg;
                FloatVector dlNeg;
                if (clipped) {
                    VectorMask<Float> below = xv.compare(VectorOperators.GE, a.tClip).not();
                    pm = p.sub(a.clipF).max(0f).blend(0f, below);
                    dpm = pq.blend(0f, below);
                    // xs = 1 - p_m = q + clip; log1p(-p_m) = log(xs) + ((1 - xs) - p_m) / xs is accurate
                    // also where p_m is small (q + clip would round in the last bits of xs)
                    FloatVector xs = ONE.sub(pm);
                    FloatVector invXs = ONE.div(xs);
                    VectorMask<Float> xsOut = xv.compare(VectorOperators.LE, a.tXs).not();
                    lNeg = VMath.log(xs).add(ONE.sub(xs).sub(pm).mul(invXs))
                            .blend(a.logEps, xsOut).blend(a.lNegOut, below);
                    dlNeg = pq.mul(invXs).neg().blend(0f, xsOut.or(below));
                } else {
                    pm = p;
                    dpm = pq;
                    VectorMask<Float> negOut = xv.compare(VectorOperators.LE, a.tQ).not();
                    lNeg = spPos.neg().blend(a.logEps, negOut);
                    dlNeg = p.neg().blend(0f, negOut);
                }
                FloatVector b = yv.mul(lPos).add(omy.mul(lNeg));
                FloatVector db = yv.mul(dlPos).add(omy.mul(dlNeg));

                // focusing weight fw = u^g, u = 1 - pt = y q + (1-y) p_m, du = -y p q + (1-y) dp_m
                VectorMask<Float> y0 = yv.compare(VectorOperators.EQ, 0f);
                VectorMask<Float> y1 = yv.compare(VectorOperators.EQ, 1f);
                FloatVector u = yv.mul(q).add(omy.mul(pm));
                FloatVector du = omy.mul(dpm).sub(yv.mul(pq));
                FloatVector fw;
                FloatVector dfw;
                if (intPath && (sameGamma || !y0.or(y1).not().anyTrue())) {
                    FloatVector fwN;
                    FloatVector dfwN;
                    if (a.intGN == 0) {
                        fwN = ONE;
                        dfwN = ZERO;
                    } else {
                        FloatVector u1 = VMath.powInt(u, a.intGN - 1);
                        fwN = u1.mul(u);
                        dfwN = u1.mul(du).mul(a.gN);
                    }
                    if (sameGamma) {
                        fw = fwN;
                        dfw = dfwN;
                    } else if (a.intGP == 0) {
                        fw = fwN.blend(ONE, y1);
                        dfw = dfwN.blend(ZERO, y1);
                    } else {
                        FloatVector u1 = VMath.powInt(u, a.intGP - 1);
                        fw = fwN.blend(u1.mul(u), y1);
                        dfw = dfwN.blend(u1.mul(du).mul(a.gP), y1);
                    }
                } else {
                    // general exponents: fw = exp(g log u); hard labels in logit form (y = 1, and
                    // y = 0 without clip): dfw = g fw dlog(u); else dfw = g u^(g-1) du, u^(g-1) = fw / u
                    FloatVector gl = yv.mul(a.gP).add(omy.mul(a.gN));
                    FloatVector lu = VMath.log(u).blend(spPos.neg(), y1);
                    VectorMask<Float> logitForm = y1;
                    FloatVector dlu = p.neg();
                    if (!clipped) {
                        lu = lu.blend(spNeg.neg(), y0);
                        logitForm = y1.or(y0);
                        dlu = dlu.blend(q, y0);
                    }
                    VectorMask<Float> g0 = gl.compare(VectorOperators.EQ, 0f);
                    fw = VMath.exp(gl.mul(lu)).blend(1f, g0);
                    // u = 0: p_m = 0, or a subnormal target's product underflowing: fw = 0, dfw = 0
                    FloatVector dU = fw.div(u).blend(0f, u.compare(VectorOperators.EQ, 0f)).mul(du);
                    dfw = dU.blend(fw.mul(dlu), logitForm).mul(gl).blend(0f, g0);
                }
                FloatVector l = b.mul(fw).neg();
                accL = accL.add(l);
                if (loss != null) l.intoArray(loss, i);
                if (grad != null) {
                    FloatVector d = a.detached ? db.mul(fw) : db.mul(fw).add(b.mul(dfw));
                    d = d.neg().mul(scaleF);
                    accD = accD.add(d);
                    d.intoArray(grad, i);
                }
            }
            float s = accL.reduceLanes(VectorOperators.ADD);
            float sd = accD.reduceLanes(VectorOperators.ADD);
            if (Float.isFinite(s) && Float.isFinite(sd)) {
                sum += s;
            } else {
                sum += LossScalar.asymmetric(x, y, base + k0, kEnd - k0, a.gammaNeg, a.gammaPos, a.clip, a.eps,
                        a.detached, scale, grad, loss);
            }
        }
        return sum;
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
