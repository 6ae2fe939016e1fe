package dev.fewhot.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fewhot.data.DataFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per kind of malformed ARFF (or Mulan XML): file, line, column, expected and found. */
class ArffErrorsTest {
    @TempDir
    Path dir;

    private Path path;

    private static final String HEAD = "@relation 'r: -C 2'\n@attribute a {0,1}\n@attribute b numeric\n"
            + "@attribute x numeric\n@attribute y {0,1}\n@data\n";   // data starts on line 7

    private DataFormatException error(String content) throws IOException {
        return error(content, ArffOptions.DEFAULTS);
    }

    private DataFormatException error(String content, ArffOptions o) throws IOException {
        path = dir.resolve("bad.arff");
        Files.writeString(path, content, StandardCharsets.UTF_8);
        return assertThrows(DataFormatException.class, () -> ArffFormat.read(path, o));
    }

    private void check(DataFormatException e, long line, int column, String expected, String found) {
        check(e, path, line, column, expected, found);
    }

    private static void check(DataFormatException e, Path file, long line, int column, String expected, String found) {
        String m = e.getMessage();
        assertEquals(file.toString(), e.file(), m);
        assertEquals(line, e.line(), m);
        assertEquals(column, e.column(), m);
        assertTrue(e.expected().contains(expected), m);
        assertTrue(e.found().contains(found), m);
        String where = file + (line > 0 ? ":" + line : "") + (column > 0 ? ":" + column : "");
        assertTrue(m.startsWith(where + ": expected "), m);
        assertFalse(m.contains("\n"), "one line: " + m);
    }

    // ---------------------------------------------------------------- header

    @Test
    void stringAttributeThatIsNoIdentifier() throws IOException {
        check(error("@relation 'r: -C 1'\n@attribute a {0,1}\n@attribute title  string\n@data\n1,x\n0,x\n"), 3, 19,
                "a numeric, nominal or date feature attribute (a string attribute is left out when identifier-like; else "
                        + "drop it, or keep it", "string (attribute 'title', 1 distinct values in 2 rows)");
    }

    @Test
    void badDateValue() throws IOException {
        check(error("@relation 'r: -C 1'\n@attribute a {0,1}\n@attribute when date \"yyyy-MM-dd\"\n@data\n1,2024-13-45\n"),
                5, 3, "a date as 'yyyy-MM-dd' for attribute 'when'", "'2024-13-45'");
        check(error("@relation 'r: -C 1'\n@attribute a {0,1}\n@attribute when date \"yyyy-MM-dd qq\"\n@data\n"), 3, 22,
                "a date pattern (Java SimpleDateFormat)", "'yyyy-MM-dd qq'");
    }

    @Test
    void undeclaredNominalValue() throws IOException {
        check(error("@relation 'r: -C 1'\n@attribute a {0,1}\n@attribute colour {red, green, blue}\n@data\n1,red\n0,pink\n"),
                6, 3, "one of the declared values {red,green,blue} for attribute 'colour'", "'pink'");
    }

    @Test
    void longValueListsAreCut() throws IOException {
        StringBuilder v = new StringBuilder();
        for (int i = 0; i < 500; i++) v.append(i == 0 ? "" : ",").append("P").append(i);
        DataFormatException e = error("@relation 'r: -C 1'\n@attribute a {" + v + "}\n@attribute f numeric\n@data\n");
        check(e, 2, 14, "label attribute", "nominal {P0,P1,P2,P3,P4,P5,P6,P7,P8,P9, ... (490 more)} (attribute 'a')");
        assertTrue(e.getMessage().length() < 300, e.getMessage());
    }

    @Test
    void labelAttributeNotZeroOne() throws IOException {
        check(error("@relation 'r: -C 1'\n@attribute a {0,1,2}\n@attribute f numeric\n@data\n"), 2, 14,
                "a {0,1} nominal or numeric (0/1) label attribute", "nominal {0,1,2} (attribute 'a')");
        check(error("@relation 'r: -C -1'\n@attribute f numeric\n@attribute t string\n@data\n"), 3, 14,
                "label attribute (labels from -C -1 in the @relation name)", "string");
    }

    @Test
    void unknownType() throws IOException {
        check(error("@relation r\n@attribute a bool\n@data\n"), 2, 14, "an attribute type (numeric, real, integer, {values}, string or date)",
                "'bool'");
    }

    @Test
    void missingRelation() throws IOException {
        check(error("% only a comment\n@attribute a numeric\n"), 2, 1, "@relation", "'@attribute'");
    }

