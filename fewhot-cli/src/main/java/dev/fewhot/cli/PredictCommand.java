package dev.fewhot.cli;

import dev.fewhot.data.Dataset;
import dev.fewhot.decide.DecisionRule;
import dev.fewhot.data.io.AtomicFiles;
import dev.fewhot.model.Model;
import dev.fewhot.model.Quantization;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fewhot predict}: one line per input row, {@code label:score} pairs sorted by decreasing
 * score (an empty line for a row with no label, {@value #SKIPPED} and the line number for a row
 * skipped by {@code --skip-bad-lines}).
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Predict label sets: one line per input row, label:score pairs sorted by score (empty line = no label).",
                "With --skip-bad-lines a skipped row gets the line '" + PredictCommand.SKIPPED + " N' (N: its line in the "
                        + "data file), so that output line i still belongs to input row i."})
public final class PredictCommand implements Callable<Integer> {
    /** The output line of a row skipped as malformed, followed by a space and its line number. */
    static final String SKIPPED = "#skipped line";

    @Mixin
    ModelData io = new ModelData();

    @ArgGroup(exclusive = true)
    RuleOptions rule;

    @Option(names = "--names", description = "Print label names instead of ids (when the model has names).")
    boolean names;
    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE (atomically) instead of standard output.")
    Path out;
    @Option(names = "--threads", paramLabel = "N", description = "Kernel threads (default: the number of cores).")
    Integer threads;
    @Mixin
    QuantizeOption quantize = new QuantizeOption();

    @Override
    public Integer call() throws IOException {
        Quantization q = quantize.value();
        Model m = io.model();
        Dataset d = io.dataFor(m, false);
        DecisionRule r = RuleOptions.resolve(rule, m.rule());
        int t = ModelData.threads(threads);
        float[] scores = m.predictor(t, q).scores(d.features());
        List<String> labelNames = names ? m.labelNames() : List.of();
        DecisionRule fr = r;
        int[] skipped = io.data.skippedRows();
        long[] skippedLines = io.data.skippedLines();
        if (out != null) {
            AtomicFiles.write(out, os -> write(os, scores, d.rows(), m.config().outputDim(), fr, labelNames, skipped, skippedLines));
        } else {
            write(System.out, scores, d.rows(), m.config().outputDim(), fr, labelNames, skipped, skippedLines);
            System.out.flush();
        }
        return 0;
    }

    static void write(OutputStream os, float[] scores, int rows, int labels, DecisionRule rule, List<String> names)
            throws IOException {
        write(os, scores, rows, labels, rule, names, new int[0], new long[0]);
    }

    /**
     * Writes one line per input row: the {@code rows} rows read, with a {@link #SKIPPED} line at
     * each place in {@code skipped} (positions among all input rows, increasing).
     */
    static void write(OutputStream os, float[] scores, int rows, int labels, DecisionRule rule, List<String> names,
                      int[] skipped, long[] skippedLines) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
        int[] ids = new int[labels];
        int k = 0;
        for (int r = 0; r < rows; r++) {
            while (k < skipped.length && skipped[k] == r + k) {
                w.write(SKIPPED + " " + skippedLines[k] + "\n");
                k++;
            }
            int n = rule.decide(scores, r * labels, labels, ids);
            for (int i = 0; i < n; i++) {
                if (i > 0) w.write(' ');
                w.write(names.isEmpty() ? Integer.toString(ids[i]) : names.get(ids[i]));
                w.write(':');
                w.write(formatScore(scores[r * labels + ids[i]]));
            }
            w.write('\n');
        }
        for (; k < skipped.length; k++) w.write(SKIPPED + " " + skippedLines[k] + "\n");
        w.flush();
    }

    static String formatScore(float s) {
        return String.format(java.util.Locale.ROOT, "%.6f", s);
    }

}
