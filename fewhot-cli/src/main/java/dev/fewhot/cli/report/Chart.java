package dev.fewhot.cli.report;

import static dev.fewhot.cli.report.Html.c;
import static dev.fewhot.cli.report.Html.escape;

import java.util.ArrayList;
import java.util.List;

/**
 * A small inline-SVG chart: a plot area with an x and a y {@link Axis} (grid lines, ticks, tick
 * labels, axis titles), a title and a legend, and marks in data coordinates: dots, lines, bars,
 * vertical rules and text. Values outside the axes are clamped to the plot area; non-finite values
 * (and, on a log axis, values &lt;= 0) are skipped. All text is escaped.
 */
public final class Chart {
    /** Colours of the series (colour-blind safe pairs: blue / orange, with grey and green). */
    public static final String BLUE = "#1f6fb4", ORANGE = "#e8711a", GREEN = "#2a9d3c", GREY = "#8a8a8a",
            RED = "#c62828", PURPLE = "#7b4fa6";

    private static final int LEFT = 66, RIGHT = 18, TOP = 50, BOTTOM = 52;

    private final int width;
    private final int height;
    private final Axis x;
    private final Axis y;
    private String title = "";
    private String xTitle = "";
    private String yTitle = "";
    private final StringBuilder marks = new StringBuilder();
    private final List<String[]> legend = new ArrayList<>();

    /** A chart of the given pixel size over the two axes. */
    public Chart(int width, int height, Axis x, Axis y) {
        this.width = width;
        this.height = height;
        this.x = x;
        this.y = y;
    }

    /** Sets the title above the plot. */
    public Chart title(String t) { title = t; return this; }

    /** Sets the x axis title. */
    public Chart xTitle(String t) { xTitle = t; return this; }

    /** Sets the y axis title. */
    public Chart yTitle(String t) { yTitle = t; return this; }

    private double plotW() { return width - LEFT - RIGHT; }

    private double plotH() { return height - TOP - BOTTOM; }

    private static boolean ok(Axis a, double v) {
        return a.accepts(v);
    }

    /** Pixel x of a data value (clamped to the plot area). */
    double px(double v) {
        return LEFT + Math.max(0, Math.min(1, x.frac(v))) * plotW();
    }

    /** Pixel y of a data value (clamped to the plot area). */
    double py(double v) {
        return TOP + (1 - Math.max(0, Math.min(1, y.frac(v)))) * plotH();
    }

    /**
     * Dots of radius r; colours and hover titles per dot (either array may be null: first colour
     * / no title).
     */
    public Chart dots(double[] xs, double[] ys, String[] colours, String[] tips, double r, String colour) {
        for (int i = 0; i < xs.length; i++) {
            if (!ok(x, xs[i]) || !ok(y, ys[i])) continue;
            String col = colours != null ? colours[i] : colour;
            marks.append("<circle cx=\"").append(c(px(xs[i]))).append("\" cy=\"").append(c(py(ys[i]))).append("\" r=\"")
                    .append(c(r)).append("\" fill=\"").append(col).append("\" fill-opacity=\"0.7\" stroke=\"").append(col)
                    .append("\" stroke-width=\"0.6\">");
            if (tips != null && tips[i] != null) marks.append("<title>").append(escape(tips[i])).append("</title>");
            marks.append("</circle>\n");
        }
        return this;
    }

