package dev.fewhot.data;

import java.io.IOException;

/**
 * Malformed input: names the file, the 1-based line and column, what was expected and what was
 * found. Its message is one line meant for the user, in the form
 * {@code file:line:column: expected X, found Y}.
 */
public class DataFormatException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final long line;
    private final int column;
    private final String expected;
    private final String found;

    /**
     * @param file     the file (as the user named it)
     * @param line     1-based line number, or 0 when not tied to a line
     * @param column   1-based column (character position in the line), or 0 when not tied to one
     * @param expected what the format requires here
     * @param found    what the input holds instead
     */
    public DataFormatException(String file, long line, int column, String expected, String found) {
        super(format(file, line, column, expected, found));
        this.file = file;
        this.line = line;
        this.column = column;
        this.expected = expected;
        this.found = found;
    }

    private static String format(String file, long line, int column, String expected, String found) {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) sb.append(':').append(line);
        if (column > 0) sb.append(':').append(column);
        return sb.append(": expected ").append(expected).append(", found ").append(found).toString();
    }

    public String file() { return file; }
    public long line() { return line; }
    public int column() { return column; }
    public String expected() { return expected; }
    public String found() { return found; }
}