    @Test
    void unknownKeyword() throws IOException {
        check(error("@relation r\n  @atribute a numeric\n"), 2, 3, "@relation, @attribute or @data", "'@atribute'");
    }

    @Test
    void noDataSection() throws IOException {
        check(error("@relation r\n@attribute a numeric\n\n"), 4, 1, "@data", "the end of the file");
    }

    @Test
    void unterminatedQuotedName() throws IOException {
        check(error("@relation r\n@attribute 'a b numeric\n@data\n"), 2, 12, "a closing '", "the end of the line");
    }

    @Test
    void duplicateAttributeName() throws IOException {
        check(error("@relation r\n@attribute a numeric\n@attribute a numeric\n@data\n"), 3, 12, "each attribute name once",
                "'a' again (first on line 2)");
    }

    @Test
    void junkAfterType() throws IOException {
        check(error("@relation r\n@attribute a numeric extra\n@data\n"), 2, 22, "the end of the line after the attribute type",
                "'extra'");
    }

    // ---------------------------------------------------------------- where the labels are

    @Test
    void neitherXmlNorMekaCount() throws IOException {
        DataFormatException e = error("@relation plain\n@attribute a {0,1}\n@data\n1\n");
        check(e, 1, 11, "Mulan XML label file", "neither");
        assertTrue(e.expected().contains("'-C n'") && e.expected().contains("'-C -n'"), e.getMessage());
        assertTrue(e.expected().contains("bad.xml"), "names the XML file looked for: " + e.getMessage());
    }

    @Test
    void badMekaCount() throws IOException {
        check(error("@relation 'r: -C x'\n@attribute a {0,1}\n@data\n"), 1, 11, "a non-zero label count after -C", "'x'");
        check(error("@relation 'r: -C 3'\n@attribute a {0,1}\n@data\n"), 1, 11, "a label count of at most the 1 attributes",
                "-C 3");
    }

    @Test
    void xmlLabelMissingInArff() throws IOException {
        Path xml = dir.resolve("labels.xml");
        Files.writeString(xml, "<labels xmlns=\"http://mulan.sourceforge.net/labels\">\n<label name=\"a\"/>\n"
                + "<label name=\"ghost\"/>\n</labels>\n");
        DataFormatException e = error("@relation r\n@attribute a {0,1}\n@attribute f numeric\n@data\n",
                ArffOptions.labelsXml(xml));
        check(e, xml, 3, 22, "an attribute named 'ghost' in " + path, "no such attribute among its 2");
    }

    @Test
    void malformedXml() throws IOException {
        Path xml = dir.resolve("labels.xml");
        Files.writeString(xml, "<labels>\n<label name=\"a\">\n</labels>\n");
        DataFormatException e = error("@relation r\n@attribute a {0,1}\n@data\n", ArffOptions.labelsXml(xml));
        assertEquals(xml.toString(), e.file());
        assertEquals(3, e.line());
        assertTrue(e.expected().contains("well-formed Mulan labels XML"), e.getMessage());
    }

