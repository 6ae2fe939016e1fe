package dev.fewhot.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fewhot.data.CsrMatrix;
import dev.fewhot.data.Dataset;
import dev.fewhot.data.DenseMatrix;
import dev.fewhot.data.LabelSets;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading valid ARFF: the shared Mulan sets, MEKA relations, Mulan XML, syntax variants. */
class ArffFormatTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    /** Label ids of each row, as lists. */
    static List<List<Integer>> labelRows(LabelSets y) {
        List<List<Integer>> out = new ArrayList<>();
        for (int r = 0; r < y.rows(); r++) {
            List<Integer> row = new ArrayList<>();
            for (int k = y.indptr()[r]; k < y.indptr()[r + 1]; k++) row.add(y.labels()[k]);
            out.add(row);
        }
        return out;
    }

    static float[] dense(Dataset d) {
        return DataAssert.dense(d.features());
    }

    // ---------------------------------------------------------------- shared data sets

    @Test
    void bibtexHasThePublishedStatistics() throws IOException {
        Path train = SharedData.path("bibtex/bibtex-train.arff");
        Path test = SharedData.path("bibtex/bibtex-test.arff");
        Dataset tr = ArffFormat.read(train);   // finds bibtex.xml beside it
        Dataset te = ArffFormat.read(test);
        assertEquals(4880, tr.rows());
        assertEquals(2515, te.rows());
        for (Dataset d : List.of(tr, te)) {
            assertEquals(1836, d.numFeatures());
            assertEquals(159, d.numLabels());
            assertEquals(159, d.labelNames().size());
            assertEquals(1836, d.featureNames().size());
            assertEquals("TAG_2005", d.labelNames().get(0));
            assertEquals("0", d.featureNames().get(0));
            assertTrue(d.features() instanceof CsrMatrix, "sparse bibtex stays CSR");
            assertNull(d.labels().values());
        }
        double card = (double) (tr.labels().totalPositives() + te.labels().totalPositives()) / (tr.rows() + te.rows());
        assertEquals(2.402, card, 0.001);
        // first training row: "{0 1,5 1,6 1,...": features 0, 5, 6 set to 1
        CsrMatrix x = (CsrMatrix) tr.features();
        assertArrayEquals(new int[] {0, 5, 6}, Arrays.copyOf(x.indices(), 3));
        assertEquals(1f, x.values()[0]);
    }

    @Test
    void emotionsLoads() throws IOException {
        setsLoad(new Object[][] {{"emotions/emotions", 391, 202, 72, 6, 1.87}});
    }

    @Test
    void yeastLoads() throws IOException {
        setsLoad(new Object[][] {{"yeast/yeast", 1500, 917, 103, 14, 4.24}});
    }

    private static void setsLoad(Object[][] sets) throws IOException {
        for (Object[] s : sets) {
            Dataset tr = ArffFormat.read(SharedData.path(s[0] + "-train.arff"));
            Dataset te = ArffFormat.read(SharedData.path(s[0] + "-test.arff"));
            assertEquals((int) s[1], tr.rows(), (String) s[0]);
            assertEquals((int) s[2], te.rows(), (String) s[0]);
            for (Dataset d : List.of(tr, te)) {
                assertEquals((int) s[3], d.numFeatures(), (String) s[0]);
                assertEquals((int) s[4], d.numLabels(), (String) s[0]);
                assertTrue(d.features() instanceof DenseMatrix, "dense numeric data becomes dense");
            }
            double card = (double) (tr.labels().totalPositives() + te.labels().totalPositives()) / (tr.rows() + te.rows());
            assertEquals((double) s[5], card, 0.01, (String) s[0]);
        }
    }

    @Test
    void birdsFlagsAndGenbaseReadWithTheirNominalAttributes() throws IOException {
        // {set, rows train, rows test, features after encoding, labels}
        Object[][] sets = {
            {"birds/birds", 322, 323, 258 + 1 + 12, 19},      // 'location' one-hot over 12 values
            {"flags/flags", 129, 65, 10 + 6 + 4 + 10 + 8 + 5, 7},
            {"genbase/genbase", 463, 199, 1185, 27},          // 'protein' (one value per row) left out
        };
        for (Object[] s : sets) {
            List<String> notes = new ArrayList<>();
            ArffFormat.Encoded tr = ArffFormat.readEncoded(SharedData.path(s[0] + "-train.arff"),
                    ArffOptions.DEFAULTS.withNotes(notes::add));
            Dataset te = ArffFormat.read(SharedData.path(s[0] + "-test.arff"),
                    ArffOptions.DEFAULTS.withNotes(notes::add).withEncoding(tr.encoding()));
            assertEquals((int) s[1], tr.data().rows(), (String) s[0]);
            assertEquals((int) s[2], te.rows(), (String) s[0]);
            assertEquals((int) s[3], tr.data().numFeatures(), (String) s[0]);
            assertEquals((int) s[3], te.numFeatures(), (String) s[0]);
            assertEquals((int) s[4], te.numLabels(), (String) s[0]);
            assertEquals(tr.data().featureNames(), te.featureNames());
            if (s[0].toString().startsWith("genbase")) {
                assertEquals(1, notes.size(), notes.toString());
                assertTrue(notes.get(0).contains("'protein' left out"), notes.toString());
            } else {
                assertTrue(notes.isEmpty(), notes.toString());
            }
        }
    }

    @Test
    void labelIdsFollowTheArffOrderNotTheXmlOrder() throws IOException {
        // yeast.xml lists Class1, Class2, Class3, Class6, Class4, ...; the ARFF declares Class1..Class14
        Dataset d = ArffFormat.read(SharedData.path("yeast/yeast-train.arff"));
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 14; i++) expected.add("Class" + i);
        assertEquals(expected, d.labelNames());
        assertEquals("Att1", d.featureNames().get(0));
        // first row ends with "... 0 0 1 1 0 0 0 0 0 0 0 0 0 0": Class3, Class4
        assertEquals(List.of(2, 3), labelRows(d.labels()).get(0));
        assertEquals(0.0937f, dense(d)[0]);
    }

    @Test
    void explicitXmlAndStreaming() throws IOException {
        Path xml = SharedData.path("emotions/emotions.xml");
        Path copy = write("renamed.arff", Files.readString(SharedData.path("emotions/emotions-test.arff")));
        assertThrows(dev.fewhot.data.DataFormatException.class, () -> ArffFormat.read(copy), "no XML beside it");
        Dataset d = ArffFormat.read(copy, ArffOptions.labelsXml(xml));
        assertEquals(202, d.rows());
        int[] rows = {0};
        DataShape s = ArffFormat.read(copy, ArffOptions.labelsXml(xml), (l, lv, nl, fi, fv, nnz) -> rows[0]++);
        assertEquals(new DataShape(202, 72, 6), s);
        assertEquals(202, rows[0]);
    }

    // ---------------------------------------------------------------- MEKA

    private static final String ABCDE = "@attribute a {0,1}\n@attribute b {0,1}\n@attribute x numeric\n"
            + "@attribute y real\n@attribute z integer\n@data\n";

    @Test
    void mekaFirstN() throws IOException {
        Path p = write("m.arff", "@relation 'toy: -C 2 -split-number 3'\n" + ABCDE + "1,0,0.5,0,3\n0,0,0,0,0\n1,1,1,2,0\n");
        Dataset d = ArffFormat.read(p);
        assertEquals(List.of("a", "b"), d.labelNames());
        assertEquals(List.of("x", "y", "z"), d.featureNames());
        assertEquals(List.of(List.of(0), List.of(), List.of(0, 1)), labelRows(d.labels()));
        assertArrayEquals(new float[] {0.5f, 0, 3, 0, 0, 0, 1, 2, 0}, dense(d));
    }

    @Test
    void mekaLastN() throws IOException {
        Path p = write("m.arff", "@RELATION \"Scene: -C -2 -split x\"\n@ATTRIBUTE x NUMERIC\n@Attribute y Real\n"
                + "@attribute a {0,1}\n@attribute b numeric\n@Data\n1,2,1,0\n3,4,0,1\n");
        Dataset d = ArffFormat.read(p);
        assertEquals(List.of("a", "b"), d.labelNames());
        assertEquals(List.of(List.of(0), List.of(1)), labelRows(d.labels()));
        assertArrayEquals(new float[] {1, 2, 3, 4}, dense(d));
    }

    @Test
    void mekaUnquotedRelationAndOptionOverride() throws IOException {
        Path p = write("m.arff", "@relation toy: -C 1\n" + ABCDE + "1,0,1,2,1\n");
        assertEquals(List.of("a"), ArffFormat.read(p).labelNames());
        Dataset o = ArffFormat.read(p, ArffOptions.meka(-1));
        assertEquals(List.of("z"), o.labelNames());
        assertEquals(List.of("a", "b", "x", "y"), o.featureNames());
    }

    // ---------------------------------------------------------------- Mulan

    @Test
    void mulanLabelsAtAnyPositionNestedXml() throws IOException {
        write("toy.xml", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                + "<labels xmlns=\"http://mulan.sourceforge.net/labels\">\n"
                + "  <label name=\"z\"><label name=\"a\"></label></label>\n"
                + "  <label name=\"y\"/>\n</labels>\n");
        Path p = write("toy-train.arff", "@relation toy\n" + ABCDE + "1,0,0.5,1,0\n0,1,2,0,1\n");
        Dataset d = ArffFormat.read(p);  // finds toy.xml as the stem before '-'
        assertEquals(List.of("a", "y", "z"), d.labelNames(), "file order, not XML order");
        assertEquals(List.of("b", "x"), d.featureNames());
        assertEquals(List.of(List.of(0, 1), List.of(2)), labelRows(d.labels()));
        assertArrayEquals(new float[] {0, 0.5f, 1, 2}, dense(d));
        Path same = write("toy.arff", Files.readString(p));
        assertEquals(d.labelNames(), ArffFormat.read(same).labelNames(), "<stem>.xml found too");
    }

    @Test
    void xmlBesideWinsOverRelationCount() throws IOException {
        write("w.xml", "<labels><label name='x'/></labels>");
        Path p = write("w.arff", "@relation 'w: -C 2'\n" + ABCDE + "0,0,1,0,0\n");
        Dataset d = ArffFormat.read(p);
        assertEquals(List.of("x"), d.labelNames());
        assertEquals(List.of(List.of(0)), labelRows(d.labels()));
    }

    // ---------------------------------------------------------------- syntax

    @Test
    void quotedNamesCommentsBlankLinesCrlfBom() throws IOException {
        String text = "\uFEFF% a comment\r\n\r\n@relation 'my data: -C -2'   % trailing comment\r\n"
                + "  % indented comment\r\n"
                + "@attribute 'feature one' numeric\r\n"
                + "@attribute \"it's \\\"two\\\"\" REAL\r\n"
                + "@attribute 'l\\'1'\t{ '0' , '1' }\r\n"
                + "@attribute \"label two\" {0,1}\r\n"
                + "\r\n@data\r\n% comment in data\r\n\r\n"
                + "1.5, -2 , '1',0\r\n"
                + "0,0,0,\"1\" % trailing\r\n";
        Path p = write("q.arff", text);
        Dataset d = ArffFormat.read(p);
        assertEquals(List.of("feature one", "it's \"two\""), d.featureNames());
        assertEquals(List.of("l'1", "label two"), d.labelNames());
        assertEquals(List.of(List.of(0), List.of(1)), labelRows(d.labels()));
        assertArrayEquals(new float[] {1.5f, -2, 0, 0}, dense(d));
    }

    @Test
    void sparseAndDenseRowsMix() throws IOException {
        Path p = write("s.arff", "@relation 's: -C 2'\n" + ABCDE
                + "{0 1, 3 2.5}\n"
                + "{}\n"
                + "  { 1 1 ,2 0.25,4 7 }  \n"
                + "0,1,0,0,9\n"
                + "{2 0}\n");
        Dataset d = ArffFormat.read(p);
        assertEquals(List.of(List.of(0), List.of(), List.of(1), List.of(1), List.of()), labelRows(d.labels()));
        assertArrayEquals(new float[] {0, 2.5f, 0, 0, 0, 0, 0.25f, 0, 7, 0, 0, 9, 0, 0, 0}, dense(d));
    }

    @Test
    void sparseOmittedReversedNominalIsItsFirstValue() throws IOException {
        // as in Weka: an omitted sparse value is the attribute's value index 0, "1" for {1,0}
        Path p = write("r.arff", "@relation 'r: -C 1'\n@attribute a {1,0}\n@attribute f {1,0}\n@attribute g numeric\n@data\n"
                + "{2 3}\n{0 0,1 0}\n1,0,0\n0,1,0\n");
        Dataset d = ArffFormat.read(p);
        assertEquals(List.of(List.of(0), List.of(), List.of(0), List.of()), labelRows(d.labels()));
        assertArrayEquals(new float[] {1, 3, 0, 0, 0, 0, 1, 0}, dense(d));
    }

    @Test
    void numericLabelsWithZeroOne() throws IOException {
        Path p = write("n.arff", "@relation 'n: -C 1'\n@attribute l numeric\n@attribute f numeric\n@data\n1.0,2\n0.0,3\n1,4\n");
        assertEquals(List.of(List.of(0), List.of(), List.of(0)), labelRows(ArffFormat.read(p).labels()));
    }

    @Test
    void missingFeaturesAsZeroOption() throws IOException {
        Path p = write("mi.arff", "@relation 'mi: -C 1'\n@attribute l {0,1}\n@attribute f numeric\n@attribute g numeric\n"
                + "@data\n1,?,2\n{1 ?}\n");
        Dataset d = ArffFormat.read(p, ArffOptions.DEFAULTS.withMissingFeaturesAsZero(true));
        assertArrayEquals(new float[] {0, 2, 0, 0}, dense(d));
    }

    @Test
    void readerVariantUsesTheRelationCount() throws IOException {
        DatasetCollector sink = new DatasetCollector();
        ArffFormat.Header h = ArffFormat.stream(new StringReader("@relation 'x: -C 1'\n@attribute l {0,1}\n@attribute f numeric\n@data\n1,5\n"),
                "inline", ArffOptions.DEFAULTS, sink);
        assertEquals(new DataShape(1, 1, 1), h.shape());
        assertEquals("x: -C 1", h.relation());
        assertEquals(List.of("f"), h.featureNames());
        assertEquals(List.of("l"), h.labelNames());
    }

    @Test
    void xmlCandidates() {
        assertEquals(List.of(Path.of("d/bibtex-train.xml"), Path.of("d/bibtex.xml")),
                ArffFormat.xmlCandidates(Path.of("d/bibtex-train.arff")));
        assertEquals(List.of(Path.of("d/yeast.xml")), ArffFormat.xmlCandidates(Path.of("d/yeast.ARFF")));
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new ArffOptions(Path.of("a.xml"), 3, false));
        assertThrows(IllegalArgumentException.class, () -> ArffOptions.meka(0));
        assertThrows(IllegalArgumentException.class, () -> ArffOptions.labelsXml(null));
        assertEquals(-6, ArffOptions.meka(-6).mekaLabels());
    }

    /** Counts rows. */
    static final class DatasetCollector implements dev.fewhot.data.RowSink {
        int rows;

        @Override
        public void row(int[] labels, float[] labelValues, int nLabels, int[] featIdx, float[] featVals, int nnz) {
            rows++;
        }
    }
}
