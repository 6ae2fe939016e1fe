package dev.fewhot.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fewhot.data.io.AtomicFiles;
import dev.fewhot.io.Container;
import dev.fewhot.io.ModelFileException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checkpoint file: the model file's container ({@link dev.fewhot.io.ModelFile}: magic, version, sections
 * with CRC32C, END!) with kind "CKPT" and these sections:
 *
 * <pre>
 *   "CONF"  UTF-8 JSON: architecture and training settings (as compared on resume), provenance,
 *           GEMM back-end, data fingerprints (rows, features, labels, hash), position (epoch,
 *           batch, step, done), loss sums and per-epoch histories (doubles as raw IEEE bits in
 *           hex, so they come back bit-exact), early-stopping state, optimiser kind and steps
 *   "PARM"  the parameters, float32 little-endian
 *   "BEST"  the best epoch's parameters (only with early stopping)
 *   "OPT0", "OPT1", ...  the optimiser's state arrays (Adam: m, v; SGD: momentum), float32 LE
 * </pre>
 *
 * Writing is atomic ({@link AtomicFiles}: a temporary file in the same folder, fsync, rename),
 * so a crash at any moment leaves the previous checkpoint or the new one, never a mix; loading
 * verifies every length and checksum, so a damaged file is reported, never half-used.
 */
public final class CheckpointFile {
    /** The file name inside a checkpoint folder. */
    public static final String NAME = "checkpoint.fewhot";
    /**
     * Version of the CONF section: 3 adds the best epoch's validation loss (the tie-breaker of
     * early stopping); 2 stores the architecture and the training settings as
     * name-value objects ({@code ModelConfig.toSettings}, {@code TrainerConfig.toSettings}),
     * parsed back into typed settings on resume; 1 stored their {@code toString()}.
     */
    public static final int FORMAT_VERSION = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckpointFile() { }

    /** The checkpoint file of a checkpoint folder. */
    public static Path in(Path dir) {
        return dir.resolve(NAME);
    }

    /**
     * Deletes temporary files a killed writer left in a checkpoint folder
     * ({@code .checkpoint.fewhot.*.tmp}); returns how many. The checkpoint itself is untouched.
     */
    public static int deleteStaleTemporaries(Path dir) throws IOException {
        if (!java.nio.file.Files.isDirectory(dir)) return 0;
        int n = 0;
        try (var s = java.nio.file.Files.newDirectoryStream(dir, "." + NAME + ".*.tmp")) {
            for (Path p : s) {
                if (java.nio.file.Files.deleteIfExists(p)) n++;
            }
        }
        return n;
    }

