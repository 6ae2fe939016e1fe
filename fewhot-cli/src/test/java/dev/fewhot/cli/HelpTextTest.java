package dev.fewhot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import picocli.CommandLine;
import org.junit.jupiter.api.Test;

class HelpTextTest {
    @Test
    void versionSaysWhatTheEngineRunsOn() {
        CliRunner.Result r = CliRunner.run("--version");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\\R");
        assertEquals(VersionInfo.VERSION, lines[0]);
        assertTrue(lines[1].startsWith("Java " + Runtime.version().feature()), lines[1]);
        assertTrue(lines[2].startsWith("kernels: ") && lines[2].contains("-bit"), lines[2]);
        assertTrue(lines[3].startsWith("GEMM: java ") && lines[3].contains(" block ("), lines[3]);
        assertTrue(lines[4].startsWith("OpenBLAS: "), lines[4]);
        assertEquals("", r.err());
    }

    /** picocli formats descriptions with String.format: a lone '%' prints a warning instead of the text. */
    @Test
    void everyCommandsHelpFormatsCleanly() {
        CommandLine root = new CommandLine(new Main());
        assertFalse(root.getSubcommands().isEmpty());
        for (String name : root.getSubcommands().keySet()) {
            CliRunner.Result r = CliRunner.run(name, "--help");
            assertEquals(0, r.code(), name + " --help exit code");
            String all = r.out() + r.err();
            assertFalse(all.contains("Could not format"), name + " --help: " + all);
            assertTrue(r.out().contains("Usage:"), name + " --help prints its usage");
        }
    }
}
