package dev.fewhot.cli.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One axis of a chart: a linear or base-10 logarithmic map of a value range onto [0, 1], and its
 * ticks (a "nice" 1-2-5 step for linear axes, powers of ten, with 2 and 5 between them over short
 * ranges, for log axes), or ticks given explicitly (categories, integers).
 */
public final class Axis {
    private final double lo;
    private final double hi;
    private final boolean log;
    private final double[] tickValues;
    private final String[] tickLabels;

    private Axis(double lo, double hi, boolean log, double[] tickValues, String[] tickLabels) {
        if (!(Double.isFinite(lo) && Double.isFinite(hi))) throw new IllegalArgumentException("axis range must be finite");
        if (log && !(lo > 0)) throw new IllegalArgumentException("log axis needs a positive range, got " + lo);
        if (!(hi > lo)) hi = log ? lo * 10 : lo + 1; // degenerate range: a unit (or one decade) wide
        this.lo = lo;
        this.hi = hi;
        this.log = log;
        this.tickValues = tickValues;
        this.tickLabels = tickLabels;
    }

    /** A linear axis from lo to hi. */
    public static Axis linear(double lo, double hi) {
        return new Axis(lo, hi, false, null, null);
    }

    /** A base-10 log axis from lo to hi (lo &gt; 0). */
    public static Axis log(double lo, double hi) {
        return new Axis(lo, hi, true, null, null);
    }

    /** The same axis with the given ticks instead of the automatic ones. */
    public Axis withTicks(double[] values, String[] labels) {
        if (values.length != labels.length) throw new IllegalArgumentException("one label per tick");
        return new Axis(lo, hi, log, values.clone(), labels.clone());
    }

    /** Position of v in [0, 1] (outside for values out of range; log axis: v &gt; 0). */
    public double frac(double v) {
        return log ? (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) : (v - lo) / (hi - lo);
    }

    /** Whether v can be placed on this axis: finite, and positive on a log axis. */
    public boolean accepts(double v) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    /** Lower end. */
    public double lo() { return lo; }

    /** Upper end. */
    public double hi() { return hi; }

    /** Tick values inside the range. */
    public double[] ticks() {
        if (tickValues != null) return tickValues.clone();
        return log ? logTicks() : linearTicks();
    }

    /** Label of the i-th tick of {@link #ticks()}. */
    public String tickLabel(int i) {
        if (tickLabels != null) return tickLabels[i];
        double v = ticks()[i];
        return log ? logLabel(v) : linearLabel(v, step());
    }

    private double step() {
        double raw = (hi - lo) / 5;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
    }

    private double[] linearTicks() {
        double step = step();
        List<Double> out = new ArrayList<>();
        for (double v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) {
            out.add(Math.abs(v) < step * 1e-9 ? 0 : v);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private double[] logTicks() {
        // powers of ten; with 1-2-5 between them when that gives fewer than 4 ticks; every integer multiple below that
        double[][] steps = {{1}, {1, 2, 5}, {1, 2, 3, 4, 5, 6, 7, 8, 9}};
        double[] out = new double[0];
        for (double[] m : steps) {
            out = logTicks(m);
            if (out.length >= 4) break;
        }
        return out;
    }

    private double[] logTicks(double[] multiples) {
        int a = (int) Math.floor(Math.log10(lo)), b = (int) Math.ceil(Math.log10(hi));
        List<Double> out = new ArrayList<>();
        for (int e = a; e <= b; e++) {
            for (double m : multiples) {
                double v = m * Math.pow(10, e);
                if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.add(v);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static String linearLabel(double v, double step) {
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    static String logLabel(double v) {
        if (v >= 1 && v < 1e5 && v == Math.rint(v)) return String.format(Locale.ROOT, "%d", (long) v);
        if (v >= 1e-3 && v < 1) return trim(String.format(Locale.ROOT, "%.3f", v));
        int e = (int) Math.floor(Math.log10(v) + 1e-9);
        long m = Math.round(v / Math.pow(10, e));
        return m + "e" + e;
    }

    private static String trim(String s) {
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
