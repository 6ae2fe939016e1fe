package dev.fewhot.data.io;

import static dev.fewhot.data.io.ArffFormatTest.labelRows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fewhot.data.Dataset;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading valid CSV: header, quoting, the three ways to give labels, fixed vocabularies. */
class CsvFormatTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private static float[] dense(Dataset d) {
        return DataAssert.dense(d.features());
    }

    @Test
    void labelColumnsByNameInTheGivenOrder() throws IOException {
        Path p = write("a.csv", "x,cat,y,dog\n1.5,1,2,0\n0,0,0,1\n-1,1,3e2,1\n");
        Dataset d = CsvFormat.read(p, CsvOptions.labelColumns(List.of("dog", "cat")));
        assertEquals(List.of("dog", "cat"), d.labelNames());
        assertEquals(List.of("x", "y"), d.featureNames());
        assertEquals(List.of(List.of(1), List.of(0), List.of(0, 1)), labelRows(d.labels()));
        assertArrayEquals(new float[] {1.5f, 2, 0, 0, -1, 300}, dense(d));
        assertNull(d.labels().values());
    }

    @Test
    void labelPrefixSoftValues() throws IOException {
        Path p = write("b.csv", "label_a,f1,label_b,f2\n0.25,1,1,2\n0,3,0,4\n");
        Dataset d = CsvFormat.read(p, CsvOptions.labelPrefix("label_"));
        assertEquals(List.of("label_a", "label_b"), d.labelNames());
        assertEquals(List.of("f1", "f2"), d.featureNames());
        assertEquals(List.of(List.of(0, 1), List.of()), labelRows(d.labels()));
        assertTrue(d.labels().isSoft());
        assertArrayEquals(new float[] {0.25f, 1}, java.util.Arrays.copyOf(d.labels().values(), 2));
        assertArrayEquals(new float[] {1, 2, 3, 4}, dense(d));
    }

    @Test
    void labelListColumnFirstAppearanceOrder() throws IOException {
        Path p = write("c.csv", "tags,f\n\"b|a\",1\n,2\n c | b ,3\n");
        Dataset d = CsvFormat.read(p, CsvOptions.labelListColumn("tags", "|"));
        assertEquals(List.of("b", "a", "c"), d.labelNames());
        assertEquals(List.of(List.of(0, 1), List.of(), List.of(0, 2)), labelRows(d.labels()));
        assertEquals(List.of("f"), d.featureNames());
    }

    @Test
    void fixedVocabularyMapsByName() throws IOException {
        Path p = write("d.csv", "f;tags\n1;dog,cat\n2;\n");
        CsvOptions o = CsvOptions.labelListColumn("tags", ",").withDelimiter(';').withVocabulary(List.of("cat", "bird", "dog"));
        Dataset d = CsvFormat.read(p, o);
        assertEquals(3, d.numLabels());
        assertEquals(List.of("cat", "bird", "dog"), d.labelNames());
        assertEquals(List.of(List.of(0, 2), List.of()), labelRows(d.labels()));
    }

    @Test
    void quotingRfc4180() throws IOException {
        Path p = write("q.csv", "\uFEFF\"feature, one\",\"say \"\"hi\"\"\",\"multi\nline\",lab\r\n"
                + "\"1\",2,\"3\",\"1\"\r\n\r\n"
                + "4,5,\"6\",0\r\n");
        Dataset d = CsvFormat.read(p, CsvOptions.labelColumns(List.of("lab")));
        assertEquals(List.of("feature, one", "say \"hi\"", "multi\nline"), d.featureNames());
        assertEquals(List.of(List.of(0), List.of()), labelRows(d.labels()));
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, dense(d));
    }

    @Test
    void quotedLabelListWithNewlineAndTsv() throws IOException {
        Path p = write("t.tsv", "id\tlabels\n7\t\"a\tb\nc\"\n8\tb\n");
        Dataset d = CsvFormat.read(p, CsvOptions.labelListColumn("labels", "\n").withDelimiter('\t'));
        assertEquals(List.of("a\tb", "c", "b"), d.labelNames());
        assertEquals(List.of(List.of(0, 1), List.of(2)), labelRows(d.labels()));
        assertEquals(2, d.rows());
    }

    @Test
    void streamingReturnsShapeAndNames() throws IOException {
        int[] rows = {0};
        CsvFormat.Header h = CsvFormat.stream(new StringReader("a,b,l_x\n1,2,1\n3,4,0\n"), "inline",
                CsvOptions.labelPrefix("l_"), (l, lv, nl, fi, fv, nnz) -> rows[0]++);
        assertEquals(new DataShape(2, 2, 1), h.shape());
        assertEquals(List.of("a", "b"), h.featureNames());
        assertEquals(2, rows[0]);
    }

    @Test
    void headerOnlyGivesNoRows() throws IOException {
        Dataset d = CsvFormat.read(write("h.csv", "a,l\n"), CsvOptions.labelColumns(List.of("l")));
        assertEquals(0, d.rows());
        assertEquals(1, d.numFeatures());
        assertEquals(1, d.numLabels());
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> CsvOptions.labelColumns(List.of()));
        assertThrows(IllegalArgumentException.class, () -> CsvOptions.labelColumns(List.of("a", "a")));
        assertThrows(IllegalArgumentException.class, () -> CsvOptions.labelPrefix(""));
        assertThrows(IllegalArgumentException.class, () -> CsvOptions.labelListColumn("t", ""));
        assertThrows(IllegalArgumentException.class, () -> CsvOptions.labelPrefix("l").withDelimiter('"'));
        assertThrows(IllegalArgumentException.class, () -> CsvOptions.labelPrefix("l").withVocabulary(List.of("a")));
        assertThrows(IllegalArgumentException.class,
                () -> CsvOptions.labelListColumn("t", "|").withVocabulary(List.of("a", "a")));
        assertThrows(IllegalArgumentException.class, () -> new CsvOptions(',', List.of("a"), "p", null, "|", null));
        assertThrows(IllegalArgumentException.class, () -> new CsvOptions(',', null, null, null, "|", null));
    }
}
