package dev.fewhot.data.io;

import dev.fewhot.data.DataFormatException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opening files for the readers and naming the path in I/O errors. */
final class Io {
    private Io() { }

    /** A UTF-8 reader of the file (malformed bytes become U+FFFD and then fail as tokens). */
    static Reader open(Path file) throws IOException {
        return new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8);
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
