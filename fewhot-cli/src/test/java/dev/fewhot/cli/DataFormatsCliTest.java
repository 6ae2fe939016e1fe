package dev.fewhot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ARFF and CSV through the CLI's data options. */
class DataFormatsCliTest {
    @TempDir
    Path dir;

    private static Path shared(String relative) {
        return SharedDataFiles.path(relative, "a DataFormatsCliTest test");
    }

    private static JsonNode json(String s) throws Exception {
        return new ObjectMapper().readTree(s.strip());
    }

    private static void assertOneLineError(CliRunner.Result r, String... parts) {
        assertEquals(Main.EXIT_BAD_INPUT, r.code(), r.out() + r.err());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("fewhot: "), err);
        for (String p : parts) assertTrue(err.contains(p), "'" + p + "' in: " + err);
    }

    @Test
    void statsOnBibtexFindsTheXmlBesideIt() throws Exception {
        Path train = shared("bibtex/bibtex-train.arff");
        CliRunner.Result r = CliRunner.run("stats", train.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = json(r.out());
        assertEquals(4880, o.get("instances").asInt());
        assertEquals(1836, o.get("features").asInt());
        assertEquals(159, o.get("labels").asInt());
    }

    @Test
    void statsOnCsvWithLabelPrefix() throws Exception {
        Path csv = dir.resolve("small.csv");
        Files.writeString(csv, "f1,\"f, two\",label_a,label_b\n1,2,1,0\n3,4,1,1\n0,0,0,0\n");
        CliRunner.Result r = CliRunner.run("stats", csv.toString(), "--label-prefix", "label_", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = json(r.out());
        assertEquals(3, o.get("instances").asInt());
        assertEquals(2, o.get("features").asInt());
        assertEquals(2, o.get("labels").asInt());
        assertEquals(1.0, o.get("cardinality").asDouble(), 1e-9);
        Path tsv = dir.resolve("small.tsv");
        Files.writeString(tsv, "f1\ttags\n1\ta|b\n2\tb\n");
        CliRunner.Result t = CliRunner.run("stats", tsv.toString(), "--label-list-column", "tags", "--json");
        assertEquals(0, t.code(), t.err());
        assertEquals(2, json(t.out()).get("labels").asInt());
        CliRunner.Result c = CliRunner.run("stats", tsv.toString(), "--label-columns", "tags", "--delimiter", ";", "--json");
        assertOneLineError(c, "small.tsv", "a column named 'tags'");
    }

    @Test
    void csvWithoutLabelOptionsSaysWhichToGive() {
        Path csv = dir.resolve("x.csv");
        try {
            Files.writeString(csv, "a,b\n1,2\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertOneLineError(CliRunner.run("stats", csv.toString()), "x.csv", "--label-columns", "--label-prefix",
                "--label-list-column");
        assertOneLineError(CliRunner.run("stats", csv.toString(), "--label-prefix", "a", "--label-columns", "b"),
                "only one of");
    }

    @Test
    void badArffExitsWithTwoAndOneLine() throws Exception {
        Path bad = dir.resolve("bad.arff");
        Files.writeString(bad, "@relation 'r: -C 1'\n@attribute l {0,1}\n@attribute t string\n@data\n1,a\n0,a\n");
        assertOneLineError(CliRunner.run("stats", bad.toString()), "bad.arff:3:14: expected a numeric, nominal or date feature "
                + "attribute", "found string (attribute 't', 1 distinct values in 2 rows)");
        assertOneLineError(CliRunner.run("stats", bad.toString(), "--drop-attributes", "nope"),
                "expected an attribute named 'nope' to drop");
        Path noLabels = dir.resolve("plain.arff");
        Files.writeString(noLabels, "@relation plain\n@attribute f numeric\n@data\n1\n");
        assertOneLineError(CliRunner.run("stats", noLabels.toString()), "plain.arff:1:11", "Mulan XML", "-C n");
        assertOneLineError(CliRunner.run("stats", noLabels.toString(), "--labels-xml", dir.resolve("none.xml").toString()),
                "no such file", "none.xml");
        assertOneLineError(CliRunner.run("stats", noLabels.toString(), "--label-prefix", "x"), "apply to CSV data only");
    }

    @Test
    void trainOnArffThenPredictChecksDimensions() throws Exception {
        Path train = shared("emotions/emotions-train.arff");
        Path test = shared("emotions/emotions-test.arff");
        Path other = dir.resolve("other-test.arff");  // another data set: 3 features, 2 labels
        Files.writeString(other, "@relation 'other: -C 2'\n@attribute y0 {0,1}\n@attribute y1 {0,1}\n@attribute a numeric\n"
                + "@attribute b numeric\n@attribute c numeric\n@data\n1,0,0.5,0.25,1\n");
        Path model = dir.resolve("e.fewhot");
        CliRunner.Result r = CliRunner.run("train", "--train", train.toString(), "--model", model.toString(),
                "--hidden", "8", "--epochs", "1", "--batch", "64", "--threads", "1", "--json");
        assertEquals(0, r.code(), r.err());
        CliRunner.Result p = CliRunner.run("predict", "--model", model.toString(), "--data", test.toString(), "--top-k", "2");
        assertEquals(0, p.code(), p.err());
        assertEquals(202, p.out().lines().count());
        assertOneLineError(CliRunner.run("predict", "--model", model.toString(), "--data", other.toString(), "--top-k", "2"),
                "other-test.arff: expected 72 features and 6 labels", "found 3 features and 2 labels");
    }

    /** A small ARFF with a 3-valued nominal, a {YES,NO} nominal and an identifier; 40 rows. */
    private Path nominalArff(String name, boolean unseen) throws Exception {
        StringBuilder sb = new StringBuilder("@relation 'nominal: -C 2'\n@attribute y1 {0,1}\n@attribute y2 {0,1}\n"
                + "@attribute id string\n@attribute colour {red,green,blue" + (unseen ? ",pink" : "") + "}\n"
                + "@attribute motif {YES,NO}\n@attribute x numeric\n@data\n");
        String[] colours = {"red", "green", "blue"};
        for (int i = 0; i < 40; i++) {
            String c = unseen && i % 10 == 0 ? "pink" : colours[i % 3];
            sb.append(i % 3 == 0 ? 1 : 0).append(',').append(i % 2).append(",'row ").append(name).append(i).append("',")
                    .append(c).append(',').append(i % 2 == 0 ? "YES" : "NO").append(',').append(i * 0.1).append('\n');
        }
        Path p = dir.resolve(name + ".arff");
        Files.writeString(p, sb.toString());
        return p;
    }

    @Test
    void nominalArffTrainsAndEvaluatesWithTheTrainingEncoding() throws Exception {
        Path train = nominalArff("train", false), test = nominalArff("test", true);
        Path model = dir.resolve("n.fewhot");
        CliRunner.Result r = CliRunner.run("train", "--train", train.toString(), "--model", model.toString(),
                "--hidden", "8", "--epochs", "2", "--batch", "8", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("attribute 'id' left out (an identifier: 40 distinct values in 40 rows)"), r.err());
        assertTrue(!r.out().contains("left out"), "notes go to stderr only: " + r.out());
        dev.fewhot.model.Model m = dev.fewhot.io.ModelFile.load(model);
        assertEquals(5, m.config().inputDim(), "colour one-hot (3), motif (1), x (1)");
        assertEquals(5, m.encoding().columns());
        CliRunner.Result e = CliRunner.run("eval", "--model", model.toString(), "--data", test.toString(), "--json");
        assertEquals(0, e.code(), e.err());
        assertEquals(1, e.err().lines().filter(l -> l.contains("did not have")).count(), e.err());
        assertTrue(e.err().contains("attribute 'colour': 4 rows with a value the training data did not have (first 'pink')"),
                e.err());
        json(e.out()); // stdout holds the JSON alone
        // the identifier kept: its 40 training values become columns; a test file then needs no new flag
        CliRunner.Result k = CliRunner.run("train", "--train", train.toString(), "--model", model.toString(),
                "--hidden", "8", "--epochs", "1", "--threads", "1", "--keep-attributes", "id", "--drop-attributes", "x");
        assertEquals(0, k.code(), k.err());
        assertEquals(40 + 3 + 1, dev.fewhot.io.ModelFile.load(model).config().inputDim());
        assertEquals(0, CliRunner.run("eval", "--model", model.toString(), "--data", test.toString()).code());
    }
}
