package dev.fewhot.cli;

import dev.fewhot.data.DataFormatException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: dispatches to the sub-commands and maps errors to exit codes (2 for bad input). */
@Command(name = "fewhot", mixinStandardHelpOptions = true, version = "fewhot 0.1.0",
        description = "Multi-label classification for few-hot label vectors.",
        subcommands = {DemoCommand.class, GenCommand.class, StatsCommand.class, TrainCommand.class, CompareCommand.class, PredictCommand.class, EvalCommand.class, ReportCommand.class, LatencyCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code for bad input or bad usage. */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit code when training diverged (non-finite loss or gradient). */
    public static final int EXIT_DIVERGED = 3;

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Builds the command line with the project's error handling. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            Throwable t = ex;
            if (t instanceof UncheckedIOException u && u.getCause() != null) t = u.getCause();
            if (t instanceof dev.fewhot.train.TrainingDivergedException) {
                err.println("fewhot: training diverged: " + t.getMessage());
                err.flush();
                return EXIT_DIVERGED;
            }
            if (t instanceof DataFormatException) {
                err.println("fewhot: " + t.getMessage());
            } else if (t instanceof java.nio.file.NoSuchFileException nf) {
                err.println("fewhot: no such file or folder: " + nf.getFile());
            } else if (t instanceof java.nio.file.AccessDeniedException ad) {
                err.println("fewhot: permission denied: " + ad.getFile());
            } else if (t instanceof dev.fewhot.io.ModelFileException) {
                err.println("fewhot: " + t.getMessage());
            } else if (t instanceof IOException) {
                err.println("fewhot: I/O error: " + t.getMessage());
            } else if (t instanceof IllegalArgumentException) {
                err.println("fewhot: " + t.getMessage());
            } else {
                throw ex;
            }
            err.flush();
            return EXIT_BAD_INPUT;
        });
        return cl;
    }

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        System.exit(code);
    }
}