    /** Writes the state atomically. */
    public static void save(TrainingState s, Path path) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("kind", "fewhot-checkpoint");
        root.put("format_version", FORMAT_VERSION);
        ObjectNode mc = root.putObject("model_config");
        s.modelConfig().toSettings().forEach(mc::put);
        ObjectNode tcn = root.putObject("trainer_config");
        s.trainerConfig().toSettings().forEach(tcn::put);
        ObjectNode prov = root.putObject("provenance");
        s.provenance().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> prov.put(e.getKey(), e.getValue()));
        root.put("gemm", s.gemm());
        fingerprint(root.putObject("train_data"), s.trainData());
        if (s.validData() != null) fingerprint(root.putObject("valid_data"), s.validData());
        root.put("epoch", s.epoch());
        root.put("batch", s.batch());
        root.put("step", s.step());
        root.put("done", s.done());
        root.put("epoch_loss_sum", bits(s.epochLossSum()));
        root.put("samples", s.samples());
        root.put("epochs_run", s.epochsRun());
        ArrayNode el = root.putArray("epoch_losses");
        s.epochLosses().forEach(d -> el.add(bits(d)));
        ArrayNode va = root.putArray("validation");
        s.validation().forEach(d -> va.add(bits(d)));
        root.put("best_value", bits(s.bestValue()));
        root.put("best_loss", bits(s.bestLoss()));
        root.put("best_epoch", s.bestEpoch());
        root.put("since_best", s.sinceBest());
        root.put("optimizer", s.optimizer());
        root.put("optimizer_steps", s.optimizerSteps());
        root.put("optimizer_arrays", s.optimizerState().size());
        root.put("has_best", s.best() != null);
        Map<String, byte[]> sections = new LinkedHashMap<>();
        sections.put("CONF", JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        sections.put("PARM", Container.floats(s.params()));
        if (s.best() != null) sections.put("BEST", Container.floats(s.best()));
        for (int i = 0; i < s.optimizerState().size(); i++) sections.put("OPT" + i, Container.floats(s.optimizerState().get(i)));
        Container.write(path, "CKPT", 1, sections);
    }

    /** Loads and verifies a checkpoint file. */
    public static TrainingState load(Path path) throws IOException {
        return load(Container.readAll(path, "checkpoint"), path.toString());
    }

    /** Verifies and decodes the bytes of a checkpoint file; {@code f} names it in messages. */
    public static TrainingState load(byte[] all, String f) throws ModelFileException {
        Map<String, byte[]> sec = Container.read(all, f, "CKPT", "checkpoint", 1);
        byte[] conf = sec.get("CONF"), parm = sec.get("PARM");
        if (conf == null) throw new ModelFileException(f + ": section CONF missing");
        if (parm == null) throw new ModelFileException(f + ": section PARM missing");
        try {
            JsonNode r = JSON.readTree(conf);
            if (!"fewhot-checkpoint".equals(r.required("kind").asText())) throw new IllegalArgumentException("not a checkpoint");
            int version = r.required("format_version").asInt();
            if (version != FORMAT_VERSION) {
                throw new IllegalArgumentException("checkpoint format " + version + ", this fewhot resumes format " + FORMAT_VERSION
                        + " only: start the run again");
            }
            Map<String, String> prov = new LinkedHashMap<>();
            r.required("provenance").fields().forEachRemaining(e -> prov.put(e.getKey(), e.getValue().asText()));
            int nOpt = r.required("optimizer_arrays").asInt();
            if (nOpt < 0 || nOpt > 4) throw new IllegalArgumentException("optimizer_arrays " + nOpt);
            float[] params = floats(parm, f, "PARM", -1);
            List<float[]> opt = new ArrayList<>();
            for (int i = 0; i < nOpt; i++) {
                byte[] b = sec.get("OPT" + i);
                if (b == null) throw new ModelFileException(f + ": section OPT" + i + " missing");
                opt.add(floats(b, f, "OPT" + i, params.length));
            }
            for (String tag : sec.keySet()) {
                boolean known = tag.equals("CONF") || tag.equals("PARM") || tag.equals("BEST")
                        || (tag.startsWith("OPT") && tag.length() == 4 && tag.charAt(3) >= '0' && tag.charAt(3) < '0' + nOpt);
                if (!known) throw new ModelFileException(f + ": unexpected section " + Container.printable(tag) + " (corrupted)");
            }
            byte[] bestBytes = sec.get("BEST");
            if (r.required("has_best").asBoolean() != (bestBytes != null)) {
                throw new ModelFileException(f + ": section BEST " + (bestBytes == null ? "missing" : "unexpected"));
            }
            float[] best = bestBytes == null ? null : floats(bestBytes, f, "BEST", params.length);
            List<Double> losses = new ArrayList<>(), vals = new ArrayList<>();
            r.required("epoch_losses").forEach(n -> losses.add(unbits(n)));
            r.required("validation").forEach(n -> vals.add(unbits(n)));
            return new TrainingState(dev.fewhot.model.ModelConfig.fromSettings(settings(r, "model_config")),
                    TrainerConfig.fromSettings(settings(r, "trainer_config")), prov, text(r, "gemm"),
                    fingerprint(r.required("train_data")), r.has("valid_data") ? fingerprint(r.get("valid_data")) : null,
                    r.required("epoch").asInt(), r.required("batch").asInt(), r.required("step").asLong(),
                    r.required("done").asBoolean(), unbits(r.required("epoch_loss_sum")), r.required("samples").asLong(),
                    r.required("epochs_run").asInt(), losses, vals, unbits(r.required("best_value")),
                    unbits(r.required("best_loss")),                    r.required("best_epoch").asInt(), r.required("since_best").asInt(), params, best,
                    text(r, "optimizer"), r.required("optimizer_steps").asLong(), opt);
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new ModelFileException(f + ": section CONF: invalid (" + m + ")");
        }
    }

    private static float[] floats(byte[] b, String f, String tag, int expected) throws ModelFileException {
        if (b.length % 4 != 0 || (expected >= 0 && b.length != (long) expected * 4)) {
            throw new ModelFileException(f + ": section " + tag + ": " + b.length + " bytes, expected "
                    + (expected >= 0 ? (long) expected * 4 : "a multiple of 4"));
        }
        return Container.floats(b);
    }

    private static Map<String, String> settings(JsonNode r, String key) {
        JsonNode n = r.required(key);
        if (!n.isObject()) throw new IllegalArgumentException(key + " must be an object");
        Map<String, String> m = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    private static String text(JsonNode r, String key) {
        JsonNode n = r.required(key);
        if (!n.isTextual()) throw new IllegalArgumentException(key + " must be a string");
        return n.asText();
    }

    private static void fingerprint(ObjectNode o, DataFingerprint d) {
        o.put("rows", d.rows());
        o.put("features", d.features());
        o.put("labels", d.labels());
        o.put("hash", String.format("%016x", d.hash()));
    }

    private static DataFingerprint fingerprint(JsonNode o) {
        return new DataFingerprint(o.required("rows").asInt(), o.required("features").asInt(), o.required("labels").asInt(),
                Long.parseUnsignedLong(o.required("hash").asText(), 16));
    }

    private static String bits(double d) {
        return String.format("%016x", Double.doubleToRawLongBits(d));
    }

    private static double unbits(JsonNode n) {
        if (!n.isTextual()) throw new IllegalArgumentException("expected a double as 16 hex digits, got " + n);
        return Double.longBitsToDouble(Long.parseUnsignedLong(n.asText(), 16));
    }
}
