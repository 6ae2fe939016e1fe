package dev.fewhot.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fewhot.data.DataFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input that is not what the reader was given it as: a fewhot model or checkpoint file read as
 * data, and a file that ends in the middle of a row. Each gets a message saying so rather than
 * the parse error its bytes happen to produce.
 */
class MisplacedInputTest {
    @TempDir Path dir;

    /** The model container's first 16 bytes: magic, version 1, kind. */
    static byte[] container(String kind) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {(byte) 0x89, 'F', 'W', 'H', '\r', '\n', 0x1A, '\n', 0, 0, 0, 1});
        b.writeBytes(kind.getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(new byte[40]);
        return b.toByteArray();
    }

    @Test
    void aModelFileReadAsDataSaysItIsAModel() throws IOException {
        for (String name : new String[] {"m.fewhot", "m.libsvm", "m.arff", "m.csv", "m.xc"}) {
            Path f = dir.resolve(name);
            Files.write(f, container("MODL"));
            for (DataFormat fmt : new DataFormat[] {DataFormat.XC, DataFormat.LIBSVM, DataFormat.ARFF}) {
                DataFormatException e = assertThrows(DataFormatException.class, () -> fmt.read(f), fmt + " " + name);
                assertEquals("a fewhot model file", e.found(), e.getMessage());
                assertEquals(f + ": expected a data file (xc, libsvm, arff or csv text), found a fewhot model file", e.getMessage());
            }
            DataFormatException e = assertThrows(DataFormatException.class,
                    () -> CsvFormat.read(f, CsvOptions.labelPrefix("y")));
            assertEquals("a fewhot model file", e.found());
        }
        Path ck = dir.resolve("checkpoint.fewhot");
        Files.write(ck, container("CKPT"));
        assertEquals("a fewhot checkpoint file", assertThrows(DataFormatException.class,
                () -> DataFormat.LIBSVM.read(ck)).found());
    }

    @Test
    void shortOrTextFilesStillParseAsData() throws IOException {
        Path f = dir.resolve("tiny.libsvm");
        Files.writeString(f, "0 1:1");                         // shorter than the magic
        assertEquals(1, DataFormat.LIBSVM.read(f).rows());
        Files.write(f, new byte[] {(byte) 0x89, 'F', 'W'});  // a prefix of the magic only: a parse error
        assertTrue(assertThrows(DataFormatException.class, () -> DataFormat.LIBSVM.read(f)).line() == 1);
    }

    static final String ARFF_HEADER = "@relation 'r: -C 2'\n@attribute y0 {0,1}\n@attribute y1 {0,1}\n"
            + "@attribute a numeric\n@attribute b numeric\n@attribute c numeric\n@data\n";

    @Test
    void anArffFileThatEndsMidRowSaysSo() throws IOException {
        Path f = dir.resolve("t.arff");
        // sparse, cut in an index after a larger one ("{1 1,4 0.5" cut to "{1 1,4 0.5,2"): formerly
        // "attribute indices in increasing order"
        Files.writeString(f, ARFF_HEADER + "{0 1,2 0.5}\n{1 1,4 0.5,2");
        DataFormatException e = assertThrows(DataFormatException.class, () -> DataFormat.ARFF.read(f));
        assertEquals(9, e.line(), e.getMessage());
        assertEquals("the rest of the row and a line end", e.expected(), e.getMessage());
        assertTrue(e.found().startsWith("the end of the file in the middle of a row"), e.getMessage());
        // dense, short of values
        Files.writeString(f, ARFF_HEADER + "1,0,1,2,3\n0,1,1.");
        e = assertThrows(DataFormatException.class, () -> DataFormat.ARFF.read(f));
        assertTrue(e.found().startsWith("the end of the file in the middle of a row"), e.getMessage());
        // the same errors on a complete last line keep their own message
        Files.writeString(f, ARFF_HEADER + "{1 1,4 0.5,2 1}\n");
        e = assertThrows(DataFormatException.class, () -> DataFormat.ARFF.read(f));
        assertTrue(e.expected().startsWith("attribute indices in increasing order"), e.getMessage());
        Files.writeString(f, ARFF_HEADER + "0,1,1.\n");
        e = assertThrows(DataFormatException.class, () -> DataFormat.ARFF.read(f));
        assertTrue(e.found().startsWith("the end of the line after 3 values"), e.getMessage());
        // a complete row without a final line end is fine, and a real error on it stays itself
        Files.writeString(f, ARFF_HEADER + "{1 1,4 0.5}");
        assertEquals(1, DataFormat.ARFF.read(f).rows());
        Files.writeString(f, ARFF_HEADER + "{1 1,4 x}");
        e = assertThrows(DataFormatException.class, () -> DataFormat.ARFF.read(f));
        assertTrue(!e.found().contains("middle of a row"), e.getMessage());
    }
}
