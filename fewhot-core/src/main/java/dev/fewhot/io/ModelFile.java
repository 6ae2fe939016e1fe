package dev.fewhot.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fewhot.data.AttributeEncoding;
import dev.fewhot.data.io.AtomicFiles;
import dev.fewhot.decide.DecisionRule;
import dev.fewhot.kernels.Activation;
import dev.fewhot.model.Model;
import dev.fewhot.model.ModelConfig;
import dev.fewhot.model.TrainingPrior;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The model file format. All integers big-endian.
 *
 * <pre>
 * magic     8 bytes  0x89 'F' 'W' 'H' '\r' '\n' 0x1A '\n'
 * version   u32      format version: 1, 2 when the model is an ensemble or has an input
 *                    transform, 3 when it has an ENCD section, 4 when it has a FRST section,
 *                    5 when CONF holds a second level ("stacking") ({@link Model#formatVersion()});
 *                    this code reads 1 to {@link Model#FORMAT_VERSION}
 * kind      4 bytes  "MODL"
 * sections, each:  tag (4 ASCII bytes) | length (u64) | payload | CRC32C of payload (u32)
 *   "CONF"  UTF-8 JSON: architecture, seed, label names, decision rule, training label counts,
 *           provenance
 *           (version 2 adds "members", the ensemble size, and "input_transform", the tf-idf
 *           vector applied to every input row; files without them load as one network on raw inputs)
 *   "PARM"  the flat parameters, float32 little-endian (an ensemble's members concatenated)
 *   "ENCD"  (version 3, only when present) UTF-8 JSON: the attribute encoding of a typed input
 *           file ({@link AttributeEncoding}): {"attributes": [{"name", "kind", "values",
 *           "positive", "note"}, ...]} in column order; files without it read inputs as they are
 *   "FRST"  (version 4 always, version 5 when CONF holds "forest") the forest blended with the
 *           networks ({@link dev.fewhot.forest.Forest#toBytes}); CONF then holds
 *           {"forest": {"network_share": s, "trees": T}}
 *           (version 5: CONF holds {"stacking": {"share": s, "weights": [L x D, row-major], "bias": [L]}},
 *           the second level of {@link dev.fewhot.decide.Stacking} over D = L network
 *           probabilities, or 2L with a forest's beside them)
 *   "END!"  empty; nothing may follow
 * </pre>
 *
 * Loading checks the magic, the version, the kind, every length against the bytes left and
 * every checksum, so a truncated, bit-flipped, foreign or newer file fails with one line naming
 * the file and the section; a model is never half-loaded. Writing is atomic
 * ({@link AtomicFiles}).
 */
public final class ModelFile {
    static final byte[] MAGIC = Container.MAGIC;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFile() { }

    /** Writes the model to path atomically. */
    public static void save(Model model, Path path) throws IOException {
        Map<String, byte[]> sections = new LinkedHashMap<>();
        sections.put("CONF", JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(configJson(model)));
        sections.put("PARM", Container.floats(model.parameters()));
        if (model.encoding() != null) sections.put("ENCD", JSON.writeValueAsBytes(encodingJson(model.encoding())));
        if (model.forest() != null) sections.put("FRST", model.forest().toBytes());
        Container.write(path, "MODL", model.formatVersion(), sections);
    }

    static ObjectNode configJson(Model m) {
        ObjectNode root = JSON.createObjectNode();
        root.put("kind", "fewhot-model");
        root.put("format_version", m.formatVersion());
        ModelConfig c = m.config();
        ObjectNode arch = root.putObject("architecture");
        arch.put("input_dim", c.inputDim());
        ArrayNode h = arch.putArray("hidden");
        c.hidden().forEach(h::add);
        arch.put("output_dim", c.outputDim());
        arch.put("activation", c.activation().name());
        arch.put("dropout", c.dropout());
        if (m.members() > 1) root.put("members", m.members());
        if (m.forest() != null) {
            ObjectNode f = root.putObject("forest");
            f.put("network_share", m.networkShare());
            f.put("trees", m.forest().trees());
        }
        if (m.stacking() != null) {
            ObjectNode st = root.putObject("stacking");
            st.put("share", m.stackedShare());
            ArrayNode w = st.putArray("weights");
            for (float v : m.stacking().weights()) w.add(v);
            ArrayNode b = st.putArray("bias");
            for (float v : m.stacking().bias()) b.add(v);
        }
        if (m.transform() != null) {
            ObjectNode t = root.putObject("input_transform");
            t.put("type", m.transform().type());
            t.put("l2", m.transform().l2());
            ArrayNode idf = t.putArray("idf");
            for (float v : m.transform().idf()) idf.add(v);
            if (m.transform().center() != null) {
                ArrayNode cn = t.putArray("center");
                for (float v : m.transform().center()) cn.add(v);
            }
        }
        root.put("seed", m.seed());
        ArrayNode names = root.putArray("label_names");
        m.labelNames().forEach(names::add);
        ruleJson(root.putObject("decision_rule"), m.rule());
        ObjectNode prior = root.putObject("training_prior");
        prior.put("rows", m.prior().rows());
        ArrayNode pc = prior.putArray("label_counts");
        for (int count : m.prior().labelCounts()) pc.add(count);
        ObjectNode prov = root.putObject("provenance");
        m.provenance().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> prov.put(e.getKey(), e.getValue()));
        return root;
    }

    private static void ruleJson(ObjectNode o, DecisionRule r) {
        if (r instanceof DecisionRule.Threshold t) {
            o.put("type", "threshold");
            o.put("threshold", t.threshold());
        } else if (r instanceof DecisionRule.TopK k) {
            o.put("type", "top_k");
            o.put("k", k.k());
        } else if (r instanceof DecisionRule.PerLabel p) {
            o.put("type", "per_label");
            ArrayNode a = o.putArray("thresholds");
            for (float t : p.thresholds()) a.add(t);
        } else if (r instanceof DecisionRule.AtLeastOne a) {
            o.put("type", "at_least_one");
            ruleJson(o.putObject("inner"), a.inner());
        }
    }

    static DecisionRule parseRule(JsonNode r) {
        return switch (r.required("type").asText()) {
            case "threshold" -> new DecisionRule.Threshold(r.required("threshold").asDouble());
            case "top_k" -> new DecisionRule.TopK(r.required("k").asInt());
            case "per_label" -> {
                JsonNode a = r.required("thresholds");
                float[] t = new float[a.size()];
                for (int i = 0; i < t.length; i++) t[i] = (float) a.get(i).asDouble();
                yield new DecisionRule.PerLabel(t);
            }
            case "at_least_one" -> new DecisionRule.AtLeastOne(parseRule(r.required("inner")));
            default -> throw new IllegalArgumentException("unknown decision rule " + r.get("type"));
        };
    }

    /** Loads and verifies a model file. */
    public static Model load(Path path) throws IOException {
        return load(Container.readAll(path, "model"), path.toString());
    }

    /** Verifies and decodes the bytes of a model file; {@code f} names it in messages. */
    static Model load(byte[] all, String f) throws ModelFileException {
        Map<String, byte[]> sections = Container.read(all, f, "MODL", "model", Model.FORMAT_VERSION);
        int version = java.nio.ByteBuffer.wrap(all, MAGIC.length, 4).getInt();
        if (version == 3 ? !sections.containsKey("ENCD") : version < 3 && sections.containsKey("ENCD")) {
            throw new ModelFileException(f + ": format version " + version + (version == 3 ? " without" : " with")
                    + " an ENCD section (version 3 has one, versions 1 and 2 none; corrupted)");
        }
        if (version == 4 ? !sections.containsKey("FRST") : version < 4 && sections.containsKey("FRST")) {
            throw new ModelFileException(f + ": format version " + version + (version == 4 ? " without" : " with")
                    + " a FRST section (version 4 always has one, versions 1 to 3 none; corrupted)");
        }
        byte[] conf = sections.get("CONF"), parm = sections.get("PARM");
        if (conf == null) throw new ModelFileException(f + ": section CONF missing");
        if (parm == null) throw new ModelFileException(f + ": section PARM missing");
        try {
            JsonNode root = JSON.readTree(conf);
            JsonNode a = root.required("architecture");
            List<Integer> hidden = new ArrayList<>();
            a.required("hidden").forEach(n -> hidden.add(n.asInt()));
            ModelConfig cfg = new ModelConfig(a.required("input_dim").asInt(), hidden, a.required("output_dim").asInt(),
                    Activation.valueOf(a.required("activation").asText()), a.required("dropout").asDouble());
            int members = root.path("members").asInt(1);
            if (members < 1) throw new IllegalArgumentException("members must be >= 1, got " + root.get("members"));
            if (parm.length != (long) members * cfg.parameterCount() * 4) {
                throw new ModelFileException(f + ": section PARM: " + parm.length + " bytes, the architecture needs "
                        + (long) members * cfg.parameterCount() * 4 + (members > 1 ? " (" + members + " members)" : ""));
            }
            dev.fewhot.model.InputTransform transform = null;
            JsonNode tn = root.get("input_transform");
            if (tn != null && !tn.isNull()) {
                String type = tn.required("type").asText();
                boolean centred = type.equals(dev.fewhot.model.InputTransform.STANDARDIZE);
                if (!centred && !type.equals(dev.fewhot.model.InputTransform.TFIDF)) {
                    throw new IllegalArgumentException("unknown input transform " + type);
                }
                transform = new dev.fewhot.model.InputTransform(floats(tn.required("idf")), tn.required("l2").asBoolean(),
                        centred ? floats(tn.required("center")) : null);
            }
            float[] p = Container.floats(parm);
            List<String> names = new ArrayList<>();
            root.required("label_names").forEach(n -> names.add(n.asText()));
            DecisionRule rule = parseRule(root.required("decision_rule"));
            if (rule instanceof DecisionRule.PerLabel pl && pl.thresholds().length != cfg.outputDim()) {
                throw new IllegalArgumentException("per-label thresholds: " + pl.thresholds().length + " for " + cfg.outputDim() + " labels");
            }
            Map<String, String> prov = new LinkedHashMap<>();
            root.path("provenance").fields().forEachRemaining(e -> prov.put(e.getKey(), e.getValue().asText()));
            JsonNode pr = root.required("training_prior");
            JsonNode pcs = pr.required("label_counts");
            int[] counts = new int[pcs.size()];
            for (int i = 0; i < counts.length; i++) counts[i] = pcs.get(i).asInt();
            TrainingPrior prior = new TrainingPrior(pr.required("rows").asInt(), counts);
            Model m = new Model(cfg, members, transform, p, root.required("seed").asLong(), names, rule, prov, prior);
            byte[] encd = sections.get("ENCD");
            if (encd != null) {
                try {
                    m = m.withEncoding(parseEncoding(JSON.readTree(encd)));
                } catch (IOException | RuntimeException e) {
                    String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
                    throw new ModelFileException(f + ": section ENCD: invalid (" + msg + ")");
                }
            }
            byte[] frst = sections.get("FRST");
            if (frst != null) {
                dev.fewhot.forest.Forest forest;
                try {
                    forest = dev.fewhot.forest.Forest.fromBytes(frst);
                } catch (RuntimeException e) {
                    throw new ModelFileException(f + ": section FRST: invalid (" + e.getMessage() + ")");
                }
                JsonNode fn = root.required("forest");
                if (fn.required("trees").asInt() != forest.trees()) {
                    throw new ModelFileException(f + ": section FRST: " + forest.trees() + " trees, CONF says "
                            + fn.get("trees").asInt());
                }
                m = m.withForest(forest, fn.required("network_share").asDouble());
            } else if (root.has("forest")) {
                throw new ModelFileException(f + ": CONF describes a forest but the FRST section is missing (corrupted)");
            }
            JsonNode st = root.get("stacking");
            if ((version == 5) != (st != null)) {
                throw new ModelFileException(f + ": format version " + version + (version == 5 ? " without" : " with")
                        + " a second level in CONF (\"stacking\": version 5 exactly; corrupted)");
            }
            if (st != null) {
                float[] bias = floats(st.required("bias")), weights = floats(st.required("weights"));
                m = m.withStacking(new dev.fewhot.decide.Stacking(weights, bias, bias.length == 0 ? 0 : weights.length / bias.length),
                        st.required("share").asDouble());
            }
            return m;
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new ModelFileException(f + ": section CONF: invalid (" + m + ")");
        }
    }

    /** The ENCD section's JSON: the encoding's attributes in order. */
    static ObjectNode encodingJson(AttributeEncoding e) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode attrs = root.putArray("attributes");
        for (AttributeEncoding.Attribute a : e.attributes()) {
            ObjectNode o = attrs.addObject();
            o.put("name", a.name());
            o.put("kind", a.kind().name().toLowerCase(java.util.Locale.ROOT));
            if (!a.values().isEmpty()) {
                ArrayNode v = o.putArray("values");
                a.values().forEach(v::add);
            }
            if (a.kind() == AttributeEncoding.Kind.BINARY) o.put("positive", a.positive());
            if (!a.note().isEmpty()) o.put("note", a.note());
        }
        return root;
    }

    /** Parses {@link #encodingJson}'s output. */
    static AttributeEncoding parseEncoding(JsonNode root) {
        List<AttributeEncoding.Attribute> out = new ArrayList<>();
        for (JsonNode o : root.required("attributes")) {
            List<String> values = new ArrayList<>();
            o.path("values").forEach(v -> values.add(v.asText()));
            AttributeEncoding.Kind kind = AttributeEncoding.Kind.valueOf(
                    o.required("kind").asText().toUpperCase(java.util.Locale.ROOT));
            out.add(new AttributeEncoding.Attribute(o.required("name").asText(), kind, values, o.path("positive").asInt(0),
                    o.path("note").asText("")));
        }
        return new AttributeEncoding(out);
    }

    private static float[] floats(JsonNode a) {
        float[] v = new float[a.size()];
        for (int i = 0; i < v.length; i++) v[i] = (float) a.get(i).asDouble();
        return v;
    }


}
