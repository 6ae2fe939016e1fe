package dev.fewhot.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void writtenFilesAreReadableByOthersLikeOrdinaryFiles() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path f = dir.resolve("m.fhm");
        AtomicFiles.write(f, out -> out.write(new byte[] {1, 2, 3}));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(f));
        Set<PosixFilePermission> p = Files.getPosixFilePermissions(f);
        assertTrue(p.contains(PosixFilePermission.OWNER_READ) && p.contains(PosixFilePermission.OWNER_WRITE), p.toString());
        // rw-r--r-- before the umask; a umask never adds permissions, and the usual 022 keeps read for all
        assertTrue(!p.contains(PosixFilePermission.GROUP_WRITE) && !p.contains(PosixFilePermission.OTHERS_WRITE)
                && !p.contains(PosixFilePermission.OWNER_EXECUTE), p.toString());
        Path probe = Files.createFile(dir.resolve("probe")); // what this process's umask gives an ordinary file
        assertEquals(Files.getPosixFilePermissions(probe).contains(PosixFilePermission.OTHERS_READ),
                p.contains(PosixFilePermission.OTHERS_READ), "same read permission for others as an ordinary new file");
    }

    @Test
    void aFailedWriteLeavesNoFileAndNoTemporary() throws IOException {
        Path f = dir.resolve("r.html");
        try {
            AtomicFiles.write(f, out -> {
                out.write(1);
                throw new IOException("disk full");
            });
        } catch (IOException expected) {
            assertEquals("disk full", expected.getMessage());
        }
        assertTrue(Files.notExists(f));
        try (var s = Files.list(dir)) {
            assertEquals(0, s.count());
        }
    }
}
