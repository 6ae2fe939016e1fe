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
        assertEquals(DataFormat.ARFF, DataFormat.fromName("arff"));
        assertEquals(DataFormat.ARFF, DataFormat.fromName("Mulan"));
        assertEquals(DataFormat.CSV, DataFormat.fromName("tsv"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataFormat.fromName("parquet"));
        assertTrue(e.getMessage().contains("[xc, libsvm, arff, csv]"), e.getMessage());
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
            if (!f.canWrite()) continue;
            Path p = dir.resolve("x." + f.id());
            f.write(p, d);
            Dataset back = f.read(p);
            assertEquals(d.rows(), back.rows());
            assertEquals(d.labels().totalPositives(), back.labels().totalPositives());
        }
    }

    @Test
    void guessesArffAndCsv() throws IOException {
        Path a = dir.resolve("a.ARFF");
        Files.writeString(a, "x");
        assertEquals(Optional.of(DataFormat.ARFF), DataFormat.guess(a));
        Path b = dir.resolve("b.txt");
        Files.writeString(b, "\uFEFF@relation r\n");
        assertEquals(Optional.of(DataFormat.ARFF), DataFormat.guess(b));
        Path c = dir.resolve("c.txt");
        Files.writeString(c, "  % comment\n@relation r\n");
        assertEquals(Optional.of(DataFormat.ARFF), DataFormat.guess(c));
        for (String n : new String[] {"d.csv", "e.tsv"}) {
            Path p = dir.resolve(n);
            Files.writeString(p, "a,b\n");
            assertEquals(Optional.of(DataFormat.CSV), DataFormat.guess(p));
        }
    }

    @Test
    void arffThroughTheEnumCsvNeedsOptions() throws IOException {
        Path a = dir.resolve("a.arff");
        Files.writeString(a, "@relation 'a: -C 1'\n@attribute l {0,1}\n@attribute f numeric\n@data\n1,2\n");
        assertEquals(1, DataFormat.ARFF.read(a).numLabels());
        assertEquals(new DataShape(1, 1, 1), DataFormat.ARFF.read(a, (l, lv, nl, fi, fv, nnz) -> { }));
        Path c = dir.resolve("c.csv");
        Files.writeString(c, "a,l\n1,1\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataFormat.CSV.read(c));
        assertTrue(e.getMessage().contains("--label-prefix") && e.getMessage().contains("labelColumns"), e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> DataFormat.ARFF.write(dir.resolve("o.arff"),
                DataFormat.ARFF.read(a)));
    }
}
