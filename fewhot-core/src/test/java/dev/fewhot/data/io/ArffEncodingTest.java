package dev.fewhot.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fewhot.data.AttributeEncoding;
import dev.fewhot.data.DataFormatException;
import dev.fewhot.data.Dataset;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Nominal, identifier, date and string attributes: one fixture each (test resources, folder arff). */
class ArffEncodingTest {
    private final List<String> notes = new ArrayList<>();
    private final ArffOptions quiet = ArffOptions.DEFAULTS.withNotes(notes::add);

    private static Path fixture(String name) {
        try {
            return Path.of(ArffEncodingTest.class.getResource("arff/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static float[] dense(Dataset d) {
        return DataAssert.dense(d.features());
    }

    @Test
    void nominalIsOneHot() throws IOException {
        ArffFormat.Encoded r = ArffFormat.readEncoded(fixture("nominal-onehot.arff"), quiet);
        Dataset d = r.data();
        assertEquals(List.of("size", "colour=red", "colour=green", "colour=blue"), d.featureNames());
        assertEquals(List.of("y1", "y2"), d.labelNames());
        assertArrayEquals(new float[] {
            1.5f, 1, 0, 0,
            2, 0, 0, 1,
            0, 0, 1, 0,
            3, 0, 0, 1}, dense(d));
        AttributeEncoding e = r.encoding();
        assertEquals(4, e.columns());
        assertEquals(AttributeEncoding.Kind.ONE_HOT, e.attributes().get(1).kind());
        assertFalse(e.isPlain(), "a one-hot attribute has to be stored with the model");
        assertTrue(notes.isEmpty(), notes.toString());
    }

    @Test
    void identifierLikeAttributesAreLeftOutWithANote() throws IOException {
        Dataset d = ArffFormat.read(fixture("identifier.arff"), quiet);
        assertEquals(List.of("x"), d.featureNames());
        assertEquals(2, notes.size(), notes.toString());
        assertTrue(notes.get(0).contains("attribute 'protein' left out (an identifier: 21 distinct values in 21 rows)"),
                notes.get(0));
        assertTrue(notes.get(0).contains("--keep-attributes protein"), notes.get(0));
        assertTrue(notes.get(1).contains("attribute 'note' left out"), notes.get(1));
    }

    @Test
    void keepAndDropOverrideTheIdentifierRule() throws IOException {
        Dataset kept = ArffFormat.read(fixture("identifier.arff"),
                quiet.withKeepAttributes(List.of("protein", "note")).withDropAttributes(List.of("x")));
        assertEquals(22 + 21, kept.numFeatures(), "protein one-hot over its 22 declared values, note over its 21 seen");
        assertEquals("protein=P00", kept.featureNames().get(0));
        assertEquals("note=row a", kept.featureNames().get(22));
        assertTrue(notes.isEmpty(), notes.toString());
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> ArffFormat.read(fixture("identifier.arff"), quiet.withDropAttributes(List.of("nope"))));
        assertTrue(e.getMessage().contains("an attribute named 'nope' to drop"), e.getMessage());
        e = assertThrows(DataFormatException.class,
                () -> ArffFormat.read(fixture("identifier.arff"), quiet.withDropAttributes(List.of("y"))));
        assertTrue(e.getMessage().contains("a label attribute"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> quiet.withKeepAttributes(List.of("x")).withDropAttributes(List.of("x")));
    }

    @Test
    void unseenValueEncodesAsZerosWithOneNote() throws IOException {
        ArffFormat.Encoded tr = ArffFormat.readEncoded(fixture("unseen-train.arff"), quiet);
        assertEquals(List.of("place=north", "place=south", "place=east", "x"), tr.data().featureNames());
        Dataset te = ArffFormat.read(fixture("unseen-test.arff"), quiet.withEncoding(tr.encoding()));
        assertEquals(tr.data().featureNames(), te.featureNames());
        assertArrayEquals(new float[] {
            0, 0, 0, 1,     // west: not in training
            1, 0, 0, 2,
            0, 0, 0, 3,     // west
            0, 0, 1, 4}, dense(te), "columns follow the training encoding, not the test file's value order");
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).contains("attribute 'place': 2 rows with a value the training data did not have (first 'west')"),
                notes.get(0));
    }

    @Test
    void encodingIsAppliedByName() throws IOException {
        ArffFormat.Encoded tr = ArffFormat.readEncoded(fixture("nominal-onehot.arff"), quiet);
        Path other = fixture("unseen-train.arff");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> ArffFormat.read(other, quiet.withEncoding(tr.encoding())));
        assertTrue(e.getMessage().contains("a feature attribute of the encoding fitted on the training data"), e.getMessage());
    }

    @Test
    void sparseNominalTakesItsFirstValueWhenOmitted() throws IOException {
        Dataset d = ArffFormat.read(fixture("sparse-nominal.arff"), quiet);
        assertEquals(List.of("a", "kind=k0", "kind=k1", "kind=k2", "flag"), d.featureNames());
        assertArrayEquals(new float[] {
            2.5f, 0, 0, 1, 1,   // flag omitted: YES
            1, 1, 0, 0, 1,      // kind omitted: k0
            0, 1, 0, 0, 0,      // flag NO
            0, 0, 1, 0, 1}, dense(d));
        assertEquals(List.of(0), ArffFormatTest.labelRows(d.labels()).get(0));
    }

    @Test
    void twoValuedNominalsAreOneColumn() throws IOException {
        ArffFormat.Encoded r = ArffFormat.readEncoded(fixture("two-valued.arff"), quiet);
        assertEquals(List.of("motif", "bit", "side", "neg"), r.data().featureNames());
        assertArrayEquals(new float[] {
            1, 1, 0, 0,     // YES, 1, left (first value: 0), no
            0, 0, 1, 1}, dense(r.data()));
        assertEquals(0, r.encoding().attributes().get(0).positive(), "YES is the positive value");
    }

    @Test
    void datesAreMillisecondsAsWekaReadsThem() throws IOException {
        Dataset d = ArffFormat.read(fixture("date.arff"), quiet.withMissingFeaturesAsZero(true));
        assertEquals(List.of("day", "stamp"), d.featureNames());
        assertArrayEquals(new float[] {86_400_000f, 1000f, 946_684_800_000f, 0f}, dense(d));
    }

    @Test
    void plainFilesHaveAPlainEncoding() throws IOException {
        ArffFormat.Encoded r = ArffFormat.readEncoded(fixture("unseen-train.arff"),
                quiet.withDropAttributes(List.of("place")));
        assertEquals(List.of("x"), r.data().featureNames());
        assertFalse(r.encoding().isPlain(), "a dropped attribute must be remembered");
        String numericAndZeroOne = "@relation 'r: -C 1'\n@attribute y {0,1}\n@attribute x numeric\n@attribute b {1,0}\n"
                + "@data\n1,2.5,0\n";
        ArffFormat.Header h = ArffFormat.stream(new java.io.StringReader(numericAndZeroOne), "plain.arff", quiet,
                new dev.fewhot.data.DatasetBuilder());
        assertTrue(h.encoding().isPlain(), "numeric and {0,1} attributes need no stored encoding");
    }

    @Test
    void cutListsShowTenValues() {
        List<String> v = new ArrayList<>();
        for (int i = 0; i < 133; i++) v.add("v" + i);
        assertEquals("{v0,v1,v2,v3,v4,v5,v6,v7,v8,v9, ... (123 more)}", AttributeEncoding.cut(v));
        assertEquals("{a,b}", AttributeEncoding.cut(List.of("a", "b")));
    }
}
