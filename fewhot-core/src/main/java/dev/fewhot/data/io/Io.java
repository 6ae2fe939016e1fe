package dev.fewhot.data.io;

import dev.fewhot.data.DataFormatException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Opening files for the readers and naming the path in I/O errors. */
final class Io {
    private Io() { }

    /**
     * The first bytes of a fewhot model or checkpoint file (the binary container the model
     * writer produces: 0x89 'F' 'W' 'H' CR LF 0x1A LF, a 4-byte version, a 4-byte kind).
     */
    private static final byte[] CONTAINER_MAGIC = {(byte) 0x89, 'F', 'W', 'H', '\r', '\n', 0x1A, '\n'};

    /** Found instead of a data file when the file is a fewhot model (the CLI adds where models go). */
    static final String MODEL_FILE = "a fewhot model file";

    /**
     * A UTF-8 reader of the file (malformed bytes become U+FFFD and then fail as tokens). A fewhot
     * model or checkpoint file fails at once with a {@link DataFormatException} saying so, rather
     * than with its binary bytes quoted as a malformed token.
     */
    static Reader open(Path file) throws IOException {
        PushbackInputStream in = new PushbackInputStream(Files.newInputStream(file), 16);
        try {
            byte[] head = in.readNBytes(16);
            in.unread(head);
            if (head.length >= CONTAINER_MAGIC.length
                    && Arrays.equals(head, 0, CONTAINER_MAGIC.length, CONTAINER_MAGIC, 0, CONTAINER_MAGIC.length)) {
                boolean checkpoint = head.length == 16 && new String(head, 12, 4, StandardCharsets.ISO_8859_1).equals("CKPT");
                throw new DataFormatException(file.toString(), 0, 0, "a data file (xc, libsvm, arff or csv text)",
                        checkpoint ? "a fewhot checkpoint file" : MODEL_FILE);
            }
        } catch (IOException e) {
            in.close();
            throw e;
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    /** Read-side failure: keeps DataFormatException as it is, adds the file to other I/O errors. */
    static IOException named(String file, IOException e) {
        if (e instanceof DataFormatException) return e;
        if (e instanceof LineReader.LineTooLongException t) {
            return new DataFormatException(file, t.line, 1, "a line of at most " + t.max + " characters",
                    "a longer line");
        }
        String msg = e.getMessage();
        if (msg != null && msg.contains(file)) return e;
        return new IOException(file + ": " + (msg == null ? e.getClass().getSimpleName() : msg), e);
    }
}
