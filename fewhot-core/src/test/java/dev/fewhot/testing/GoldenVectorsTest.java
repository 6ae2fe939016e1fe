package dev.fewhot.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The packed golden vectors decode to exactly the JSON they were made from. */
class GoldenVectorsTest {
    @Test
    void packingIsLossless() throws IOException {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.put("name", "x");
        ArrayNode ints = tree.putArray("ints");
        for (int i = 0; i < 100; i++) ints.add(i);                       // integers stay as they are
        tree.putArray("small").add(0.1).add(-0.0);                        // short arrays stay inline
        ArrayNode big = tree.putArray("big"), again = tree.putArray("again");
        for (int i = 0; i < 100; i++) {
            double v = Math.sin(i) * Math.pow(10, i % 30 - 15);
            big.add(v);
            again.add(i % 3 == 0 ? v : -v);                               // packed against "big"
        }
        ArrayNode nested = tree.putArray("nested");
        for (int r = 0; r < 3; r++) {
            ArrayNode row = nested.addArray();
            for (int c = 0; c < 40; c++) row.add(r == 2 && c == 39 ? -0.0 : c == 7 ? Double.MIN_VALUE : Math.cos(r * 40 + c));
        }
        tree.putObject("more").putArray("ragged").add(JsonNodeFactory.instance.arrayNode().add(1.5))
                .add(JsonNodeFactory.instance.arrayNode().add(1.5).add(2.5));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GoldenVectors.pack(tree, out);
        JsonNode back = GoldenVectors.unpack(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(tree, back);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(back.get("nested").get(2).get(39).doubleValue()));
        assertTrue(back.get("ints").get(0).isInt());
    }

    @Test
    void bundledCopiesMatchTheReferenceFolder() throws IOException {
        Path ref = Path.of(System.getProperty("fewhot.root", ".")).resolve("../shared/reference").normalize();
        if (!Files.isRegularFile(ref.resolve("loss_vectors.json"))) {
            System.out.println("SKIPPED GoldenVectorsTest.bundledCopiesMatchTheReferenceFolder: needs the reference folder "
                    + "to compare the bundled golden vectors with, not found at " + ref
                    + " (the parity tests use the bundled copies as they are)");
        }
        assumeTrue(Files.isRegularFile(ref.resolve("loss_vectors.json")), "no reference folder at " + ref);
        assertEquals(GoldenVectors.read(ref.resolve("loss_vectors.json")),
                GoldenVectors.read(ReferenceFiles.bundled("/golden/loss_vectors.packed.gz", "loss vectors")));
        assertEquals(GoldenVectors.read(ref.resolve("metric_vectors.json")),
                GoldenVectors.read(ReferenceFiles.bundled("/golden/metric_vectors.json.gz", "metric vectors")));
    }
}
