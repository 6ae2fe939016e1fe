package dev.fewhot.data.io;

import dev.fewhot.data.DataFormatException;
import java.util.ArrayList;
import java.util.Arrays;
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
    private int[] rows = new int[0];
    private long[] lines = new long[0];

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

    /**
     * The positions of the skipped rows among all the input's data rows, kept and skipped, in
     * file order (0-based): with the rows read, they restore a row-for-row view of the input,
     * e.g. one output line per input row. Empty when nothing was skipped.
     */
    public int[] skippedRows() { return Arrays.copyOf(rows, (int) skipped); }

    /** The 1-based line number of each skipped row (where its error is), in the order of {@link #skippedRows()}. */
    public long[] skippedLines() { return Arrays.copyOf(lines, (int) skipped); }

    /**
     * Rethrows {@code e} when failing; records it when skipping, with {@code rowsKept}, the rows
     * read before it.
     */
    void handle(DataFormatException e, int rowsKept) throws DataFormatException {
        if (!skip) throw e;
        if (skipped == rows.length) {
            int n = Math.max(16, rows.length * 2);
            rows = Arrays.copyOf(rows, n);
            lines = Arrays.copyOf(lines, n);
        }
        rows[(int) skipped] = (int) (rowsKept + skipped);
        lines[(int) skipped] = e.line();
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
