package dev.fewhot.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fewhot.data.DataFormatException;
import dev.fewhot.data.Dataset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per kind of malformed XC input: line, column, file, expected and found. */
class XcErrorsTest {
    @TempDir
    Path dir;

    private Path path;

    private DataFormatException error(String content) throws IOException {
        path = dir.resolve("bad.xmc.txt");
        Files.writeString(path, content, StandardCharsets.UTF_8);
        return assertThrows(DataFormatException.class, () -> XcFormat.read(path));
    }

    private void check(DataFormatException e, long line, int column, String expected, String found) {
        assertEquals(line, e.line(), e::getMessage);
        assertEquals(column, e.column(), e::getMessage);
        assertEquals(path.toString(), e.file());
        String m = e.getMessage();
        assertTrue(m.startsWith(path + ":" + line + ":" + column + ": expected "), m);
        assertTrue(m.contains("bad.xmc.txt"), m);
        assertTrue(e.expected().contains(expected), m);
        assertTrue(e.found().contains(found), m);
        assertTrue(m.contains(expected) && m.contains(found), m);
    }

    @Test
    void badFeatureValue() throws IOException {
        check(error("2 10 5\n1 3:abc\n0\n"), 2, 5, "feature value", "'abc'");
    }

    @Test
    void badLabelId() throws IOException {
        check(error("2 10 5\n0\n1,x 3:1\n"), 3, 3, "label id", "'x'");
    }

    @Test
    void badFeatureIndex() throws IOException {
        check(error("1 10 5\n1 2:1 x7:1\n"), 2, 7, "feature index", "'x7'");
    }

    @Test
    void emptyLabelItemAndTrailingComma() throws IOException {
        check(error("1 10 5\n1,,2 3:1\n"), 2, 3, "label id", "','");
        check(error("1 10 5\n1, 3:1\n"), 2, 2, "label id after ','", "end of the label list");
    }

    @Test
    void labelIdOutOfRange() throws IOException {
        check(error("1 10 5\n0,5 3:1\n"), 2, 3, "label id in [0, 5)", "'5'");
    }

    @Test
    void negativeLabelId() throws IOException {
        check(error("1 10 5\n-1 3:1\n"), 2, 1, "non-negative label id", "'-1'");
    }

    @Test
    void featureIndexOutOfRange() throws IOException {
        check(error("1 10 5\n1 3:1 10:1\n"), 2, 7, "feature index in [0, 10)", "'10'");
    }

    @Test
    void negativeFeatureIndex() throws IOException {
        check(error("1 10 5\n1 -3:1\n"), 2, 3, "non-negative feature index", "'-3'");
    }

    @Test
    void duplicateFeatureIndex() throws IOException {
        check(error("1 10 5\n1 3:1 4:1 3:2\n"), 2, 11, "each feature index at most once", "'3' again (first at column 3)");
    }

    @Test
    void duplicateLabelId() throws IOException {
        check(error("1 10 5\n1,2,1 3:1\n"), 2, 5, "each label id at most once", "'1' again (first at column 1)");
    }

    @Test
    void unsortedIdsAreSorted() throws IOException {
        Path p = dir.resolve("unsorted.txt");
        Files.writeString(p, "1 10 5\n4,0:0.5,2 9:9 1:1 5:5\n");
        Dataset d = XcFormat.read(p);
        assertArrayEquals(new int[] {0, 2, 4}, Arrays.copyOf(d.labels().labels(), 3));
        assertArrayEquals(new float[] {0.5f, 1f, 1f}, Arrays.copyOf(d.labels().values(), 3));
        assertEquals(9f, d.features().get(0, 9));
        assertEquals(5f, d.features().get(0, 5));
    }

    @Test
    void missingColon() throws IOException {
        check(error("1 10 5\n1 3 4:1\n"), 2, 3, "':' between feature index and value", "'3'");
    }

    @Test
    void missingValueOrIndex() throws IOException {
        check(error("1 10 5\n1 3:\n"), 2, 4, "feature value after ':'", "'3:'");
        check(error("1 10 5\n1 :4\n"), 2, 3, "feature index before ':'", "nothing");
    }

