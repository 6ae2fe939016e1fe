package dev.fewhot.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Reads a golden-vector file as a JSON tree: plain JSON ({@code .json}), gzipped JSON
 * ({@code .json.gz}), or the packed form ({@code .packed.gz}) the repository carries for the
 * loss vectors, which is 21 MB as JSON, 8.9 MB gzipped and about 5 MB packed.
 *
 * <p>The packed form is lossless: decoding gives back the very tree the JSON parses to, every
 * double bit for bit ({@code GoldenVectorsTest} checks it against the JSON when that is at hand).
 * Inside a gzip stream: {@code "FHGV"}, version 1, the JSON with every array of at least
 * {@value #MIN_PACKED} floating-point numbers (nested arrays included, rectangular) replaced by
 * {@code {"$packed": k, "shape": [...]}}, then the arrays in order: length, the index of an
 * earlier array of the same length the values are XORed with (-1: none; the loss
 * configurations of one case share many values), and the 8 byte planes of the 64-bit patterns,
 * most significant first (exponent planes compress well).
 *
 * <p>{@code main(in.json, out.packed.gz)} writes the packed form.
 */
public final class GoldenVectors {
    static final int MIN_PACKED = 64;
    private static final int MAGIC = 0x46484756; // "FHGV"
    private static final String KEY = "$packed";

    private GoldenVectors() { }

    /** Reads {@code file} (.json, .json.gz or .packed.gz) as a JSON tree. */
    public static JsonNode read(Path file) throws IOException {
        String name = String.valueOf(file.getFileName());
        if (name.endsWith(".packed.gz")) {
            try (InputStream in = Files.newInputStream(file)) {
                return unpack(in);
            }
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
            return new ObjectMapper().readTree(in);
        }
    }

    /** Writes the packed form of {@code root} to {@code out}. */
    public static void pack(JsonNode root, OutputStream out) throws IOException {
        List<double[]> arrays = new ArrayList<>();
        JsonNode skeleton = strip(root, arrays);
        byte[] json = new ObjectMapper().writeValueAsBytes(skeleton);
        GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16) {
            { def.setLevel(Deflater.BEST_COMPRESSION); }
        };
        DataOutputStream d = new DataOutputStream(new BufferedOutputStream(gz, 1 << 16));
        d.writeInt(MAGIC);
        d.writeInt(1);
        d.writeInt(json.length);
        d.write(json);
        d.writeInt(arrays.size());
        for (int a = 0; a < arrays.size(); a++) {
            double[] v = arrays.get(a);
            int ref = bestReference(arrays, a);
            d.writeInt(v.length);
            d.writeInt(ref);
            long[] bits = new long[v.length];
            for (int i = 0; i < v.length; i++) {
                bits[i] = Double.doubleToRawLongBits(v[i]) ^ (ref < 0 ? 0 : Double.doubleToRawLongBits(arrays.get(ref)[i]));
            }
            byte[] plane = new byte[v.length];
            for (int shift = 56; shift >= 0; shift -= 8) {
                for (int i = 0; i < v.length; i++) plane[i] = (byte) (bits[i] >>> shift);
                d.write(plane);
            }
        }
        d.flush();
        gz.finish();
    }

    /** The earlier array of the same length sharing the most values with array {@code a}, or -1. */
    private static int bestReference(List<double[]> arrays, int a) {
        double[] v = arrays.get(a);
        int best = -1, bestSame = v.length / 16;
        for (int r = 0; r < a; r++) {
            double[] w = arrays.get(r);
            if (w.length != v.length) continue;
            int same = 0;
            for (int i = 0; i < v.length; i++) {
                if (Double.doubleToRawLongBits(v[i]) == Double.doubleToRawLongBits(w[i])) same++;
            }
            if (same > bestSame) {
                best = r;
                bestSame = same;
            }
        }
        return best;
    }

    /** Reads the packed form. */
    public static JsonNode unpack(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16));
        if (d.readInt() != MAGIC) throw new IOException("not a packed golden-vector file");
        int version = d.readInt();
        if (version != 1) throw new IOException("packed golden-vector version " + version + " is not supported");
        byte[] json = new byte[d.readInt()];
        d.readFully(json);
        JsonNode skeleton = new ObjectMapper().readTree(new String(json, StandardCharsets.UTF_8));
        int n = d.readInt();
        List<double[]> arrays = new ArrayList<>(n);
        for (int a = 0; a < n; a++) {
            int len = d.readInt();
            int ref = d.readInt();
            long[] bits = new long[len];
            byte[] plane = new byte[len];
            for (int shift = 56; shift >= 0; shift -= 8) {
                d.readFully(plane);
                for (int i = 0; i < len; i++) bits[i] |= (plane[i] & 0xFFL) << shift;
            }
            double[] v = new double[len];
            for (int i = 0; i < len; i++) {
                v[i] = Double.longBitsToDouble(bits[i] ^ (ref < 0 ? 0 : Double.doubleToRawLongBits(arrays.get(ref)[i])));
            }
            arrays.add(v);
        }
        return restore(skeleton, arrays);
    }

    // ---------------------------------------------------------------- tree <-> skeleton

    private static JsonNode strip(JsonNode node, List<double[]> arrays) {
        if (node.isObject()) {
            if (node.has(KEY)) throw new IllegalArgumentException("the JSON uses the reserved key " + KEY);
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                o.set(e.getKey(), strip(e.getValue(), arrays));
            }
            return o;
        }
        if (node.isArray()) {
            List<Integer> shape = new ArrayList<>();
            if (rectangularDoubles(node, shape) && count(shape) >= MIN_PACKED) {
                double[] v = new double[count(shape)];
                fill(node, v, new int[] {0});
                ObjectNode o = JsonNodeFactory.instance.objectNode();
                o.put(KEY, arrays.size());
                ArrayNode s = o.putArray("shape");
                for (int x : shape) s.add(x);
                arrays.add(v);
                return o;
            }
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            for (JsonNode x : node) a.add(strip(x, arrays));
            return a;
        }
        return node;
    }

    /** True when {@code node} is a non-empty rectangular array of DoubleNodes; fills its shape. */
    private static boolean rectangularDoubles(JsonNode node, List<Integer> shape) {
        if (!node.isArray() || node.size() == 0) return false;
        shape.add(node.size());
        JsonNode first = node.get(0);
        if (first.isArray()) {
            List<Integer> inner = new ArrayList<>();
            if (!rectangularDoubles(first, inner)) return false;
            for (JsonNode x : node) {
                List<Integer> s = new ArrayList<>();
                if (!rectangularDoubles(x, s) || !s.equals(inner)) return false;
            }
            shape.addAll(inner);
            return true;
        }
        for (JsonNode x : node) if (!(x instanceof DoubleNode)) return false;
        return true;
    }

    private static int count(List<Integer> shape) {
        long n = 1;
        for (int x : shape) n *= x;
        return n > Integer.MAX_VALUE ? -1 : (int) n;
    }

    private static void fill(JsonNode node, double[] v, int[] pos) {
        if (node.isArray()) {
            for (JsonNode x : node) fill(x, v, pos);
        } else {
            v[pos[0]++] = node.doubleValue();
        }
    }

    private static JsonNode restore(JsonNode node, List<double[]> arrays) {
        if (node.isObject()) {
            if (node.has(KEY)) {
                double[] v = arrays.get(node.get(KEY).intValue());
                int[] shape = new int[node.get("shape").size()];
                for (int i = 0; i < shape.length; i++) shape[i] = node.get("shape").get(i).intValue();
                return build(v, shape, 0, new int[] {0});
            }
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                o.set(e.getKey(), restore(e.getValue(), arrays));
            }
            return o;
        }
        if (node.isArray()) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            for (JsonNode x : node) a.add(restore(x, arrays));
            return a;
        }
        return node;
    }

    private static ArrayNode build(double[] v, int[] shape, int dim, int[] pos) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode(shape[dim]);
        for (int i = 0; i < shape[dim]; i++) {
            if (dim == shape.length - 1) a.add(DoubleNode.valueOf(v[pos[0]++]));
            else a.add(build(v, shape, dim + 1, pos));
        }
        return a;
    }

    /** {@code GoldenVectors IN.json OUT.packed.gz}: writes the packed form of a golden-vector JSON file. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: GoldenVectors IN.json OUT.packed.gz");
            System.exit(2);
        }
        JsonNode root = read(Path.of(args[0]));
        try (OutputStream out = Files.newOutputStream(Path.of(args[1]))) {
            pack(root, out);
        }
        System.out.println(args[1] + ": " + Files.size(Path.of(args[1])) + " bytes");
    }
}
