package dev.fewhot.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fewhot.data.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFormatTest {
    @TempDir
    Path dir;

    @Test
    void picksByName() {
        assertEquals(DataFormat.XC, DataFormat.fromName("xc"));
        assertEquals(DataFormat.XC, DataFormat.fromName(" XMC "));
        assertEquals(DataFormat.LIBSVM, DataFormat.fromName("LibSVM"));
        assertEquals(DataFormat.LIBSVM, DataFormat.fromName("svmlight"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataFormat.fromName("arff"));
        assertTrue(e.getMessage().contains("[xc, libsvm]"), e.getMessage());
    }

    @Test
    void guessesByExtensionThenContent() throws IOException {
        Path a = dir.resolve("a.xmc.txt");
        Files.writeString(a, "garbage");
        assertEquals(Optional.of(DataFormat.XC), DataFormat.guess(a));
        Path b = dir.resolve("b.txt");
        Files.writeString(b, "\uFEFF2 3 4\r\n1 0:1\n");
        assertEquals(Optional.of(DataFormat.XC), DataFormat.guess(b));
        Path c = dir.resolve("c.txt");
        Files.writeString(c, "1,2 3:1\n");
        assertEquals(Optional.of(DataFormat.LIBSVM), DataFormat.guess(c));
        Path d = dir.resolve("d.txt");
        Files.writeString(d, "");
        assertEquals(Optional.empty(), DataFormat.guess(d));
    }

    @Test
    void readsAndWritesThroughTheEnum() throws IOException {
        Dataset d = XcFormatTest.sample(false);
        for (DataFormat f : DataFormat.values()) {
            Path p = dir.resolve("x." + f.id());
            f.write(p, d);
            Dataset back = f.read(p);
            assertEquals(d.rows(), back.rows());
            assertEquals(d.labels().totalPositives(), back.labels().totalPositives());
        }
    }
}
