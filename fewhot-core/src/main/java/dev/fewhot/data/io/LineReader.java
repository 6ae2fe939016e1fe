package dev.fewhot.data.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * Splits a character stream into lines without creating a String per line. After
 * {@link #next()} returns true, the current line is {@code buf()[start() .. end())}; it stays valid
 * until the next call. Line ends are {@code \n} or {@code \r\n} (a {@code \r} right before the
 * {@code \n}, or at the very end of the input, is not part of the line). A UTF-8 byte order mark
 * (decoded as U+FEFF) at the start of the input is dropped, so columns count from the first
 * character after it.
 */
final class LineReader implements Closeable {
    static final int DEFAULT_BUFFER = 1 << 16;
    /** Longest line read, in characters (128 Mi): a longer one is an error, not an OutOfMemoryError. */
    static final int MAX_LINE = 1 << 27;

    /** A line longer than {@link LineReader#MAX_LINE}; {@link Io#named} turns it into a DataFormatException. */
    static final class LineTooLongException extends IOException {
        private static final long serialVersionUID = 1L;
        final long line;
        final int max;

        LineTooLongException(long line, int max) {
            super("line " + line + " is longer than " + max + " characters");
            this.line = line;
            this.max = max;
        }
    }

    private final int maxLine;

    private final Reader in;
    private char[] buf;
    private int pos;        // start of unconsumed data
    private int limit;      // end of valid data
    private boolean eof;
    private int start;
    private int end;
    private long lineNo;
    private boolean first = true;
    private boolean terminated;

    LineReader(Reader in) {
        this(in, DEFAULT_BUFFER);
    }

    LineReader(Reader in, int bufferSize) {
        this(in, bufferSize, MAX_LINE);
    }

    LineReader(Reader in, int bufferSize, int maxLine) {
        this.maxLine = maxLine;
        this.in = in;
        this.buf = new char[Math.max(16, bufferSize)];
    }

    /** Moves to the next line; false at the end of the input. */
    boolean next() throws IOException {
        int scan = pos;
        while (true) {
            int nl = -1;
            for (int i = scan; i < limit; i++) {
                if (buf[i] == '\n') { nl = i; break; }
            }
            if (nl >= 0) {
                terminated = true;
                setLine(pos, nl);
                pos = nl + 1;
                return true;
            }
            if (eof) {
                if (pos < limit) {
                    terminated = false;
                    setLine(pos, limit);
                    pos = limit;
                    return true;
                }
                return false;
            }
            // compact, grow if full, then read more
            int pending = limit - pos;
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, pending);
                pos = 0;
                limit = pending;
            }
            if (limit == buf.length) {
                if (buf.length >= maxLine) throw new LineTooLongException(lineNo + 1, maxLine);
                buf = Arrays.copyOf(buf, (int) Math.min(maxLine, (long) buf.length * 2));
            }
            scan = limit;
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) eof = true;
            else limit += n;
        }
    }

    private void setLine(int s, int e) {
        if (e > s && buf[e - 1] == '\r') e--;
        if (first) {
            first = false;
            if (e > s && buf[s] == '\uFEFF') s++;
        }
        start = s;
        end = e;
        lineNo++;
    }

    char[] buf() { return buf; }
    int start() { return start; }
    int end() { return end; }
    /** 1-based number of the current line (0 before the first {@link #next()}). */
    long lineNumber() { return lineNo; }

    /**
     * True when the current line ended with a line end; false for a last line cut off by the end
     * of the input (a file without a final newline, or a truncated one).
     */
    boolean terminated() { return terminated; }

    /** True when the current line is empty or holds only whitespace. */
    boolean isBlank() {
        for (int i = start; i < end; i++) if (!Text.isSpace(buf[i])) return false;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