    /** A polyline through the points (skipping invalid ones), optionally dashed and with markers. */
    public Chart line(double[] xs, double[] ys, String colour, boolean dashed, boolean markers) {
        StringBuilder pts = new StringBuilder();
        for (int i = 0; i < xs.length; i++) {
            if (!ok(x, xs[i]) || !ok(y, ys[i])) continue;
            if (pts.length() > 0) pts.append(' ');
            pts.append(c(px(xs[i]))).append(',').append(c(py(ys[i])));
        }
        marks.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\"")
                .append(dashed ? " stroke-dasharray=\"6 4\"" : "").append(" points=\"").append(pts).append("\"/>\n");
        if (markers) dots(xs, ys, null, null, 3.2, colour);
        return this;
    }

    /**
     * Bars from the bottom of the y axis up to ys[i], spanning x0[i]..x1[i]; bars whose value is
     * not on the axis (0 on a log axis) are not drawn. {@code labels} (may be null) are written
     * above the bars.
     */
    public Chart bars(double[] x0, double[] x1, double[] ys, String colour, double opacity, String[] labels) {
        double base = TOP + plotH();
        for (int i = 0; i < ys.length; i++) {
            if (!ok(y, ys[i]) || !ok(x, x0[i]) || !ok(x, x1[i])) continue;
            double a = px(x0[i]), b = px(x1[i]), top = py(ys[i]);
            marks.append("<rect x=\"").append(c(a)).append("\" y=\"").append(c(top)).append("\" width=\"")
                    .append(c(Math.max(0.5, b - a))).append("\" height=\"").append(c(Math.max(0, base - top)))
                    .append("\" fill=\"").append(colour).append("\" fill-opacity=\"").append(opacity).append("\"/>\n");
            if (labels != null && labels[i] != null) {
                marks.append("<text x=\"").append(c((a + b) / 2)).append("\" y=\"").append(c(top - 5))
                        .append("\" text-anchor=\"middle\" class=\"val\">").append(escape(labels[i])).append("</text>\n");
            }
        }
        return this;
    }

    /** A vertical rule at x with a label near its top, on text line {@code row} (0, 1, ...) to keep labels apart. */
    public Chart vline(double xv, String colour, String label, int row) {
        if (!ok(x, xv)) return this;
        double p = px(xv);
        marks.append("<line x1=\"").append(c(p)).append("\" x2=\"").append(c(p)).append("\" y1=\"").append(TOP)
                .append("\" y2=\"").append(c(TOP + plotH())).append("\" stroke=\"").append(colour)
                .append("\" stroke-width=\"1.5\" stroke-dasharray=\"3 3\"/>\n");
        boolean right = x.frac(xv) > 0.7;
        marks.append("<text x=\"").append(c(p + (right ? -4 : 4))).append("\" y=\"").append(TOP + 14 + 15 * row).append("\" text-anchor=\"")
                .append(right ? "end" : "start").append("\" fill=\"").append(colour)
                .append("\" stroke=\"#fff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\" class=\"val\">")
                .append(escape(label)).append("</text>\n");
        return this;
    }

    /** A line of text centred in the plot area (e.g. "no data"). */
    public Chart note(String text) {
        marks.append("<text x=\"").append(c(LEFT + plotW() / 2)).append("\" y=\"").append(c(TOP + plotH() / 2))
                .append("\" text-anchor=\"middle\" fill=\"#666\">").append(escape(text)).append("</text>\n");
        return this;
    }

    /** Adds a legend entry. */
    public Chart legend(String colour, String name) {
        legend.add(new String[] {colour, name});
        return this;
    }

    /** The SVG element. */
    public String svg() {
        StringBuilder s = new StringBuilder(4096 + marks.length());
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"").append(escape(title)).append("\">\n");
        s.append("<text x=\"").append(LEFT).append("\" y=\"18\" class=\"title\">").append(escape(title)).append("</text>\n");
        double bottom = TOP + plotH(), right = LEFT + plotW();
        double[] xt = x.ticks(), yt = y.ticks();
        for (int i = 0; i < yt.length; i++) {
            double p = py(yt[i]);
            s.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(c(right)).append("\" y1=\"").append(c(p))
                    .append("\" y2=\"").append(c(p)).append("\" class=\"grid\"/>\n");
            s.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(c(p + 4)).append("\" text-anchor=\"end\">")
                    .append(escape(y.tickLabel(i))).append("</text>\n");
        }
        for (int i = 0; i < xt.length; i++) {
            double p = px(xt[i]);
            s.append("<line x1=\"").append(c(p)).append("\" x2=\"").append(c(p)).append("\" y1=\"").append(c(bottom))
                    .append("\" y2=\"").append(c(bottom + 5)).append("\" class=\"axis\"/>\n");
            s.append("<text x=\"").append(c(p)).append("\" y=\"").append(c(bottom + 18)).append("\" text-anchor=\"middle\">")
                    .append(escape(x.tickLabel(i))).append("</text>\n");
        }
        s.append(marks);
        s.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(c(plotW()))
                .append("\" height=\"").append(c(plotH())).append("\" class=\"frame\"/>\n");
        s.append("<text x=\"").append(c(LEFT + plotW() / 2)).append("\" y=\"").append(height - 10)
                .append("\" text-anchor=\"middle\" class=\"atitle\">").append(escape(xTitle)).append("</text>\n");
        s.append("<text transform=\"translate(16,").append(c(TOP + plotH() / 2)).append(") rotate(-90)\" text-anchor=\"middle\" "
                + "class=\"atitle\">").append(escape(yTitle)).append("</text>\n");
        double lx = LEFT;
        for (String[] e : legend) {
            s.append("<rect x=\"").append(c(lx)).append("\" y=\"29\" width=\"12\" height=\"12\" fill=\"").append(e[0])
                    .append("\"/><text x=\"").append(c(lx + 17)).append("\" y=\"39\">").append(escape(e[1])).append("</text>\n");
            lx += 7.0 * e[1].length() + 34;
        }
        s.append("</svg>\n");
        return s.toString();
    }
}
