package dev.fewhot.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Runs the CLI in-process with captured standard output and error. */
final class CliRunner {
    record Result(int code, String out, String err) { }

    private CliRunner() { }

    static synchronized Result run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        StringWriter pErr = new StringWriter(), pOut = new StringWriter();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            CommandLine cl = Main.commandLine();
            cl.setErr(new PrintWriter(pErr, true));
            cl.setOut(new PrintWriter(pOut, true));
            int code = cl.execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8) + pOut, err.toString(StandardCharsets.UTF_8) + pErr);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
