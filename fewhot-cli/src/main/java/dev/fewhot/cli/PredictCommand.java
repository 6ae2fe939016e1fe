package dev.fewhot.cli;

import dev.fewhot.data.Dataset;
import dev.fewhot.decide.DecisionRule;
import dev.fewhot.io.AtomicFiles;
import dev.fewhot.model.Model;
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
 * {@code fewhot predict}: one line per row, {@code label:score} pairs sorted by decreasing score
 * (an empty line for a row with no label).
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict label sets: one line per row, label:score pairs sorted by score (empty line = no label).")
public final class PredictCommand implements Callable<Integer> {
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

    @Override
    public Integer call() throws IOException {
        Model m = io.model();
        Dataset d = io.dataFor(m, false);
        DecisionRule r = RuleOptions.resolve(rule, m.rule());
        int t = ModelData.threads(threads);
        float[] scores = m.predictor(t).scores(d.features());
        List<String> labelNames = names ? m.labelNames() : List.of();
        DecisionRule fr = r;
        if (out != null) {
            AtomicFiles.write(out, os -> write(os, scores, d.rows(), m.config().outputDim(), fr, labelNames));
        } else {
            write(System.out, scores, d.rows(), m.config().outputDim(), fr, labelNames);
            System.out.flush();
        }
        return 0;
    }

    static void write(OutputStream os, float[] scores, int rows, int labels, DecisionRule rule, List<String> names)
            throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
        int[] ids = new int[labels];
        for (int r = 0; r < rows; r++) {
            int n = rule.decide(scores, r * labels, labels, ids);
            for (int i = 0; i < n; i++) {
                if (i > 0) w.write(' ');
                w.write(names.isEmpty() ? Integer.toString(ids[i]) : names.get(ids[i]));
                w.write(':');
                w.write(formatScore(scores[r * labels + ids[i]]));
            }
            w.write('\n');
        }
        w.flush();
    }

    static String formatScore(float s) {
        return String.format(java.util.Locale.ROOT, "%.6f", s);
    }

}
