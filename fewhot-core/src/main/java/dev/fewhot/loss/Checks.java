package dev.fewhot.loss;

/** Argument checks shared by the loss settings; messages name the parameter, state the rule and show the value. */
final class Checks {
    private Checks() {}

    /** Requires a finite value >= 0 (e.g. a focusing exponent or a weight). */
    static double finiteNonNegative(String name, double v) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException(name + " must be finite, got " + v);
        if (v < 0) throw new IllegalArgumentException(name + " must be >= 0, got " + v);
        return v;
    }

    /** Requires a value in [lo, hi]; NaN fails. */
    static double inClosed(String name, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) {
            throw new IllegalArgumentException(name + " must be in [" + fmt(lo) + ", " + fmt(hi) + "], got " + v);
        }
        return v;
    }

    /** Requires a value in [lo, hi); NaN fails. */
    static double inHalfOpen(String name, double v, double lo, double hi) {
        if (!(v >= lo && v < hi)) {
            throw new IllegalArgumentException(name + " must be in [" + fmt(lo) + ", " + fmt(hi) + "), got " + v);
        }
        return v;
    }

    /** Requires a finite value > 0. */
    static double finitePositive(String name, double v) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException(name + " must be finite, got " + v);
        if (!(v > 0)) throw new IllegalArgumentException(name + " must be > 0, got " + v);
        return v;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
