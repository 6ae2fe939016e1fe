package dev.fewhot.data.io;

import dev.fewhot.data.DataFormatException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a line-oriented reader (XC, LIBSVM, CSV) does with a malformed data line: fail with its
 * {@link DataFormatException} ({@link #fail()}, the default), or skip it and go on
 * ({@link #skip()}), counting the skipped lines and keeping the first {@link #KEPT} errors for a
 * report. Only data lines are skipped: a bad header, a header whose row count disagrees with the
 * data, an unterminated CSV quote or an I/O error still fail. A skipping policy collects state:
 * use one instance per file read.
 */
public final class BadLinePolicy {
    /** Errors kept for the report. */
    public static final int KEPT = 5;

    private final boolean skip;
    private long skipped;
    private final List<DataFormatException> first = new ArrayList<>();

    private BadLinePolicy(boolean skip) {
        this.skip = skip;
    }

    /** Fail on the first malformed line (the default). */
    public static BadLinePolicy fail() {
        return new BadLinePolicy(false);
    }

    /** Skip malformed data lines, counting them. */
    public static BadLinePolicy skip() {
        return new BadLinePolicy(true);
    }

    /** True when malformed data lines are skipped. */
    public boolean skips() { return skip; }

    /** Malformed lines skipped so far. */
    public long skipped() { return skipped; }

    /** The first (at most {@link #KEPT}) errors of skipped lines. */
    public List<DataFormatException> firstErrors() { return List.copyOf(first); }

    /** Rethrows {@code e} when failing; records it when skipping. */
    void handle(DataFormatException e) throws DataFormatException {
        if (!skip) throw e;
        skipped++;
        if (first.size() < KEPT) first.add(e);
    }

    /**
     * A report for a user, one line per kept error after a count line, or empty when nothing
     * was skipped: {@code skipped 3 malformed lines of F; the first:\n  F:12:5: expected ...}.
     */
    public String report(String file) {
        if (skipped == 0) return "";
        StringBuilder sb = new StringBuilder("skipped ").append(skipped).append(" malformed line").append(skipped == 1 ? "" : "s")
                .append(" of ").append(file).append(skipped > first.size() ? "; the first " + first.size() + ":" : ":");
        for (DataFormatException e : first) sb.append("\n  ").append(e.getMessage());
        return sb.toString();
    }
}
