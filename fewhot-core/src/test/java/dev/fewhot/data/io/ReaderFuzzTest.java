package dev.fewhot.data.io;


import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fewhot.data.DataFormatException;
import dev.fewhot.data.DatasetBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes every reader: on any bytes, a reader returns a dataset or throws a
 * {@link DataFormatException}; anything else (a RuntimeException, an Error) is a bug. Under
 * plain {@code mvn verify} the {@link FuzzTest}s replay their seeds only (regression mode);
 * {@code JAZZER_FUZZ=1} fuzzes. Seeds: the small files under {@code ReaderFuzzTestInputs/} and,
 * in {@link #realFilesAndTheirMutationsOnlyFailWithDataFormatException}, the heads of the shared
 * data sets with truncations and byte flips.
 */
class ReaderFuzzTest {
    static Reader utf8(byte[] b) {
        return new InputStreamReader(new ByteArrayInputStream(b), StandardCharsets.UTF_8);
    }

    /** Runs a reader; only a DataFormatException may escape. */
    interface Read {
        void run(BadLinePolicy bad) throws IOException;
    }

    static void expectOnlyDataFormatException(Read r) {
        for (BadLinePolicy bad : List.of(BadLinePolicy.fail(), BadLinePolicy.skip())) {
            try {
                r.run(bad);
            } catch (DataFormatException e) {
                if (e.getMessage() == null || !e.getMessage().startsWith("f")) throw new AssertionError("message: " + e.getMessage());
            } catch (IOException e) {
                throw new AssertionError("unexpected IOException " + e, e);
            }
        }
    }

    static void xc(byte[] data) {
        expectOnlyDataFormatException(bad -> XcFormat.read(utf8(data), "f", new DatasetBuilder(), bad));
    }

    static void libsvm(byte[] data) {
        int base = data.length > 0 ? data[0] & 1 : 1;
        expectOnlyDataFormatException(bad -> {
            DatasetBuilder b = new DatasetBuilder();
            DataShape s = LibsvmFormat.read(utf8(data), "f", new LibsvmOptions(base, 0, -1, -1), b, bad);
            b.build(s.numFeatures(), s.numLabels(), List.of(), List.of());
        });
    }

    static void csv(byte[] data) {
        int mode = data.length > 0 ? (data[0] & 0xff) % 3 : 0;
        CsvOptions o = switch (mode) {
            case 0 -> CsvOptions.labelPrefix("y");
            case 1 -> CsvOptions.labelListColumn("labels", "|");
            default -> CsvOptions.labelColumns(List.of("y1", "y2")).withDelimiter('\t');
        };
        expectOnlyDataFormatException(bad -> {
            DatasetBuilder b = new DatasetBuilder();
            CsvFormat.Header h = CsvFormat.stream(utf8(data), "f", o, b, bad);
            b.build(h.shape().numFeatures(), h.shape().numLabels(), h.labelNames(), h.featureNames());
        });
    }

    static void arff(byte[] data) {
        int k = data.length > 0 ? (data[0] & 0xff) % 8 : 0;
        ArffOptions o = k == 0 ? ArffOptions.DEFAULTS : ArffOptions.meka(k);
        expectOnlyDataFormatException(bad -> {
            DatasetBuilder b = new DatasetBuilder();
            ArffFormat.Header h = ArffFormat.stream(utf8(data), "f", o, b);
            b.build(h.shape().numFeatures(), h.shape().numLabels(), h.labelNames(), h.featureNames());
        });
    }

    @FuzzTest(maxDuration = "10s")
    void fuzzXc(FuzzedDataProvider d) {
        xc(d.consumeRemainingAsBytes());
    }

    @FuzzTest(maxDuration = "10s")
    void fuzzLibsvm(FuzzedDataProvider d) {
        libsvm(d.consumeRemainingAsBytes());
    }

    @FuzzTest(maxDuration = "10s")
    void fuzzCsv(FuzzedDataProvider d) {
        csv(d.consumeRemainingAsBytes());
    }

    @FuzzTest(maxDuration = "10s")
    void fuzzArff(FuzzedDataProvider d) {
        arff(d.consumeRemainingAsBytes());
    }

    /** The first {@code max} bytes of a file, cut after a line end. */
    static byte[] head(Path p, int max) throws IOException {
        byte[] all = Files.readAllBytes(p);
        if (all.length <= max) return all;
        int end = max;
        while (end > 0 && all[end - 1] != '\n') end--;
        return Arrays.copyOf(all, end);
    }

    @Test
    void realFilesAndTheirMutationsOnlyFailWithDataFormatException() throws IOException {
        Path root = SharedData.root();
        SharedData.require(Files.isDirectory(root), "the public data sets (their heads seed the mutations)", root);
        record Seed(String file, java.util.function.Consumer<byte[]> harness) { }
        List<Seed> seeds = List.of(new Seed("stackex_cooking/stackex_cooking.xmc.txt", ReaderFuzzTest::xc),
                new Seed("stackex_cooking/stackex_cooking.xmc.txt", d -> libsvm(dropFirstLine(d))),
                new Seed("emotions/emotions-train.arff", ReaderFuzzTest::arff),
                new Seed("yeast/yeast-test.arff", ReaderFuzzTest::arff),
                new Seed("bibtex/bibtex-test.arff", ReaderFuzzTest::arff));
        SplittableRandom rnd = new SplittableRandom(1);
        for (Seed s : seeds) {
            Path p = root.resolve(s.file());
            if (!Files.isRegularFile(p)) continue;
            byte[] h = head(p, 32 << 10);
            s.harness().accept(h);
            for (int i = 0; i < 150; i++) {
                byte[] m = h.clone();
                switch (i % 3) {
                    case 0 -> m = Arrays.copyOf(h, rnd.nextInt(h.length + 1));
                    case 1 -> m[rnd.nextInt(m.length)] ^= (byte) (1 << rnd.nextInt(8));
                    default -> m[rnd.nextInt(m.length)] = (byte) "0123456789 :,\n\r-.eE{}@%'\"?".charAt(rnd.nextInt(26));
                }
                s.harness().accept(m);
            }
        }
    }

    static byte[] dropFirstLine(byte[] d) {
        int i = 0;
        while (i < d.length && d[i] != '\n') i++;
        return Arrays.copyOfRange(d, Math.min(d.length, i + 1), d.length);
    }
}
