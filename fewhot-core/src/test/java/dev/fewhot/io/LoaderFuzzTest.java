package dev.fewhot.io;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fewhot.train.CheckpointFile;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fuzzes the model and checkpoint loaders: on any bytes they return or throw a
 * {@link ModelFileException}. {@link #fuzzModelConf} and {@link #fuzzCheckpointConf} wrap the
 * fuzzed JSON in a container with valid checksums, so the fuzzer reaches the CONF decoding
 * behind the CRC32C.
 */
class LoaderFuzzTest {
    static void onlyModelFileException(Runnable r) {
        r.run();
    }

    interface Load {
        void run() throws ModelFileException;
    }

    static void expect(Load l) {
        try {
            l.run();
        } catch (ModelFileException e) {
            if (e.getMessage() == null || e.getMessage().lines().count() != 1) throw new AssertionError("message: " + e.getMessage());
        }
    }

    @FuzzTest(maxDuration = "10s")
    void fuzzModelBytes(FuzzedDataProvider d) {
        byte[] b = d.consumeRemainingAsBytes();
        expect(() -> ModelFile.load(b, "f"));
        expect(() -> CheckpointFile.load(b, "f"));
    }

    /**
     * A forest's bytes (behind the model file's checksum): parsed or rejected with an
     * {@link IllegalArgumentException}; a forest that parses scores a row without failing.
     */
    @FuzzTest(maxDuration = "10s")
    void fuzzForestBytes(FuzzedDataProvider d) {
        byte[] b = d.consumeRemainingAsBytes();
        dev.fewhot.forest.Forest f;
        try {
            f = dev.fewhot.forest.Forest.fromBytes(b);
        } catch (IllegalArgumentException e) {
            return;
        }
        if ((long) f.features() * f.labels() > 1 << 20) return; // a valid header of a huge forest: nothing to score
        float[] row = new float[f.features()];
        java.util.Arrays.fill(row, 0.5f);
        float[] out = f.scores(dev.fewhot.data.DenseMatrix.of(f.features(), row));
        for (float v : out) if (Float.isNaN(v)) throw new AssertionError("NaN score from a parsed forest");
    }

    static byte[] container(String kind, Map<String, byte[]> sections) {
        java.io.ByteArrayOutputStream bo = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream o = new java.io.DataOutputStream(bo)) {
            o.write(ModelFile.MAGIC);
            o.writeInt(1);
            o.write(kind.getBytes(StandardCharsets.US_ASCII));
            sections.put("END!", new byte[0]);
            for (Map.Entry<String, byte[]> e : sections.entrySet()) {
                o.write(e.getKey().getBytes(StandardCharsets.US_ASCII));
                o.writeLong(e.getValue().length);
                o.write(e.getValue());
                java.util.zip.CRC32C c = new java.util.zip.CRC32C();
                c.update(e.getValue());
                o.writeInt((int) c.getValue());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bo.toByteArray();
    }

    @FuzzTest(maxDuration = "10s")
    void fuzzModelConf(FuzzedDataProvider d) {
        int floats = d.consumeInt(0, 512);
        Map<String, byte[]> s = new LinkedHashMap<>();
        s.put("PARM", d.consumeBytes(floats * 4));
        s.put("CONF", d.consumeRemainingAsString().getBytes(StandardCharsets.UTF_8));
        byte[] b = container("MODL", s);
        expect(() -> ModelFile.load(b, "f"));
    }

    @FuzzTest(maxDuration = "10s")
    void fuzzCheckpointConf(FuzzedDataProvider d) {
        int floats = d.consumeInt(0, 64);
        int opt = d.consumeInt(0, 3);
        Map<String, byte[]> s = new LinkedHashMap<>();
        s.put("PARM", d.consumeBytes(floats * 4));
        for (int i = 0; i < opt; i++) s.put("OPT" + i, d.consumeBytes(floats * 4));
        if (d.consumeBoolean()) s.put("BEST", d.consumeBytes(floats * 4));
        s.put("CONF", d.consumeRemainingAsString().getBytes(StandardCharsets.UTF_8));
        byte[] b = container("CKPT", s);
        expect(() -> CheckpointFile.load(b, "f"));
    }
}
