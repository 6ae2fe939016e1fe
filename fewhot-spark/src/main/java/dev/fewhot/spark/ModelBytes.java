package dev.fewhot.spark;

import dev.fewhot.io.ModelFile;
import dev.fewhot.model.Model;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fewhot model as the bytes of its model file ({@link ModelFile}): how a model travels to
 * executors and into a Spark ML save folder. Decoded once per deserialised copy.
 */
final class ModelBytes implements Serializable {
    private static final long serialVersionUID = 1L;

    private final byte[] bytes;
    private transient Model model;

    ModelBytes(Model model) {
        this.bytes = encode(model);
        this.model = model;
    }

    ModelBytes(byte[] bytes, String source) {
        this.bytes = bytes.clone();
        this.model = decode(this.bytes, source);
    }

    byte[] bytes() { return bytes.clone(); }

    synchronized Model model() {
        if (model == null) model = decode(bytes, "model bytes");
        return model;
    }

    static byte[] encode(Model m) {
        try {
            Path tmp = Files.createTempFile("fewhot-", ".model");
            try {
                ModelFile.save(m, tmp);
                return Files.readAllBytes(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Model decode(byte[] b, String source) {
        try {
            Path tmp = Files.createTempFile("fewhot-", ".model");
            try {
                Files.write(tmp, b);
                return ModelFile.load(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": " + e.getMessage(), e);
        }
    }
}
