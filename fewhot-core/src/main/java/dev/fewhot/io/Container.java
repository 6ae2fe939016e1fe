package dev.fewhot.io;

import dev.fewhot.data.io.AtomicFiles;
import dev.fewhot.model.Model;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The container of fewhot's binary files (models, {@code MODL}; checkpoints, {@code CKPT}): magic,
 * version, kind, then checksummed sections (see {@link ModelFile} for the layout). Written
 * atomically; read with every length and checksum verified.
 */
public final class Container {
    /** The first 8 bytes of every fewhot file. */
    public static final byte[] MAGIC = {(byte) 0x89, 'F', 'W', 'H', '\r', '\n', 0x1A, '\n'};

    private Container() { }

    /** float32 little-endian bytes of {@code p}. */
    public static byte[] floats(float[] p) {
        ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(p.length, 4)).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(p);
        return b.array();
    }

    /** The floats of float32 little-endian bytes (length a multiple of 4). */
    public static float[] floats(byte[] b) {
        float[] p = new float[b.length / 4];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(p);
        return p;
    }

    /**
     * Writes a container file atomically: magic, {@code version}, {@code kind}, the sections in order
     * (tag | length | payload | CRC32C), then an empty END! section.
     */
    public static void write(Path path, String kind, int version, Map<String, byte[]> sections) throws IOException {
        AtomicFiles.write(path, out -> {
            DataOutputStream d = new DataOutputStream(out);
            d.write(MAGIC);
            d.writeInt(version);
            d.write(kind.getBytes(StandardCharsets.US_ASCII));
            for (Map.Entry<String, byte[]> e : sections.entrySet()) section(d, e.getKey(), e.getValue());
            section(d, "END!", new byte[0]);
            d.flush();
        });
    }

    private static void section(DataOutputStream d, String tag, byte[] payload) throws IOException {
        d.write(tag.getBytes(StandardCharsets.US_ASCII));
        d.writeLong(payload.length);
        d.write(payload);
        CRC32C crc = new CRC32C();
        crc.update(payload);
        d.writeInt((int) crc.getValue());
    }

    /**
     * Reads and verifies a container file of the given kind ("MODL", "CKPT"): magic, version,
     * kind, every section's length and checksum, the END! section and nothing after it. Returns
     * the sections by tag (without END!). {@code noun} names the kind in messages ("model").
     */
    public static Map<String, byte[]> read(byte[] all, String f, String expectedKind, String noun) throws ModelFileException {
        return read(all, f, expectedKind, noun, Model.FORMAT_VERSION);
    }

    /** As {@link #read(byte[], String, String, String)}; {@code maxVersion} is the newest version this code reads of that kind. */
    public static Map<String, byte[]> read(byte[] all, String f, String expectedKind, String noun, int maxVersion)
            throws ModelFileException {
        ByteBuffer b = ByteBuffer.wrap(all);
        if (all.length < MAGIC.length + 8) throw new ModelFileException(f + ": not a fewhot " + noun + " file (too short: " + all.length + " bytes)");
        for (int i = 0; i < MAGIC.length; i++) {
            if (all[i] != MAGIC[i]) throw new ModelFileException(f + ": not a fewhot " + noun + " file (bad magic bytes)");
        }
        b.position(MAGIC.length);
        int version = b.getInt();
        if (version > maxVersion || version < 1) {
            throw new ModelFileException(f + ": " + noun + " format version " + version + " is not supported (this fewhot reads 1"
                    + (maxVersion > 1 ? " to " + maxVersion : "") + ")");
        }
        String kind = ascii(b);
        if (!kind.equals(expectedKind)) {
            throw new ModelFileException(f + ": expected a " + noun + " file (kind " + expectedKind + "), found kind " + printable(kind));
        }
        Map<String, byte[]> sections = new LinkedHashMap<>();
        while (true) {
            if (b.remaining() < 12) throw new ModelFileException(f + ": truncated: section header missing after " + sections.keySet());
            String tag = ascii(b);
            long len = b.getLong();
            if (len < 0 || len > b.remaining() - 4) {
                throw new ModelFileException(f + ": section " + printable(tag) + ": length " + len + " exceeds the "
                        + Math.max(0, b.remaining() - 4) + " bytes left (truncated or corrupted)");
            }
            byte[] payload = new byte[(int) len];
            b.get(payload);
            int stored = b.getInt();
            CRC32C crc = new CRC32C();
            crc.update(payload);
            if ((int) crc.getValue() != stored) throw new ModelFileException(f + ": section " + printable(tag) + ": checksum mismatch (corrupted)");
            if (sections.put(tag, payload) != null) throw new ModelFileException(f + ": section " + printable(tag) + " appears twice");
            if (tag.equals("END!")) break;
        }
        if (b.hasRemaining()) throw new ModelFileException(f + ": " + b.remaining() + " unexpected bytes after the END! section");
        sections.remove("END!");
        return sections;
    }

    /** The bytes of a file; a missing file is a one-line {@link ModelFileException}. */
    public static byte[] readAll(Path path, String noun) throws IOException {
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(path + ": no such " + noun + " file");
        }
    }

    private static String ascii(ByteBuffer b) {
        byte[] t = new byte[4];
        b.get(t);
        return new String(t, StandardCharsets.ISO_8859_1);
    }

    public static String printable(String tag) {
        StringBuilder sb = new StringBuilder();
        for (char c : tag.toCharArray()) sb.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        return sb.toString();
    }}
