package dev.fewhot.data.io;

import static dev.fewhot.data.io.DataAssert.assertSameData;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fewhot.data.CsrMatrix;
import dev.fewhot.data.Dataset;
import dev.fewhot.data.DenseMatrix;
import dev.fewhot.data.LabelSets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XcFormatTest {
    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    /** Four rows: labels+features, no labels, labels without features, nothing. CSR, hard. */
    static Dataset sample(boolean soft) {
        LabelSets y = new LabelSets(4, 5, new int[] {0, 2, 2, 3, 3}, new int[] {1, 4, 0},
                soft ? new float[] {0.25f, 1f, 0f} : null);
        CsrMatrix x = new CsrMatrix(4, 6, new int[] {0, 2, 4, 4, 4}, new int[] {0, 5, 2, 3},
                new float[] {1f, 0.1f, -2.5e-7f, 3e12f});
        return new Dataset(x, y);
    }

    @Test
    void writesTheDocumentedText() throws IOException {
        Path p = dir.resolve("s.xmc.txt");
        XcFormat.write(p, sample(false));
        String big = Float.toString(3e12f); // JDK 17 writes 3.00000005E12: not shortest, but exact
        assertEquals("4 6 5\n1,4 0:1 5:0.1\n 2:-2.5E-7 3:" + big + "\n0\n \n", Files.readString(p));
        XcFormat.write(p, sample(true));
        assertEquals("4 6 5\n1:0.25,4:1 0:1 5:0.1\n 2:-2.5E-7 3:" + big + "\n0:0\n \n", Files.readString(p));
    }

    @Test
    void roundTripSparseHardAndSoft() throws IOException {
        for (boolean soft : new boolean[] {false, true}) {
            Dataset d = sample(soft);
            Path p = dir.resolve("rt" + soft + ".txt");
            XcFormat.write(p, d);
            Dataset back = XcFormat.read(p);
            assertInstanceOf(CsrMatrix.class, back.features());
            assertEquals(soft, back.labels().isSoft());
            assertSameData(d, back);
        }
    }

    @Test
    void roundTripDenseWithEmptyRows() throws IOException {
        Random rnd = new Random(3);
        for (boolean soft : new boolean[] {false, true}) {
            Dataset d = DataAssert.random(rnd, 30, 7, 9, true, soft);
            Path p = dir.resolve("dense" + soft + ".txt");
            XcFormat.write(p, d);
            assertSameData(d, XcFormat.read(p));
        }
        // an all-dense matrix comes back dense
        DenseMatrix full = new DenseMatrix(2, 2, new float[] {1f, 2f, 3f, -0f});
        Dataset d = new Dataset(full, new LabelSets(2, 0, new int[] {0, 0, 0}, new int[0], null));
        Path p = dir.resolve("full.txt");
        XcFormat.write(p, d);
        Dataset back = XcFormat.read(p);
        assertInstanceOf(DenseMatrix.class, back.features());
        assertArrayEquals(full.data(), ((DenseMatrix) back.features()).data());
    }

    @Test
    void roundTripEmptyDataset() throws IOException {
        Dataset d = new Dataset(new CsrMatrix(0, 3, new int[] {0}, new int[0], new float[0]),
                new LabelSets(0, 2, new int[] {0}, new int[0], null));
        Path p = dir.resolve("empty.txt");
        XcFormat.write(p, d);
        assertEquals("0 3 2\n", Files.readString(p));
        assertSameData(d, XcFormat.read(p));
    }

    @Test
    void streamingWriterWithUnknownRowCountPatchesTheHeader() throws IOException {
        Path p = dir.resolve("stream.txt");
        try (RowWriter w = XcFormat.writer(p, 10, 3)) {
            for (int r = 0; r < 12; r++) {
                w.writeRow(new int[] {r % 3}, null, 1, new int[] {r % 10}, new float[] {r}, 1);
            }
            assertFalse(Files.exists(p), "target appears only on close");
        }
        String first = Files.readAllLines(p).get(0);
        assertTrue(first.startsWith("12 10 3"), first);
        Dataset d = XcFormat.read(p);
        assertEquals(12, d.rows());
        assertEquals(11f, d.features().get(11, 1));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(p), s.toList(), "no temporary file left");
        }
    }

    @Test
    void writerWithDeclaredRowsDiscardsAShortFile() throws IOException {
        Path p = file("keep.txt", "old");
        RowWriter w = XcFormat.writer(p, 3, 2, 2);
        w.writeRow(new int[] {1}, null, 1, new int[0], new float[0], 0);
        assertThrows(IllegalStateException.class, w::close);
        assertEquals("old", Files.readString(p), "target untouched");
        assertThrows(IllegalStateException.class, () -> w.writeRow(new int[0], null, 0, new int[0], new float[0], 0));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary file left");
        }
    }

    @Test
    void abortLeavesTheTargetAlone() throws IOException {
        Path p = file("keep.txt", "old");
        try (RowWriter w = XcFormat.writer(p, 2, 2)) {
            w.writeRow(new int[] {1}, null, 1, new int[0], new float[0], 0);
            w.abort();
        }
        assertEquals("old", Files.readString(p));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void writerRejectsInvalidRows() throws IOException {
        Path p = dir.resolve("w.txt");
        try (RowWriter w = XcFormat.writer(p, 4, 3)) {
            float[] none = new float[0];
            int[] no = new int[0];
            assertThrows(IllegalArgumentException.class, () -> w.writeRow(new int[] {3}, null, 1, no, none, 0));
            assertThrows(IllegalArgumentException.class, () -> w.writeRow(new int[] {1, 1}, null, 2, no, none, 0));
            assertThrows(IllegalArgumentException.class, () -> w.writeRow(new int[] {1}, new float[] {1.5f}, 1, no, none, 0));
            assertThrows(IllegalArgumentException.class, () -> w.writeRow(no, null, 0, new int[] {4}, new float[] {1}, 1));
            assertThrows(IllegalArgumentException.class, () -> w.writeRow(no, null, 0, new int[] {2, 1}, new float[] {1, 1}, 2));
            assertThrows(IllegalArgumentException.class, () -> w.writeRow(no, null, 0, new int[] {1}, new float[] {Float.NaN}, 1));
            w.writeRow(new int[] {0, 2}, null, 2, new int[] {3}, new float[] {1}, 1);
            assertEquals(1, w.rows());
        }
        assertEquals(1, XcFormat.read(p).rows());
    }

    @Test
    void toleratesCrlfBomTabsAndTrailingWhitespace() throws IOException {
        String text = "\uFEFF3  4\t2 \r\n1,0\t 3:1.5   0:2 \r\n\t2:1\r\n\r\n";
        Dataset d = XcFormat.read(file("crlf.txt", text));
        assertEquals(3, d.rows());
        assertEquals(4, d.numFeatures());
        assertEquals(2, d.numLabels());
        assertArrayEquals(new int[] {0, 2, 2, 2}, d.labels().indptr());
        assertArrayEquals(new int[] {0, 1}, java.util.Arrays.copyOf(d.labels().labels(), 2));
        CsrMatrix x = (CsrMatrix) d.features();
        assertArrayEquals(new int[] {0, 2, 3, 3}, x.indptr());
        assertArrayEquals(new int[] {0, 3, 2}, java.util.Arrays.copyOf(x.indices(), 3), "sorted within the row");
        assertArrayEquals(new float[] {2f, 1.5f, 1f}, java.util.Arrays.copyOf(x.values(), 3));
        assertNull(d.labels().values());
    }

    @Test
    void blankLinesAreEmptyRowsAndTrailingBlankLinesAreIgnored() throws IOException {
        Dataset d = XcFormat.read(file("blank.txt", "3 2 2\n\n1 0:1\n\n\n  \n"));
        assertEquals(3, d.rows());
        assertArrayEquals(new int[] {0, 0, 1, 1}, d.labels().indptr());
        assertEquals(1f, d.features().get(1, 0));
    }

    @Test
    void softLabelsMayMixWithHardOnes() throws IOException {
        Dataset d = XcFormat.read(file("soft.txt", "2 1 4\n3,1:0.5 0:1\n2\n"));
        assertTrue(d.labels().isSoft());
        assertArrayEquals(new int[] {1, 3, 2}, java.util.Arrays.copyOf(d.labels().labels(), 3));
        assertArrayEquals(new float[] {0.5f, 1f, 1f}, java.util.Arrays.copyOf(d.labels().values(), 3));
    }

    @Test
    void missingFileIsAnIoExceptionNamingThePath() {
        Path p = dir.resolve("nope.txt");
        IOException e = assertThrows(NoSuchFileException.class, () -> XcFormat.read(p));
        assertTrue(e.getMessage().contains("nope.txt"));
    }

    @Test
    void stackexCookingLoadsWithItsHeaderDimensions() throws IOException {
        Path p = SharedData.path("stackex_cooking/stackex_cooking.xmc.txt");
        Dataset d = XcFormat.read(p);
        assertEquals(10491, d.rows());
        assertEquals(577, d.numFeatures());
        assertEquals(400, d.numLabels());
        assertInstanceOf(CsrMatrix.class, d.features());
        assertFalse(d.labels().isSoft());
        double cardinality = d.labels().totalPositives() / (double) d.rows();
        assertEquals(2.23, cardinality, 0.01);
        int noLabels = 0;
        for (int r = 0; r < d.rows(); r++) {
            int c = d.labels().count(r);
            assertTrue(c <= 5, "at most 5 tags per question");
            if (c == 0) noLabels++;
        }
        assertEquals(134, noLabels, "lines starting with a space");
        // first line: 11,89,368 15:1 36:1 ...
        assertEquals(3, d.labels().count(0));
        assertEquals(1f, d.features().get(0, 15));
        assertEquals(2f, d.features().get(0, 99));
        // and it round-trips
        Path copy = dir.resolve("cooking.xmc.txt");
        XcFormat.write(copy, d);
        assertSameData(d, XcFormat.read(copy));
    }
}
