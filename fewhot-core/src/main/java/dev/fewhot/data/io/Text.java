package dev.fewhot.data.io;

/**
 * Character-level helpers shared by the text readers and writers: whitespace, token quoting for
 * error messages, and a float parser and formatter that round-trip exactly.
 */
final class Text {
    private Text() { }

    /** Longest token text quoted in an error message before it is cut. */
    static final int QUOTE_MAX = 40;

    private static final float[] P10F = {
        1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f };
    private static final double[] P10D = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };

    /** Token separators: space, tab, carriage return, vertical tab and form feed. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\u000B' || c == '\f';
    }

    /** End of the token starting at {@code s}: the first whitespace at or after s, or {@code e}. */
    static int tokenEnd(char[] c, int s, int e) {
        int i = s;
        while (i < e && !isSpace(c[i])) i++;
        return i;
    }

    /** The text {@code c[s..e)} in single quotes, cut to {@link #QUOTE_MAX} characters. */
    static String quote(char[] c, int s, int e) {
        return quote(new String(c, s, e - s));
    }

    /** {@code s} in single quotes, cut to {@link #QUOTE_MAX} characters. */
    static String quote(String s) {
        if (s.length() > QUOTE_MAX) s = s.substring(0, QUOTE_MAX - 3) + "...";
        return "'" + s + "'";
    }

    /** Result code of {@link #parseFloat}: the token is not a number. */
    static final int BAD_NUMBER = 1;
    /** Result code of {@link #parseFloat}: the token is NaN, infinite, or beyond the float range. */
    static final int NOT_FINITE = 2;

    /**
     * Parses {@code c[s..e)} as a decimal float: {@code [+-]? digits [. digits] [(e|E) [+-]? digits]}
     * (digits may be absent on one side of the point). The result is the correctly rounded
     * float of the decimal value: common short values take an allocation-free exact path, others
     * fall back to {@link Float#parseFloat}. On failure returns NaN and stores a code in
     * {@code err[0]} ({@link #BAD_NUMBER} or {@link #NOT_FINITE}); otherwise {@code err[0]} is 0.
     */
    static float parseFloat(char[] c, int s, int e, int[] err) {
        err[0] = 0;
        int i = s;
        boolean neg = false;
        if (i < e && (c[i] == '+' || c[i] == '-')) { neg = c[i] == '-'; i++; }
        if (i < e && isWordStart(c[i])) {
            err[0] = isNonFiniteWord(c, i, e) ? NOT_FINITE : BAD_NUMBER;
            return Float.NaN;
        }
        long m = 0;             // at most 18 digits: below 2^63
        int digits = 0;      // significant digits accumulated in m
        int exp10 = 0;       // decimal exponent adjustment
        boolean truncated = false;
        boolean any = false;
        while (i < e && c[i] >= '0' && c[i] <= '9') {
            any = true;
            int d = c[i] - '0';
            if (digits < 18) {
                if (m != 0 || d != 0) { m = m * 10 + d; digits++; }
            } else {
                exp10++;
                if (d != 0) truncated = true;
            }
            i++;
        }
        if (i < e && c[i] == '.') {
            i++;
            while (i < e && c[i] >= '0' && c[i] <= '9') {
                any = true;
                int d = c[i] - '0';
                if (digits < 18) {
                    if (m != 0 || d != 0) { m = m * 10 + d; digits++; }
                    exp10--;
                } else if (d != 0) {
                    truncated = true;
                }
                i++;
            }
        }
        if (!any) { err[0] = BAD_NUMBER; return Float.NaN; }
        if (i < e && (c[i] == 'e' || c[i] == 'E')) {
            i++;
            boolean eneg = false;
            if (i < e && (c[i] == '+' || c[i] == '-')) { eneg = c[i] == '-'; i++; }
            if (i >= e || c[i] < '0' || c[i] > '9') { err[0] = BAD_NUMBER; return Float.NaN; }
            int x = 0;
            while (i < e && c[i] >= '0' && c[i] <= '9') {
                if (x < 100_000) x = x * 10 + (c[i] - '0');
                i++;
            }
            exp10 += eneg ? -x : x;
        }
        if (i != e) { err[0] = BAD_NUMBER; return Float.NaN; }
        float f;
        if (m == 0) {
            f = 0f;
        } else if (!truncated && m <= (1L << 24) && exp10 >= -10 && exp10 <= 10) {
            // both operands exact in float: one correctly rounded operation
            f = exp10 >= 0 ? (float) m * P10F[exp10] : (float) m / P10F[-exp10];
        } else if (!truncated && m < (1L << 53) && exp10 >= -22 && exp10 <= 22) {
            double d = exp10 >= 0 ? (double) m * P10D[exp10] : (double) m / P10D[-exp10];
            f = (float) d;
            // d is the correctly rounded double; rounding it to float is exact unless d lies
            // exactly halfway between two floats (double rounding), then take the slow path.
            if (Float.isInfinite(f) || (double) f != d && isFloatMidpoint(d, f)) {
                f = slow(c, s, e);
                neg = false;
            }
        } else {
            f = slow(c, s, e);
            neg = false;
        }
        if (neg) f = -f;
        if (Float.isInfinite(f)) { err[0] = NOT_FINITE; return Float.NaN; }
        return f;
    }

    private static boolean isFloatMidpoint(double d, float f) {
        float g = d > f ? Math.nextUp(f) : Math.nextDown(f);
        return d - f == (double) g - d;
    }

    private static float slow(char[] c, int s, int e) {
        return Float.parseFloat(new String(c, s, e - s));
    }

    private static boolean isWordStart(char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
    }

    private static boolean isNonFiniteWord(char[] c, int i, int e) {
        String w = new String(c, i, e - i);
        return w.equalsIgnoreCase("nan") || w.equalsIgnoreCase("inf") || w.equalsIgnoreCase("infinity");
    }

    /**
     * Appends a float that {@link #parseFloat} (and {@link Float#parseFloat}) reads back to the
     * identical value: an integer form for integral values below 2^24 in magnitude ("3", "-0"),
     * otherwise {@link Float#toString(float)}.
     */
    static void appendFloat(StringBuilder sb, float v) {
        if (v == 0f) {
            sb.append(Float.floatToRawIntBits(v) == 0 ? "0" : "-0");
        } else if (Math.abs(v) < (1 << 24) && v == (float) (int) v) {
            sb.append((int) v);
        } else {
            sb.append(Float.toString(v));
        }
    }
}
