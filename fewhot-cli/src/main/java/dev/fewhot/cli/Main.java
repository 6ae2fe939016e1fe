package dev.fewhot.cli;

import dev.fewhot.data.DataFormatException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: dispatches to the sub-commands and maps errors to exit codes (2 for bad input). */
@Command(name = "fewhot", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
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
        cl.setParameterExceptionHandler(Main::badUsage);
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            Throwable t = ex;
            if (t instanceof UncheckedIOException u && u.getCause() != null) t = u.getCause();
            if (t instanceof dev.fewhot.train.TrainingDivergedException) {
                err.println("fewhot: training diverged: " + t.getMessage());
                err.flush();
                return EXIT_DIVERGED;
            }
            if (t instanceof DataFormatException d) {
                // the readers recognise a model or checkpoint file given as data; say where it goes
                boolean model = d.found().startsWith("a fewhot model") || d.found().startsWith("a fewhot checkpoint");
                err.println("fewhot: " + t.getMessage() + (model ? "; a model file is given with --model" : ""));
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

    /**
     * A bad command line: one line naming the command, the option, the rule and the value, with
     * a pointer to the command's help (not the whole usage), and exit code 2.
     */
    static int badUsage(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        err.println(name + ": " + describe(ex) + " (see " + name + " --help)");
        err.flush();
        return EXIT_BAD_INPUT;
    }

    /** The problem in one line: "--epochs: expected an integer, found 'x'". */
    static String describe(CommandLine.ParameterException ex) {
        CommandLine.Model.ArgSpec arg = ex.getArgSpec();
        String value = ex.getValue();
        if (arg != null && value != null && ex.getCause() instanceof CommandLine.TypeConversionException) {
            String what = arg instanceof CommandLine.Model.OptionSpec o ? o.longestName() : arg.paramLabel();
            return what + ": expected " + expectedType(arg) + ", found " + quote(value);
        }
        if (ex instanceof CommandLine.UnmatchedArgumentException u) {
            String msg = firstLine(ex.getMessage());
            java.util.List<String> s = u.getSuggestions();
            return s.isEmpty() ? msg : msg + "; did you mean " + String.join(" or ", s.subList(0, Math.min(3, s.size()))) + "?";
        }
        return firstLine(ex.getMessage());
    }

    private static String expectedType(CommandLine.Model.ArgSpec arg) {
        Class<?> t = arg.auxiliaryTypes().length > 0 && arg.isMultiValue() ? arg.auxiliaryTypes()[0] : arg.type();
        if (t == int.class || t == Integer.class || t == long.class || t == Long.class) return "an integer";
        if (t == float.class || t == Float.class || t == double.class || t == Double.class) return "a number";
        if (t == boolean.class || t == Boolean.class) return "true or false";
        if (t.isEnum()) {
            java.util.List<String> names = new java.util.ArrayList<>();
            for (Object c : t.getEnumConstants()) names.add(c.toString());
            return "one of " + String.join(", ", names);
        }
        if (arg.completionCandidates() != null) {
            java.util.List<String> names = new java.util.ArrayList<>();
            arg.completionCandidates().forEach(names::add);
            if (!names.isEmpty()) return "one of " + String.join(", ", names);
        }
        return "a value of type " + t.getSimpleName();
    }

    private static String quote(String v) {
        return "'" + (v.length() > 60 ? v.substring(0, 57) + "..." : v) + "'";
    }

    private static String firstLine(String msg) {
        if (msg == null || msg.isEmpty()) return "bad command line";
        int nl = msg.indexOf('\n');
        String s = (nl < 0 ? msg : msg.substring(0, nl)).strip();
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        System.exit(code);
    }
}
