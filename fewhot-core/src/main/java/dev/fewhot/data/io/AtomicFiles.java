package dev.fewhot.data.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that a reader (or a crash) sees either the old content or the new one: the
 * bytes go to a temporary file in the same folder, which is flushed, synced to disk and then
 * renamed over the target.
 */
public final class AtomicFiles {
    private AtomicFiles() { }

    /** Produces the content of a file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code target} atomically with the given content. */
    public static void write(Path target, Content content) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null) Files.createDirectories(dir);
        Path tmp = temporaryBeside(dir, "." + abs.getFileName() + ".");
        boolean done = false;
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
            content.writeTo(out);
            out.flush();
            ch.force(true);
            done = true;
        } finally {
            if (!done) Files.deleteIfExists(tmp);
        }
        try {
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /**
     * A new empty temporary file in {@code dir} for content that will be renamed onto a final
     * name. Created with the permissions of an ordinary new file ({@code rw-r--r--} before the
     * process's umask, where the file system is POSIX), not the owner-only {@code rw-------} of
     * {@link Files#createTempFile}: models, reports and predictions are meant to be shared.
     */
    public static Path temporaryBeside(Path dir, String prefix) throws IOException {
        if (java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempFile(dir, prefix, ".tmp", java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--")));
        }
        return Files.createTempFile(dir, prefix, ".tmp");
    }
}
