package dev.fewhot.data.io;

import static dev.fewhot.data.io.DataAssert.assertSameData;

import dev.fewhot.data.Dataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: for random small datasets (0-6 rows, 0-5 features, 0-5 labels, random densities,
 * dense or CSR, hard or soft, floats from all finite bit patterns), read(write(d)) == d in both
 * formats and every index base. Seeded loop in plain JUnit, so a failure names its seed.
 */
class RoundTripPropertyTest {
    @TempDir
    Path dir;

    @Test
    void readOfWriteIsIdentity() throws IOException {
        for (long seed = 0; seed < 300; seed++) {
            Random rnd = new Random(seed);
            int rows = rnd.nextInt(7), d = rnd.nextInt(6), l = rnd.nextInt(6);
            boolean dense = rnd.nextBoolean(), soft = rnd.nextBoolean();
            Dataset data = DataAssert.random(rnd, rows, d, l, dense, soft);
            String what = "seed " + seed;
            Path xc = dir.resolve("p.xmc.txt");
            XcFormat.write(xc, data);
            try {
                assertSameData(data, XcFormat.read(xc));
                LibsvmOptions o = new LibsvmOptions(rnd.nextInt(2), rnd.nextInt(2), -1, -1);
                Path svm = dir.resolve("p.svm");
                LibsvmFormat.write(svm, data, o);
                assertSameData(data, LibsvmFormat.read(svm, o.withDimensions(d, l)));
            } catch (AssertionError e) {
                throw new AssertionError(what + ": " + e.getMessage(), e);
            }
        }
    }
}
