package dev.fewhot.train;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A wall-clock budget for a training job's networks: an ensemble trains its next network only
 * when the time so far plus the mean time of the networks already trained (refit included) stays
 * within the budget, so the job ends near the budget with fewer networks rather than long after
 * it. The first network always trains. A budget makes the ensemble size depend on the machine's
 * speed; {@link #NONE} keeps every planned network, so that the model depends on the seed and the
 * thread count alone.
 *
 * @param seconds the budget in seconds, &gt; 0, or {@code Double.POSITIVE_INFINITY} for none
 */
public record TimeBudget(double seconds) {
    /** No budget: every planned network trains. */
    public static final TimeBudget NONE = new TimeBudget(Double.POSITIVE_INFINITY);
    /** The auto recipe's budget: 5 minutes. */
    public static final TimeBudget DEFAULT = new TimeBudget(300);

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");

    public TimeBudget {
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("--time-budget must be a positive duration (e.g. 90s, 5m, 1h30m) or none, got "
                    + seconds + " s");
        }
    }

    /** Whether this is a real limit (not {@link #NONE}). */
    public boolean limited() {
        return seconds != Double.POSITIVE_INFINITY;
    }

    /**
     * Whether one more network fits: {@code elapsed + perNetwork <= seconds}.
     *
     * @param elapsedSeconds    the job's time so far
     * @param perNetworkSeconds the mean time of the networks trained so far
     */
    public boolean fitsAnother(double elapsedSeconds, double perNetworkSeconds) {
        return elapsedSeconds + perNetworkSeconds <= seconds;
    }

    /** The option form: {@code none}, or seconds with a unit ({@code 300s}, {@code 5m}, {@code 1h30m}). */
    public String id() {
        if (!limited()) return "none";
        double s = seconds;
        if (s == Math.rint(s)) {
            long v = (long) s;
            if (v % 3600 == 0) return v / 3600 + "h";
            if (v % 60 == 0) return v / 60 + "m";
            return v + "s";
        }
        return String.format(Locale.ROOT, "%.3fs", s);
    }

    /**
     * Parses {@code none} or a duration: one or more number-unit parts with units h, m, s, ms
     * ({@code 300s}, {@code 5m}, {@code 1h30m}, {@code 2.5m}); a bare number is seconds.
     */
    public static TimeBudget parse(String text) {
        String v = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (v.equals("none")) return NONE;
        String shown = v.length() > 40 ? v.substring(0, 40) + "..." : v;
        String rule = "--time-budget must be a positive duration (e.g. 90s, 5m, 1h30m) or none, got '" + shown + "'";
        if (v.matches("\\d+(\\.\\d+)?")) {
            double s = Double.parseDouble(v);
            if (!(s > 0)) throw new IllegalArgumentException(rule);
            return new TimeBudget(s);
        }
        Matcher m = PART.matcher(v);
        int at = 0;
        double total = 0;
        while (m.find()) {
            if (m.start() != at) throw new IllegalArgumentException(rule);
            double n = Double.parseDouble(m.group(1));
            total += switch (m.group(2)) {
                case "h" -> n * 3600;
                case "m" -> n * 60;
                case "s" -> n;
                default -> n / 1000;
            };
            at = m.end();
        }
        if (at == 0 || at != v.length() || !(total > 0) || Double.isInfinite(total)) throw new IllegalArgumentException(rule);
        return new TimeBudget(total);
    }
}
