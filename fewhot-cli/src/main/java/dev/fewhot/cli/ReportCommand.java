package dev.fewhot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fewhot.cli.report.EvalReport;
import dev.fewhot.cli.report.ReportHtml;
import dev.fewhot.cli.report.ReportJson;
import dev.fewhot.data.Dataset;
import dev.fewhot.decide.DecisionRule;
import dev.fewhot.data.io.AtomicFiles;
import dev.fewhot.model.Model;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fewhot report}: what {@code eval} measures, as a self-contained HTML page with plots for
 * people, and as one JSON object for machines.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Evaluate a model on labelled data and write a self-contained HTML report (inline CSS and SVG, "
                + "no script, nothing fetched): the files, the decision rule and the model's settings; every measure of "
                + "eval; the collapse indicators (rows without a label, labels never predicted, predicted vs true labels "
                + "per row, head/torso/tail recall) with a verdict in words; plots of per-label F1 against training "
                + "frequency, the scores of positive and negative pairs, micro/macro-F1 of a global threshold from 0.01 "
                + "to 0.99, P@k and R@k for k = 1..10, recall and precision by frequency band; and a table of the labels "
                + "(at most 1000 rows).",
            "Without --json the page goes to --out (default report.html) and one summary line to standard output. "
                + "With --json one JSON object (the eval measures under \"metrics\", the verdict, the threshold curve, "
                + "P@k / R@k, the score histogram and every label under \"per_label\") goes to standard output, and the "
                + "page is written only when --out is given. Files are written atomically."})
public final class ReportCommand implements Callable<Integer> {
    @Mixin
    ModelData io = new ModelData();

    @ArgGroup(exclusive = true)
    RuleOptions rule;

    @Option(names = "--out", paramLabel = "FILE",
            description = "HTML file to write (default report.html; with --json, written only when given).")
    Path out;
    @Option(names = "--json", description = "Print the report as one JSON object on standard output.")
    boolean json;
    @Option(names = "--threads", paramLabel = "N", description = "Threads (default: the number of cores).")
    Integer threads;

    @Override
    public Integer call() throws IOException {
        long start = System.nanoTime();
        Model m = io.model();
        Dataset d = io.dataFor(m, true);
        DecisionRule r = RuleOptions.resolve(rule, m.rule());
        int t = ModelData.threads(threads);
        float[] scores = m.predictor(t).scores(d.features());
        EvalReport rep = EvalReport.compute(io.modelFile.toString(), io.dataFile.toString(), m, d, scores, r,
                rule == null, ZonedDateTime.now());
        Path html = out != null ? out : json ? null : Path.of("report.html");
        if (html != null) AtomicFiles.write(html, os -> ReportHtml.write(rep, os));
        if (json) {
            System.out.println(new ObjectMapper().writeValueAsString(ReportJson.of(rep, html == null ? null : html.toString())));
        } else {
            System.out.printf(Locale.ROOT, "wrote %s: micro-F1 %.4f, macro-F1 %.4f, P@1 %.4f; %s (%.1f s)%n", html,
                    rep.report().sets().microF1(), rep.report().sets().macroF1(), rep.report().at(1).p(),
                    rep.verdict().text(), (System.nanoTime() - start) / 1e9);
        }
        System.out.flush();
        return 0;
    }
}
