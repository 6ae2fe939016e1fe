package dev.fewhot.cli.report;

import java.util.Locale;

/** Escaping and number formatting for the HTML report (text from data files is never trusted). */
public final class Html {
    /** What an undefined value shows. */
    public static final String UNDEFINED = "\u2014";

    private Html() { }

    /** Text escaped for HTML element content and quoted attribute values (also inside inline SVG). */
    public static String escape(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    // control characters other than tab and newlines are not allowed in HTML text
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') b.append('\uFFFD'); else b.append(c);
                }
            }
        }
        return b.toString();
    }

    /** A value with 4 decimals (the report's tables), or {@link #UNDEFINED} for null or a non-finite value. */
    public static String num(Double v) {
        return num(v, 4);
    }

    /** A value with the given decimals, or {@link #UNDEFINED} for null or a non-finite value. */
    public static String num(Double v, int decimals) {
        if (v == null || !Double.isFinite(v)) return UNDEFINED;
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** A share as a percentage with one decimal. */
    public static String percent(double v) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * v);
    }

    /** An SVG coordinate. */
    static String c(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