    @Test
    void nanValue() throws IOException {
        check(error("1 10 5\n1 3:NaN\n"), 2, 5, "finite feature value", "'NaN'");
    }

    @Test
    void infiniteValue() throws IOException {
        check(error("1 10 5\n1 3:-Infinity\n"), 2, 5, "finite feature value", "'-Infinity'");
        check(error("1 10 5\n1 3:1e39\n"), 2, 5, "finite feature value", "'1e39'");
    }

    @Test
    void softLabelValueOutOfRange() throws IOException {
        check(error("1 10 5\n1:1.5 3:1\n"), 2, 3, "soft label value in [0, 1]", "'1.5'");
        check(error("1 10 5\n0,1:nan 3:1\n"), 2, 5, "soft label value in [0, 1]", "'nan'");
    }

    @Test
    void headerWithTooFewNumbers() throws IOException {
        check(error("10 577\n"), 1, 7, "three non-negative integers", "end of the line after 2 numbers");
    }

    @Test
    void headerNotANumber() throws IOException {
        check(error("10 abc 3\n"), 1, 4, "three non-negative integers", "'abc'");
        check(error("1.5 2 3\n"), 1, 1, "three non-negative integers", "'1.5'");
    }

    @Test
    void headerNegative() throws IOException {
        check(error("-1 2 3\n"), 1, 1, "three non-negative integers", "'-1'");
    }

    @Test
    void headerWithExtraToken() throws IOException {
        check(error("1 2 3 4\n\n"), 1, 7, "three non-negative integers", "extra token '4'");
    }

    @Test
    void headerMissing() throws IOException {
        check(error(""), 1, 1, "three non-negative integers", "an empty file");
        check(error("\n1 3:1\n"), 1, 1, "three non-negative integers", "an empty line");
        check(error("0,1 3:1\n"), 1, 1, "three non-negative integers", "'0,1'");
    }

    @Test
    void headerBeyondIntRange() throws IOException {
        check(error("1 2147483648 3\n"), 1, 3, "int range", "'2147483648'");
    }

    @Test
    void fewerRowsThanTheHeader() throws IOException {
        check(error("3 10 5\n1 3:1\n2\n"), 4, 1, "3 rows as the header on line 1 says", "end of the file after 2 rows");
    }

    @Test
    void moreRowsThanTheHeader() throws IOException {
        check(error("1 10 5\n1 3:1\n\n  2 4:1\n"), 4, 3, "end of the file after 1 rows", "another row '  2 4:1'");
    }

    @Test
    void labelIdBeyondIntRange() throws IOException {
        check(error("1 10 5\n99999999999 3:1\n"), 2, 1, "label id within the int range", "'99999999999'");
    }

    @Test
    void featureIndexBeyondIntRange() throws IOException {
        check(error("1 10 5\n1 3000000000:1\n"), 2, 3, "feature index within the int range", "'3000000000'");
    }

    @Test
    void longTokensAreCutInTheMessage() throws IOException {
        DataFormatException e = error("1 10 5\n1 3:" + "9".repeat(30) + "x" + "9".repeat(30) + "\n");
        check(e, 2, 5, "feature value", "...'");
        assertTrue(e.found().length() <= Text.QUOTE_MAX + 2, e.found());
    }

    @Test
    void columnsCountAfterBomAndTabsWithCrlf() throws IOException {
        check(error("\uFEFF2 10 5\r\n1 3:1\r\n\t 2:x\r\n"), 3, 5, "feature value", "'x'");
        check(error("\uFEFF1 10 x\r\n"), 1, 6, "three non-negative integers", "'x'");
    }

    @Test
    void featureOnlyLineWithoutLeadingSpaceIsReadAsLabels() throws IOException {
        // documented rule: the first token at column 1 is the label list
        check(error("1 10 5\n3:2 4:1\n"), 2, 3, "soft label value in [0, 1]", "'2'");
    }
}
