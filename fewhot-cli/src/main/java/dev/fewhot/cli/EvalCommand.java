package dev.fewhot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fewhot.data.Dataset;
import dev.fewhot.decide.DecisionRule;
import dev.fewhot.metrics.Report;
import dev.fewhot.model.Model;
import dev.fewhot.model.Quantization;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fewhot eval}: every measure of a model on a labelled data file, with the model's own
 * decision rule unless {@code --threshold} or {@code --top-k} is given.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a model on labelled data: F1 / precision / recall (micro, macro, samples, weighted), "
                + "Hamming loss, subset accuracy, mAP, ROC-AUC, LRAP, coverage, ranking loss, P@k, nDCG@k, PSP@k and "
                + "the collapse indicators (rows without a label, labels never predicted, head/torso/tail recall).")
public final class EvalCommand implements Callable<Integer> {
    @Mixin
    ModelData io = new ModelData();

    @ArgGroup(exclusive = true)
    RuleOptions rule;

    @Option(names = "--threads", paramLabel = "N", description = "Threads (default: the number of cores).")
    Integer threads;
    @Mixin
    QuantizeOption quantize = new QuantizeOption();
    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Quantization q = quantize.value();
        Model m = io.model();
        Dataset d = io.dataFor(m, true);
        DecisionRule r = RuleOptions.resolve(rule, m.rule());
        int t = ModelData.threads(threads);
        float[] scores = m.predictor(t, q).scores(d.features());
        int[] trainCounts = m.prior().known() ? m.prior().labelCounts() : d.labels().labelCounts();
        int trainN = m.prior().known() ? m.prior().rows() : d.rows();
        Report rep = Report.compute(scores, d.labels(), r, trainCounts, trainN);
        Map<String, Object> values = rep.toJson();
        PrintStream out = System.out;
        if (json) {
            var o = new ObjectMapper().createObjectNode();
            values.forEach((k, v) -> o.putPOJO(k, v));
            o.put("decision_rule", r.toString());
            o.put("quantize", q.id());
            out.println(new ObjectMapper().writeValueAsString(o));
            return 0;
        }
        out.printf(Locale.ROOT, "%s on %s (%d rows, %d labels), decision rule %s%s%s%n", io.modelFile, io.dataFile, d.rows(),
                d.numLabels(), r, q == Quantization.NONE ? "" : ", " + q.id() + " weights",
                m.prior().known() ? "" : " (model has no training counts: PSP and bands use the data's own)");
        String[][] groups = {
            {"micro_f1", "macro_f1", "samples_f1", "weighted_f1"},
            {"micro_precision", "micro_recall", "macro_precision", "macro_recall"},
            {"hamming_loss", "subset_accuracy", "lrap", "coverage", "ranking_loss"},
            {"map_macro", "map_micro", "auc_macro", "auc_micro"},
            {"p@1", "p@3", "p@5", "ndcg@1", "ndcg@3", "ndcg@5"},
            {"psp@1", "psp@3", "psp@5"},
            {"empty_rows", "labels_never_predicted", "mean_predicted", "true_cardinality"},
            {"head_recall", "torso_recall", "tail_recall"}};
        for (String[] g : groups) {
            StringBuilder sb = new StringBuilder(" ");
            for (String k : g) {
                Object v = values.get(k);
                sb.append(String.format(Locale.ROOT, " %s %s ", k, v instanceof Double dv ? String.format(Locale.ROOT, "%.4f", dv) : v));
            }
            out.println(sb);
        }
        return 0;
    }
}