    @Test
    void xmlWithDoctypeIsRejected() throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "a");
        Path xml = dir.resolve("labels.xml");
        Files.writeString(xml, "<?xml version=\"1.0\"?>\n<!DOCTYPE labels [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<labels><label name=\"&x;\"/></labels>\n");
        DataFormatException e = error("@relation r\n@attribute a {0,1}\n@data\n", ArffOptions.labelsXml(xml));
        assertEquals(xml.toString(), e.file());
        assertTrue(e.found().contains("DOCTYPE"), e.getMessage());
    }

    @Test
    void xmlWrongRootNoLabelsDuplicateAbsent() throws IOException {
        Path xml = dir.resolve("labels.xml");
        Files.writeString(xml, "<tags><label name=\"a\"/></tags>");
        check(error("@relation r\n@attribute a {0,1}\n@data\n", ArffOptions.labelsXml(xml)), xml, 1, 7,
                "the root element <labels>", "<tags>");
        Files.writeString(xml, "<labels></labels>");
        check(error("@relation r\n@attribute a {0,1}\n@data\n", ArffOptions.labelsXml(xml)), xml, 0, 0,
                "at least one <label", "none");
        Files.writeString(xml, "<labels>\n<label name=\"a\"/>\n<label name=\"a\"/></labels>");
        check(error("@relation r\n@attribute a {0,1}\n@data\n", ArffOptions.labelsXml(xml)), xml, 3, 18,
                "each label name once", "'a' again (first on line 2)");
        Path none = dir.resolve("none.xml");
        path = dir.resolve("bad.arff");
        NoSuchFileException nf = assertThrows(NoSuchFileException.class,
                () -> ArffFormat.read(path, ArffOptions.labelsXml(none)));
        assertTrue(nf.getMessage().contains("none.xml"), nf.getMessage());
    }

    // ---------------------------------------------------------------- data

    @Test
    void labelValueNotZeroOne() throws IOException {
        check(error(HEAD + "1,0,0,0\n0,2,3,1\n"), 8, 3, "0 or 1 for label 'b'", "'2'");
        check(error(HEAD + "1,0.5,3,1\n"), 7, 3, "0 or 1 for label 'b'", "'0.5'");
        check(error(HEAD + "{0 yes}\n"), 7, 4, "0 or 1 for label 'a'", "'yes'");
    }

    @Test
    void missingLabel() throws IOException {
        check(error(HEAD + "1, ?,0,0\n", ArffOptions.DEFAULTS.withMissingFeaturesAsZero(true)), 7, 4,
                "0 or 1 for label 'b' (labels cannot be missing)", "'?'");
    }

    @Test
    void missingFeature() throws IOException {
        check(error(HEAD + "1,1,?,0\n"), 7, 5, "a value for attribute 'x' (missing values are read only with the option",
                "'?'");
    }

    @Test
    void badNumbers() throws IOException {
        check(error(HEAD + "1,1,abc,0\n"), 7, 5, "a number for attribute 'x'", "'abc'");
        check(error(HEAD + "1,1,NaN,0\n"), 7, 5, "a finite number for attribute 'x'", "'NaN'");
        check(error(HEAD + "1,1,1,5\n"), 7, 7, "one of the declared values {0,1} for attribute 'y'", "'5'");
    }

    @Test
    void wrongValueCount() throws IOException {
        check(error(HEAD + "1,1,1\n"), 7, 6, "4 comma-separated values", "the end of the line after 3 values");
        check(error(HEAD + "1,1,1,1,1\n"), 7, 8, "the end of the row after 4 values", "',1'");
        check(error(HEAD + "1,1 1,1\n"), 7, 5, "',' between values", "'1,1'");
        check(error(HEAD + "1,,1,1\n"), 7, 3, "a value for attribute 'b'", "','");
    }

    @Test
    void sparseIndexOutOfRange() throws IOException {
        check(error(HEAD + "{0 1,4 1}\n"), 7, 6, "an attribute index in [0, 4)", "'4'");
        check(error(HEAD + "{-1 1}\n"), 7, 2, "an attribute index (a non-negative integer)", "'-1'");
    }

    @Test
    void sparseUnsortedOrDuplicate() throws IOException {
        check(error(HEAD + "{2 1,1 1}\n"), 7, 6, "attribute indices in increasing order (after 2)", "'1'");
        check(error(HEAD + "{1 1, 1 0}\n"), 7, 7, "each attribute index at most once in a row", "'1' again (first at column 2)");
    }

    @Test
    void sparseSyntax() throws IOException {
        check(error(HEAD + "{0 1,1 1\n"), 7, 1, "a sparse row closed by '}'", "the end of the line");
        check(error(HEAD + "{0 1} x\n"), 7, 7, "the end of the row after '}'", "'x'");
        check(error(HEAD + "{0 1,{2}}\n"), 7, 6, "an attribute index", "'{2'");
        check(error(HEAD + "{0}\n"), 7, 3, "a value after attribute index 0", "'}'");
        check(error(HEAD + "{0 1;1 1}\n"), 7, 4, "0 or 1 for label 'a'", "'1;1'");
        check(error(HEAD + "{0x 1}\n"), 7, 2, "an attribute index (a non-negative integer) followed by a space", "'0x'");
        check(error(HEAD + "{0,1 1}\n"), 7, 3, "a value after attribute index 0", "','");
    }

    @Test
    void unterminatedQuotedValue() throws IOException {
        check(error(HEAD + "1,1,'3,0\n"), 7, 5, "a closing ' for the quoted value", "the end of the line");
    }

    @Test
    void crlfAndBomKeepColumns() throws IOException {
        check(error("\uFEFF" + HEAD.replace("\n", "\r\n") + "1,1,x,0\r\n"), 7, 5, "a number for attribute 'x'", "'x'");
    }
}
