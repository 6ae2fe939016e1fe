package dev.fewhot.cli;

import dev.fewhot.blas.NativeGemm;
import dev.fewhot.kernels.Sgemm;
import dev.fewhot.kernels.Simd;
import dev.fewhot.kernels.VectorSupport;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * {@code fewhot --version}: the version, and what the engine runs on this machine: the JVM, the
 * kernels' vector width and registers, the GEMM's register block and how it was chosen (forced,
 * by the register rule, raced now or kept from an earlier race), and whether OpenBLAS loads.
 */
final class VersionInfo implements CommandLine.IVersionProvider {
    /** The version of this build. */
    static final String VERSION = "fewhot 0.1.0";

    @Override
    public String[] getVersion() {
        List<String> lines = new ArrayList<>();
        lines.add(VERSION);
        lines.add("Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "?") + ")");
        try {
            VectorSupport.check();
            lines.add("kernels: " + Simd.describe());
            lines.add("GEMM: " + new Sgemm(1).describe());
        } catch (RuntimeException | LinkageError e) {
            lines.add("kernels: not available (" + e.getMessage() + ")");
        }
        lines.add("OpenBLAS: " + (NativeGemm.available()
                ? "loads (" + NativeGemm.threads() + " threads; --blas auto times it against the Java kernel)"
                : "not found (optional: libopenblas0)"));
        return lines.toArray(new String[0]);
    }
}
