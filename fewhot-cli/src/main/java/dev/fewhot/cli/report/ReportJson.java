package dev.fewhot.cli.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fewhot.metrics.ThresholdCurve;
import dev.fewhot.metrics.TopKCurve;
import java.util.Locale;

/**
 * The report as one JSON object: {@code model data created rows labels decision_rule
 * decision_rule_source train_counts train_rows model_facts provenance metrics verdict threshold_curve
 * top_k score_histogram per_label html}. {@code metrics} holds {@code Report.toJson()} (the keys of
 * {@code fewhot eval --json}); undefined per-label values are null.
 */
public final class ReportJson {
    private ReportJson() { }

    /**
     * The JSON object.
     *
     * @param html the HTML file written, or null
     */
    public static ObjectNode of(EvalReport r, String html) {
        ObjectMapper om = new ObjectMapper();
        ObjectNode o = om.createObjectNode();
        o.put("model", r.modelFile());
        o.put("data", r.dataFile());
        o.put("created", r.created());
        o.put("rows", r.report().rows());
        o.put("labels", r.report().labels());
        o.put("decision_rule", r.rule().toString());
        o.put("decision_rule_source", r.ruleFromModel() ? "model" : "command line");
        o.put("train_counts", r.countsFromModel() ? "model" : "data");
        o.put("train_rows", r.trainRows());
        ObjectNode model = o.putObject("model_facts");
        r.model().forEach(model::put);
        ObjectNode prov = o.putObject("provenance");
        r.provenance().forEach(prov::put);
        ObjectNode metrics = o.putObject("metrics");
        r.report().toJson().forEach(metrics::putPOJO);
        ObjectNode v = o.putObject("verdict");
        v.put("level", r.verdict().level().id());
        v.put("text", r.verdict().text());
        ThresholdCurve.Curve c = r.curve();
        ObjectNode tc = o.putObject("threshold_curve");
        array(tc, "thresholds", c.thresholds());
        array(tc, "micro_f1", c.microF1());
        array(tc, "macro_f1", c.macroF1());
        array(tc, "micro_precision", c.microPrecision());
        array(tc, "micro_recall", c.microRecall());
        array(tc, "mean_predicted", c.meanPredicted());
        array(tc, "empty_rows", c.emptyRows());
        if (c.size() > 0) {
            tc.put("best_micro_f1_threshold", c.thresholds()[c.bestMicroF1()]);
            tc.put("best_macro_f1_threshold", c.thresholds()[c.bestMacroF1()]);
        }
        TopKCurve.Curve k = r.topK();
        ObjectNode tk = o.putObject("top_k");
        ArrayNode ks = tk.putArray("k");
        for (int i = 1; i <= k.maxK(); i++) ks.add(i);
        array(tk, "precision", k.precision());
        array(tk, "recall", k.recall());
        tk.put("recall_rows", k.rowsWithPositives());
        ScoreHistogram h = r.histogram();
        ObjectNode sh = o.putObject("score_histogram");
        ArrayNode edges = sh.putArray("edges");
        for (int i = 0; i <= h.bins(); i++) edges.add((double) i / h.bins());
        ArrayNode pos = sh.putArray("positive"), neg = sh.putArray("negative");
        for (int i = 0; i < h.bins(); i++) {
            pos.add(h.positive()[i]);
            neg.add(h.negative()[i]);
        }
        ArrayNode rows = o.putArray("per_label");
        for (EvalReport.LabelRow l : r.labels()) {
            ObjectNode x = rows.addObject();
            x.put("id", l.id());
            x.put("name", l.name());
            x.put("band", l.band().name().toLowerCase(Locale.ROOT));
            x.put("train_positives", l.trainPositives());
            x.put("test_positives", l.testPositives());
            x.put("predicted", l.predicted());
            x.put("true_positives", l.truePositives());
            x.put("precision", l.precision());
            x.put("recall", l.recall());
            x.put("f1", l.f1());
            x.put("ap", l.ap());
        }
        if (html != null) o.put("html", html); else o.putNull("html");
        return o;
    }

    private static void array(ObjectNode o, String key, double[] v) {
        ArrayNode a = o.putArray(key);
        for (double x : v) a.add(x);
    }
}
