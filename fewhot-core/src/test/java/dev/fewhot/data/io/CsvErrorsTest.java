package dev.fewhot.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fewhot.data.DataFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per kind of malformed CSV: file, line, column, expected and found. */
class CsvErrorsTest {
    @TempDir
    Path dir;

    private Path path;
    private static final CsvOptions COLS = CsvOptions.labelColumns(List.of("l"));

    private DataFormatException error(String content, CsvOptions o) throws IOException {
        path = dir.resolve("bad.csv");
        Files.writeString(path, content, StandardCharsets.UTF_8);
        return assertThrows(DataFormatException.class, () -> CsvFormat.read(path, o));
    }

    private void check(DataFormatException e, long line, int column, String expected, String found) {
        String m = e.getMessage();
        assertEquals(path.toString(), e.file(), m);
        assertEquals(line, e.line(), m);
        assertEquals(column, e.column(), m);
        assertTrue(e.expected().contains(expected), m);
        assertTrue(e.found().contains(found), m);
        assertTrue(m.startsWith(path + ":" + line + ":" + column + ": expected "), m);
    }

    @Test
    void emptyFile() throws IOException {
        check(error("", COLS), 1, 1, "a header row", "an empty file");
    }

    @Test
    void missingLabelColumnPrefixOrListColumn() throws IOException {
        check(error("a,b\n1,2\n", COLS), 1, 1, "a column named 'l' in the header (a label column)",
                "no such column among 2 columns [a, b]");
        check(error("a,b\n1,2\n", CsvOptions.labelPrefix("label_")), 1, 1, "a column whose name starts with 'label_'",
                "none among 2 columns");
        check(error("a,b\n1,2\n", CsvOptions.labelListColumn("tags", "|")), 1, 1, "a column named 'tags'",
                "no such column");
    }

    @Test
    void duplicateHeaderName() throws IOException {
        check(error("a,l,a\n", COLS), 1, 5, "each column name once", "'a' again (first at column 1)");
    }

    @Test
    void emptyAndBadCells() throws IOException {
        check(error("a,l\n1,1\n,0\n", COLS), 3, 1, "a number for column 'a'", "an empty field");
        check(error("a,l\n1, x1 \n", COLS), 2, 3, "0, 1 or a soft value in [0, 1] for label column 'l'", "'x1'");
        check(error("a,l\n1,1.5\n", COLS), 2, 3, "0, 1 or a soft value in [0, 1]", "'1.5'");
        check(error("a,l\n1,\n", COLS), 2, 3, "for label column 'l'", "an empty field");
        check(error("a,l\nabc,1\n", COLS), 2, 1, "a number for column 'a'", "'abc'");
        check(error("a,l\ninf,1\n", COLS), 2, 1, "a finite number for column 'a'", "'inf'");
    }

    @Test
    void wrongFieldCount() throws IOException {
        check(error("a,b,l\n1,2,1\n1,2\n", COLS), 3, 4, "3 fields as in the header", "the end of the row after 2 fields");
        check(error("a,b,l\n1,2,1,9\n", COLS), 2, 7, "3 fields as in the header", "4 fields");
    }

    @Test
    void quoting() throws IOException {
        check(error("a,l\n\"1\"x,1\n", COLS), 2, 4, "the delimiter or the end of the line after a closing quote", "'x'");
        check(error("a,l\n1,\"1\n\n", COLS), 2, 3, "a closing '\"' for the quoted field", "the end of the file");
        check(error("a,l\n1 \"2\",1\n", COLS), 2, 3, "no quote inside an unquoted field", "'\"'");
    }

    @Test
    void labelList() throws IOException {
        CsvOptions list = CsvOptions.labelListColumn("tags", "|");
        check(error("f,tags\n1,a||b\n", list), 2, 3, "a label name before '|'", "nothing in 'a||b'");
        check(error("f,tags\n1,a|\n", list), 2, 3, "a label name after '|'", "nothing in 'a|'");
        check(error("f,tags\n1,a|b|a\n", list), 2, 3, "each label at most once in a row", "'a' again");
        check(error("f,tags\n1,a\n2,\"b|zebra\"\n", list.withVocabulary(List.of("a", "b"))), 3, 3,
                "a label name from the given vocabulary of 2 labels", "'zebra'");
    }
}
