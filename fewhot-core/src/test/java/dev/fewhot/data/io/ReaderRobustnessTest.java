package dev.fewhot.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fewhot.data.DataFormatException;
import dev.fewhot.data.Dataset;
import dev.fewhot.data.DatasetBuilder;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The failure modes the readers must turn into a {@link DataFormatException} (or accept), across
 * XC, LIBSVM, CSV and ARFF, and {@link BadLinePolicy#skip()}.
 */
class ReaderRobustnessTest {
    enum Fmt { XC, LIBSVM, CSV, ARFF }

    static final CsvOptions CSV_OPTS = CsvOptions.labelPrefix("y");

    static Dataset read(Fmt f, String text, BadLinePolicy bad) throws IOException {
        return read(f, new StringReader(text), bad);
    }

    static Dataset read(Fmt f, Reader in, BadLinePolicy bad) throws IOException {
        DatasetBuilder b = new DatasetBuilder();
        DataShape s = switch (f) {
            case XC -> XcFormat.read(in, "f", b, bad);
            case LIBSVM -> LibsvmFormat.read(in, "f", LibsvmOptions.DEFAULTS, b, bad);
            case CSV -> CsvFormat.stream(in, "f", CSV_OPTS, b, bad).shape();
            case ARFF -> ArffFormat.stream(in, "f", ArffOptions.DEFAULTS, b).shape();
        };
        return b.build(s.numFeatures(), s.numLabels(), List.of(), List.of());
    }

    static DataFormatException fails(Fmt f, String text) {
        DataFormatException e = assertThrows(DataFormatException.class, () -> read(f, text, BadLinePolicy.fail()), text);
        assertTrue(e.getMessage().startsWith("f:"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        return e;
    }

    @Test
    void idsBeyondIntRangeNegativeOrRepeatedFail() {
        for (Fmt f : List.of(Fmt.XC, Fmt.LIBSVM)) {
            String h = f == Fmt.XC ? "1 5 3\n" : "";
            assertTrue(fails(f, h + "0 99999999999999999999:1\n").expected().contains("int range"));
            assertTrue(fails(f, h + "0 2147483648:1\n").expected().contains("feature index"));
            assertTrue(fails(f, h + "-1 1:1\n").expected().contains("non-negative"));
            assertTrue(fails(f, h + "0 -3:1\n").expected().contains("non-negative"));
            assertTrue(fails(f, h + "0 1:1 2:1 1:2\n").expected().contains("at most once"));
            assertTrue(fails(f, h + "1,0,1 1:1\n").expected().contains("at most once"));
        }
        assertTrue(fails(Fmt.XC, "1 5 3\n7 1:1\n").expected().contains("label id in [0, 3)"));
        assertTrue(fails(Fmt.XC, "1 5 3\n0 9:1\n").expected().contains("feature index in [0, 5)"));
    }

    @Test
    void unsortedIdsAreSorted() throws IOException {
        Dataset d = read(Fmt.XC, "1 5 3\n2,0 4:1 1:2\n", BadLinePolicy.fail());
        assertEquals(2, d.labels().count(0));
        assertEquals(2f, d.features().get(0, 1));
        assertEquals(1f, d.features().get(0, 4));
    }

    @Test
    void nanAndInfinityAreRejectedInEveryFormat() {
        for (String v : List.of("nan", "NaN", "inf", "-Infinity", "1e39", "-3.5e40")) {
            assertTrue(fails(Fmt.XC, "1 5 3\n0 1:" + v + "\n").expected().contains("finite"), v);
            assertTrue(fails(Fmt.LIBSVM, "0 1:" + v + "\n").expected().contains("finite"), v);
            assertTrue(fails(Fmt.CSV, "a,y1\n" + v + ",1\n").expected().contains("finite"), v);
            assertTrue(fails(Fmt.ARFF, "@relation 'r: -C 1'\n@attribute y {0,1}\n@attribute a numeric\n@data\n1," + v + "\n")
                    .getMessage().contains(v), v);
        }
    }

    @Test
    void crlfBomAndEmptyLinesAreAccepted() throws IOException {
        Dataset xc = read(Fmt.XC, "\uFEFF2 3 2\r\n0,1 0:1 2:3\r\n\r\n", BadLinePolicy.fail());
        assertEquals(2, xc.rows());
        assertEquals(0, xc.labels().count(1)); // a blank line within N is an empty row
        Dataset sv = read(Fmt.LIBSVM, "\uFEFF0 1:1\r\n\r\n\n1 2:1\r\n", BadLinePolicy.fail());
        assertEquals(2, sv.rows());
        Dataset csv = read(Fmt.CSV, "\uFEFFa,b,y1\r\n1,2,0\r\n\r\n3,4,1\r\n", BadLinePolicy.fail());
        assertEquals(2, csv.rows());
        assertEquals(4f, csv.features().get(1, 1));
    }

    @Test
    void headersThatLieAboutTheCounts() {
        DataFormatException e = fails(Fmt.XC, "5 3 2\n0 0:1\n1 1:1\n");
        assertTrue(e.found().contains("end of the file after 2 rows"), e.getMessage());
        e = fails(Fmt.XC, "1 3 2\n0 0:1\n1 1:1\n");
        assertTrue(e.expected().contains("the end of the file after 1 rows"), e.getMessage());
        fails(Fmt.XC, "2147483647 3 2\n0 0:1\n");      // huge N: no allocation up front, then an error at the end
        fails(Fmt.XC, "1 99999999999 2\n0 0:1\n");
        fails(Fmt.XC, "1 3\n0 0:1\n");
        e = fails(Fmt.CSV, "a,b,y1\n1,2\n");
        assertTrue(e.expected().contains("3 fields"), e.getMessage());
    }

    /** A reader of {@code prefix} then {@code n} repetitions of {@code unit}, then {@code suffix}, without building the string. */
    static Reader repeated(String prefix, String unit, long n, String suffix) {
        return new Reader() {
            long pos;
            final long total = prefix.length() + unit.length() * n + suffix.length();

            @Override
            public int read(char[] buf, int off, int len) {
                if (pos >= total) return -1;
                int k = 0;
                while (k < len && pos < total) {
                    long p = pos;
                    char c;
                    if (p < prefix.length()) c = prefix.charAt((int) p);
                    else if (p - prefix.length() < unit.length() * n) c = unit.charAt((int) ((p - prefix.length()) % unit.length()));
                    else c = suffix.charAt((int) (p - prefix.length() - unit.length() * n));
                    buf[off + k++] = c;
                    pos++;
                }
                return k;
            }

            @Override
            public void close() { }
        };
    }

    @Test
    void aLineOf100MegabytesIsReadAndALongerOneIsAnError() throws IOException {
        // 100 MB of trailing spaces on a valid row: read
        Dataset d = read(Fmt.LIBSVM, repeated("0 1:1", "          ", 10_000_000, "\n1 2:1\n"), BadLinePolicy.fail());
        assertEquals(2, d.rows());
        // 100 MB of repeated features: the repeat is reported at its column
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> read(Fmt.XC, repeated("1 3 1\n0", " 1:1", 25_000_000, "\n"), BadLinePolicy.fail()));
        assertEquals(2, e.line());
        assertEquals(7, e.column(), e.getMessage());
        // beyond the line limit: a DataFormatException, not an OutOfMemoryError
        e = assertThrows(DataFormatException.class,
                () -> read(Fmt.LIBSVM, repeated("0 1:1\n0", " ", LineReader.MAX_LINE + 10L, "\n"), BadLinePolicy.fail()));
        assertEquals(2, e.line());
        assertTrue(e.expected().contains("a line of at most"), e.getMessage());
    }

    @Test
    void skipBadLinesKeepsTheGoodRowsAndReportsTheFirstBadOnes() throws IOException {
        BadLinePolicy bad = BadLinePolicy.skip();
        Dataset xc = read(Fmt.XC, "6 4 3\n0 1:1\n0 9:1\n1 2:x\n2 3:1\n-1\n1,1 0:1\n", bad);
        assertEquals(2, xc.rows());
        assertEquals(4, bad.skipped());
        assertEquals(List.of(3L, 4L, 6L, 7L), bad.firstErrors().stream().map(DataFormatException::line).toList());
        String report = bad.report("f");
        assertTrue(report.startsWith("skipped 4 malformed lines of f:"), report);
        assertTrue(report.contains("\n  f:3:3: expected a feature index in [0, 4)"), report);

        bad = BadLinePolicy.skip();
        Dataset sv = read(Fmt.LIBSVM, "0 1:1\n0 1:1 1:2\n5 99:nan\n1 3:1\n", bad);
        assertEquals(2, sv.rows());
        assertEquals(3, sv.numFeatures(), "a skipped line does not widen the inferred dimensions");
        assertEquals(2, sv.numLabels());
        assertEquals(2, bad.skipped());
        // the skipped rows' places among the input rows (0-based) and their lines
        assertArrayEquals(new int[] {1, 2}, bad.skippedRows());
        assertArrayEquals(new long[] {2, 3}, bad.skippedLines());

        bad = BadLinePolicy.skip();
        Dataset csv = read(Fmt.CSV, "a,b,y1\n1,2,1\n1,2\n1,x,0\n1,\"2\"x,0\n1,2,3\n4,5,0\n1,2,1,7\n", bad);
        assertEquals(2, csv.rows());
        assertEquals(5, bad.skipped());
        assertArrayEquals(new int[] {1, 2, 3, 4, 6}, bad.skippedRows());
        for (int i = 6; i < 12; i++) bad.handle(new DataFormatException("f", i, 1, "x", "y"), 2);
        assertEquals(BadLinePolicy.KEPT, bad.firstErrors().size());
        assertTrue(bad.report("f").contains("; the first 5:"), bad.report("f"));

        // a label name seen only in a skipped CSV row does not become a label
        bad = BadLinePolicy.skip();
        DatasetBuilder b = new DatasetBuilder();
        CsvFormat.Header h = CsvFormat.stream(new StringReader("a,labels\n1,x\n1,ghost|ghost\n2,y\n"), "f",
                CsvOptions.labelListColumn("labels", "|"), b, bad);
        assertEquals(List.of("x", "y"), h.labelNames());
        assertEquals(1, bad.skipped());
    }

    @Test
    void headersAndUnterminatedQuotesAreNeverSkipped() {
        assertThrows(DataFormatException.class, () -> read(Fmt.XC, "x y z\n0 1:1\n", BadLinePolicy.skip()));
        assertThrows(DataFormatException.class, () -> read(Fmt.XC, "3 4 3\n0 1:1\n", BadLinePolicy.skip()));
        assertThrows(DataFormatException.class, () -> read(Fmt.CSV, "a,z\n1,1\n", BadLinePolicy.skip()));
        assertThrows(DataFormatException.class, () -> read(Fmt.CSV, "a,y1\n\"1,1\n2,0\n", BadLinePolicy.skip()));
    }
}
