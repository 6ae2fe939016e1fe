package dev.fewhot.data.io;

import static dev.fewhot.data.io.DataAssert.assertSameData;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fewhot.data.DataFormatException;
import dev.fewhot.data.Dataset;
import dev.fewhot.data.DatasetBuilder;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibsvmFormatTest {
    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        Path p = dir.resolve("data.svm");
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void defaultsAreOneBasedFeaturesAndZeroBasedLabels() throws IOException {
        Dataset d = LibsvmFormat.read(file("0,2 1:0.5 4:1\n 2:3\n"));
        assertEquals(2, d.rows());
        assertEquals(4, d.numFeatures(), "largest index 4 (1-based) -> 4 features");
        assertEquals(3, d.numLabels());
        assertEquals(0.5f, d.features().get(0, 0));
        assertEquals(1f, d.features().get(0, 3));
        assertEquals(3f, d.features().get(1, 1));
        assertArrayEquals(new int[] {0, 2, 2}, d.labels().indptr());
    }

    @Test
    void basesAreSettings() throws IOException {
        LibsvmOptions o = LibsvmOptions.DEFAULTS.withFeatureBase(0).withLabelBase(1);
        Dataset d = LibsvmFormat.read(file("1,3 0:0.5 4:1\n"), o);
        assertEquals(5, d.numFeatures());
        assertEquals(3, d.numLabels());
        assertArrayEquals(new int[] {0, 2}, Arrays.copyOf(d.labels().labels(), 2));
        assertEquals(0.5f, d.features().get(0, 0));
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new LibsvmOptions(2, 0, -1, -1));
        assertThrows(IllegalArgumentException.class, () -> new LibsvmOptions(1, -1, -1, -1));
        assertThrows(IllegalArgumentException.class, () -> LibsvmOptions.DEFAULTS.withDimensions(-2, 3));
        assertThrows(IllegalArgumentException.class, () -> LibsvmOptions.DEFAULTS.withDimensions(3, -5));
        assertEquals(new LibsvmOptions(1, 0, -1, -1), LibsvmOptions.DEFAULTS);
    }

    @Test
    void givenDimensionsAreUsedAndEnforced() throws IOException {
        LibsvmOptions o = LibsvmOptions.DEFAULTS.withDimensions(10, 8);
        Dataset d = LibsvmFormat.read(file("1 2:1\n"), o);
        assertEquals(10, d.numFeatures());
        assertEquals(8, d.numLabels());
        Path p = file("1 2:1\n0 11:1\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> LibsvmFormat.read(p, o));
        assertEquals(2, e.line());
        assertEquals(3, e.column());
        assertTrue(e.getMessage().contains("data.svm") && e.getMessage().contains("in [1, 11)")
                && e.getMessage().contains("'11'"), e.getMessage());
        Path q = file("8 1:1\n");
        e = assertThrows(DataFormatException.class, () -> LibsvmFormat.read(q, o));
        assertEquals(1, e.column());
        assertTrue(e.expected().contains("label id in [0, 8)"), e.getMessage());
    }

    @Test
    void zeroFeatureIndexIsAnErrorWhenOneBased() throws IOException {
        Path p = file("1 1:1\n2 0:1\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> LibsvmFormat.read(p));
        assertEquals(2, e.line());
        assertEquals(3, e.column());
        assertTrue(e.expected().contains("feature index in [1, ") && e.expected().contains("1-based"), e.getMessage());
        assertEquals("'0'", e.found());
    }

    @Test
    void zeroLabelIsAnErrorWhenOneBased() throws IOException {
        Path p = file("1,0 1:1\n");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> LibsvmFormat.read(p, LibsvmOptions.DEFAULTS.withLabelBase(1)));
        assertEquals(1, e.line());
        assertEquals(3, e.column());
        assertTrue(e.expected().contains("label id in [1, "), e.getMessage());
    }

    @Test
    void malformedTokens() throws IOException {
        String[][] cases = {
            // content, line, column, expected part, found part
            {"1 1:1\n1 2:x\n", "2", "5", "feature value", "'x'"},
            {"1 2\n", "1", "3", "':' between feature index", "'2'"},
            {"1 2:NaN\n", "1", "5", "finite feature value", "'NaN'"},
            {"1 2:inf\n", "1", "5", "finite feature value", "'inf'"},
            {"-2 2:1\n", "1", "1", "non-negative label id", "'-2'"},
            {"1 -2:1\n", "1", "3", "non-negative feature index", "'-2'"},
            {"1 2:1 2:1\n", "1", "7", "at most once", "'2' again"},
            {"1,1 2:1\n", "1", "3", "at most once", "'1' again"},
            {"1 4294967296:1\n", "1", "3", "int range", "'4294967296'"},
            {"4294967296 1:1\n", "1", "1", "int range", "'4294967296'"},
            {"\n\n a:1\n", "3", "2", "feature index", "'a'"},
        };
        for (String[] c : cases) {
            Path p = file(c[0]);
            DataFormatException e = assertThrows(DataFormatException.class, () -> LibsvmFormat.read(p), c[0]);
            String m = e.getMessage();
            assertEquals(Long.parseLong(c[1]), e.line(), m);
            assertEquals(Integer.parseInt(c[2]), e.column(), m);
            assertTrue(m.startsWith(p + ":" + c[1] + ":" + c[2] + ": expected "), m);
            assertTrue(e.expected().contains(c[3]) && m.contains(c[3]), m);
            assertTrue(e.found().contains(c[4]) && m.contains(c[4]), m);
        }
    }

    @Test
    void emptyLinesAreSkippedWhitespaceLinesAreEmptyRows() throws IOException {
        Dataset d = LibsvmFormat.read(file("\r\n0 1:1\r\n\r\n \r\n\n1\t\t2:2  \r\n\n"));
        assertEquals(3, d.rows());
        assertArrayEquals(new int[] {0, 1, 1, 2}, d.labels().indptr());
        assertEquals(0f, d.features().get(1, 0));
        assertEquals(2f, d.features().get(2, 1));
    }

    @Test
    void bomAndCrlf() throws IOException {
        Dataset d = LibsvmFormat.read(file("\uFEFF0,1 1:2\r\n1 3:4\r\n"));
        assertEquals(2, d.rows());
        assertEquals(2f, d.features().get(0, 0));
        assertEquals(4f, d.features().get(1, 2));
    }

    @Test
    void roundTripAllBasesDenseSparseHardSoft() throws IOException {
        Random rnd = new Random(11);
        int i = 0;
        for (int fb = 0; fb <= 1; fb++) {
            for (int lb = 0; lb <= 1; lb++) {
                for (boolean dense : new boolean[] {false, true}) {
                    for (boolean soft : new boolean[] {false, true}) {
                        Dataset d = DataAssert.random(rnd, 25, 6, 7, dense, soft);
                        LibsvmOptions o = new LibsvmOptions(fb, lb, -1, -1);
                        Path p = dir.resolve("rt" + (i++) + ".svm");
                        LibsvmFormat.write(p, d, o);
                        assertSameData(d, LibsvmFormat.read(p, o.withDimensions(6, 7)));
                    }
                }
            }
        }
    }

    @Test
    void roundTripEmptyRows() throws IOException {
        Dataset d = XcFormatTest.sample(false);
        Path p = dir.resolve("s.svm");
        LibsvmFormat.write(p, d);
        assertEquals("1,4 1:1 6:0.1\n 3:-2.5E-7 4:" + Float.toString(3e12f) + "\n0\n \n", Files.readString(p));
        assertSameData(d, LibsvmFormat.read(p, LibsvmOptions.DEFAULTS.withDimensions(6, 5)));
        assertSameData(XcFormatTest.sample(true), roundTrip(XcFormatTest.sample(true)));
    }

    private Dataset roundTrip(Dataset d) throws IOException {
        Path p = dir.resolve("rt.svm");
        LibsvmFormat.write(p, d);
        return LibsvmFormat.read(p, LibsvmOptions.DEFAULTS.withDimensions(d.numFeatures(), d.numLabels()));
    }

    @Test
    void streamsFromLibsvmIntoAnXcWriter() throws IOException {
        Dataset d = DataAssert.random(new Random(5), 40, 9, 6, false, true);
        Path svm = dir.resolve("in.svm");
        LibsvmFormat.write(svm, d);
        Path xc = dir.resolve("out.xmc.txt");
        LibsvmOptions o = LibsvmOptions.DEFAULTS.withDimensions(9, 6);
        try (RowWriter w = XcFormat.writer(xc, 9, 6)) {
            DataShape s = LibsvmFormat.read(svm, o, w);
            assertEquals(new DataShape(40, 9, 6), s);
        }
        assertSameData(d, XcFormat.read(xc));
    }

    @Test
    void readsFromAReaderAndReportsTheGivenName() throws IOException {
        DatasetBuilder b = new DatasetBuilder();
        DataShape s = LibsvmFormat.read(new StringReader("0 1:1\n1 2:2"), "mem", LibsvmOptions.DEFAULTS, b);
        assertEquals(new DataShape(2, 2, 2), s);
        assertEquals(2, b.build().rows());
        DataFormatException e = assertThrows(DataFormatException.class, () -> LibsvmFormat.read(
                new StringReader("0 1:1\n1 2"), "mem", LibsvmOptions.DEFAULTS, new DatasetBuilder()));
        assertTrue(e.getMessage().startsWith("mem:2:3: expected "), e.getMessage());
    }

    @Test
    void longLinesCrossTheBuffer() throws IOException {
        StringBuilder sb = new StringBuilder("3");
        int n = 50_000;
        for (int j = 1; j <= n; j++) sb.append(' ').append(j).append(":0.5");
        sb.append("\n1 7:1\n");
        Dataset d = LibsvmFormat.read(file(sb.toString()));
        assertEquals(2, d.rows());
        assertEquals(n, d.numFeatures());
        assertEquals(0.5f, d.features().get(0, n - 1));
        assertEquals(1f, d.features().get(1, 6));
        assertEquals(List.of(), d.labelNames());
    }
}
