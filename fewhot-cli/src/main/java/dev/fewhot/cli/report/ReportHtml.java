package dev.fewhot.cli.report;

import static dev.fewhot.cli.report.Html.escape;
import static dev.fewhot.cli.report.Html.num;

import dev.fewhot.metrics.Report;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The report as one self-contained HTML page: inline CSS and inline SVG, no script, nothing
 * fetched. Sections: header (files, sizes, rule, model facts), the collapse box with its verdict,
 * the measures, five plots ({@link ReportPlots}) and the per-label table (at most
 * {@value #MAX_LABEL_ROWS} rows, by decreasing training positives). Every text that comes from a
 * file (label names, paths, provenance) is escaped.
 */
public final class ReportHtml {
    /** Most label rows in the table; the JSON output has all. */
    public static final int MAX_LABEL_ROWS = 1000;

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",Arial,sans-serif;font-size:14px;color:#222;
            margin:24px auto;max-width:1140px;padding:0 16px;line-height:1.4}
            h1{font-size:24px;margin:0 0 8px}h2{font-size:18px;margin:28px 0 10px;border-bottom:1px solid #ddd;padding-bottom:4px}
            h3{font-size:14px;margin:0 0 6px}
            table{border-collapse:collapse}td,th{padding:3px 10px;text-align:left;vertical-align:top}
            table.meta th{color:#555;font-weight:normal;white-space:nowrap}
            table.m{margin:0 16px 12px 0}table.m td.v,td.n{text-align:right;font-variant-numeric:tabular-nums}
            table.m tr:nth-child(even),table.labels tr:nth-child(even){background:#f5f6f8}
            table.labels th{border-bottom:2px solid #ccc;text-align:right;position:sticky;top:0;background:#fff}
            table.labels th.l,table.labels td.l{text-align:left}
            table.labels td{border-bottom:1px solid #eee}
            .tables{display:flex;flex-wrap:wrap;align-items:flex-start}
            .box{border:2px solid;border-radius:6px;padding:12px 16px;margin:16px 0}
            .box.ok{border-color:#2a9d3c;background:#f1faf2}.box.warning{border-color:#e8a11a;background:#fdf7ec}
            .box.collapsed{border-color:#c62828;background:#fdeeee}
            .verdict{font-size:16px;font-weight:600;margin-bottom:10px}
            .kpis{display:flex;flex-wrap:wrap;gap:10px 34px}.kpi .big{font-size:24px;font-weight:600;font-variant-numeric:tabular-nums}
            .kpi .small{color:#555;font-size:12px}
            .plots{display:flex;flex-wrap:wrap;gap:18px}
            figure{margin:0;border:1px solid #e2e2e2;border-radius:6px;padding:6px;background:#fff}
            figcaption{font-size:12px;color:#555;max-width:530px;padding:2px 6px 4px}
            svg.chart{font-size:12px;fill:#333}svg.chart .title{font-size:14px;font-weight:600}
            svg.chart .atitle{font-size:12px;fill:#444}svg.chart .val{font-size:11px}
            svg.chart .grid{stroke:#e6e6e6}svg.chart .axis{stroke:#888}svg.chart .frame{fill:none;stroke:#999}
            .note{color:#555;font-size:12px}details{margin:6px 0}summary{cursor:pointer;color:#1f6fb4}
            """;

    private ReportHtml() { }

    /** Writes the page (UTF-8) to {@code out}; does not close it. */
    public static void write(EvalReport r, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write(page(r));
        w.flush();
    }

    /** The page as a string. */
    public static String page(EvalReport r) {
        StringBuilder h = new StringBuilder(64 * 1024);
        Report rep = r.report();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>fewhot report: ")
                .append(escape(r.modelFile())).append(" on ").append(escape(r.dataFile())).append("</title>\n<style>\n")
                .append(CSS).append("</style>\n</head>\n<body>\n<h1>fewhot report</h1>\n");
        header(h, r);
        collapseBox(h, r);
        measures(h, rep);
        plots(h, r);
        labelTable(h, r);
        h.append("<p class=\"note\">Made by <code>fewhot report</code> on ").append(escape(r.created()))
                .append(". The same numbers: <code>fewhot report ... --json</code>.</p>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void row(StringBuilder h, String k, String escapedValue) {
        h.append("<tr><th>").append(escape(k)).append("</th><td>").append(escapedValue).append("</td></tr>\n");
    }

    private static void header(StringBuilder h, EvalReport r) {
        Report rep = r.report();
        h.append("<table class=\"meta\">\n");
        row(h, "model", "<code>" + escape(r.modelFile()) + "</code>");
        row(h, "data", "<code>" + escape(r.dataFile()) + "</code>");
        row(h, "rows \u00d7 labels", String.format(Locale.ROOT, "%,d \u00d7 %,d (%.2f true labels per row)", rep.rows(),
                rep.labels(), rep.trueCardinality()));
        row(h, "decision rule", escape(r.ruleText()));
        row(h, "training counts", r.countsFromModel()
                ? escape(String.format(Locale.ROOT, "from the model (%,d training rows): frequency bands and PSP", r.trainRows()))
                : "<strong>the model records no training counts: frequency bands, PSP and the per-label frequency are the "
                        + "data's own counts</strong>");
        StringBuilder facts = new StringBuilder();
        for (Map.Entry<String, String> e : r.model().entrySet()) {
            if (facts.length() > 0) facts.append(" &middot; ");
            facts.append(escape(e.getKey())).append(": ").append(escape(e.getValue()));
        }
        row(h, "model settings", facts.toString());
        row(h, "date", escape(r.created()));
        h.append("</table>\n");
        if (!r.provenance().isEmpty()) {
            h.append("<details><summary>everything the model file records about its training (")
                    .append(r.provenance().size()).append(" entries)</summary>\n<table class=\"meta\">\n");
            r.provenance().forEach((k, v) -> row(h, k, escape(v)));
            h.append("</table></details>\n");
        }
    }

    private static void kpi(StringBuilder h, String big, String small) {
        h.append("<div class=\"kpi\"><div class=\"big\">").append(escape(big)).append("</div><div class=\"small\">")
                .append(escape(small)).append("</div></div>\n");
    }

    private static void collapseBox(StringBuilder h, EvalReport r) {
        Report rep = r.report();
        var b = rep.bandRecall();
        h.append("<div class=\"box ").append(r.verdict().level().id()).append("\" id=\"collapse\">\n<div class=\"verdict\">")
                .append(escape(r.verdict().text())).append("</div>\n<div class=\"kpis\">\n");
        kpi(h, Html.percent(rep.emptyRows()), "rows with no predicted label");
        kpi(h, rep.labelsNeverPredicted() + " / " + rep.labels(), "labels never predicted");
        kpi(h, String.format(Locale.ROOT, "%.2f vs %.2f", rep.meanPredicted(), rep.trueCardinality()),
                "predicted vs true labels per row");
        kpi(h, bandValue(b.head(), b.positives()[0]), "head recall");
        kpi(h, bandValue(b.torso(), b.positives()[1]), "torso recall");
        kpi(h, bandValue(b.tail(), b.positives()[2]), "tail recall");
        h.append("</div>\n</div>\n");
    }

    private static String bandValue(double v, long positives) {
        return positives == 0 ? Html.UNDEFINED : num(v);
    }

    private static void table(StringBuilder h, String title, Map<String, Object> v, Set<String> undefined, String[][] rows) {
        h.append("<table class=\"m\"><tr><th colspan=\"2\"><h3>").append(escape(title)).append("</h3></th></tr>\n");
        for (String[] kv : rows) {
            Object x = v.get(kv[0]);
            String s = undefined.contains(kv[0]) ? Html.UNDEFINED : x instanceof Double d ? num(d) : String.valueOf(x);
            h.append("<tr><td>").append(escape(kv[1])).append("</td><td class=\"v\" id=\"m-").append(escape(kv[0])).append("\">")
                    .append(escape(s)).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void measures(StringBuilder h, Report rep) {
        Map<String, Object> v = rep.toJson();
        Set<String> undefined = new HashSet<>();
        long[] bandPositives = rep.bandRecall().positives();
        String[] bandKeys = {"head_recall", "torso_recall", "tail_recall"};
        for (int i = 0; i < 3; i++) if (bandPositives[i] == 0) undefined.add(bandKeys[i]);
        h.append("<h2>Measures</h2>\n<div class=\"tables\">\n");
        table(h, "Sets (decision rule)", v, undefined, new String[][] {
            {"micro_f1", "micro-F1"}, {"macro_f1", "macro-F1"}, {"samples_f1", "samples-F1"}, {"weighted_f1", "weighted-F1"},
            {"micro_precision", "micro precision"}, {"micro_recall", "micro recall"},
            {"macro_precision", "macro precision"}, {"macro_recall", "macro recall"},
            {"samples_precision", "samples precision"}, {"samples_recall", "samples recall"},
            {"hamming_loss", "Hamming loss \u2193"}, {"subset_accuracy", "subset accuracy"}});
        table(h, "Ranking (scores)", v, undefined, new String[][] {
            {"map_macro", "mAP (macro, labels with positives)"}, {"map_macro_sklearn", "mAP (macro, all labels)"},
            {"map_micro", "mAP (micro)"}, {"auc_macro", "ROC-AUC (macro)"}, {"auc_macro_labels_used", "labels in macro AUC"},
            {"auc_micro", "ROC-AUC (micro)"}, {"lrap", "LRAP"}, {"coverage", "coverage \u2193"},
            {"ranking_loss", "ranking loss \u2193"}});
        table(h, "Top k (scores)", v, undefined, new String[][] {
            {"p@1", "P@1"}, {"p@3", "P@3"}, {"p@5", "P@5"}, {"ndcg@1", "nDCG@1"}, {"ndcg@3", "nDCG@3"}, {"ndcg@5", "nDCG@5"},
            {"psp@1", "PSP@1"}, {"psp@3", "PSP@3"}, {"psp@5", "PSP@5"}, {"psndcg@5", "PSnDCG@5"}});
        table(h, "Collapse", v, undefined, new String[][] {
            {"empty_rows", "rows with no label"}, {"labels_never_predicted", "labels never predicted"},
            {"mean_predicted", "predicted labels per row"}, {"true_cardinality", "true labels per row"},
            {"head_recall", "head recall"}, {"torso_recall", "torso recall"}, {"tail_recall", "tail recall"}});
        h.append("</div>\n<p class=\"note\">\u2193: lower is better. Set measures use the decision rule; ranking and top-k "
                + "measures use the scores only. An undefined ratio counts 0 in the averages (scikit-learn's zero_division=0); "
                + "\u2014: a band without positives in the data (its recall is undefined).</p>\n");
    }

    private static void figure(StringBuilder h, String svg, String caption) {
        h.append("<figure>\n").append(svg).append("<figcaption>").append(caption).append("</figcaption>\n</figure>\n");
    }

    private static void plots(StringBuilder h, EvalReport r) {
        long undefinedF1 = r.labels().stream().filter(l -> l.f1() == null).count();
        h.append("<h2>Plots</h2>\n<div class=\"plots\">\n");
        figure(h, ReportPlots.f1VsFrequency(r), "One dot per label (hover for its name), coloured by frequency band. "
                + (undefinedF1 > 0 ? undefinedF1 + " label(s) with no positive in the data that are never predicted have no F1 "
                        + "and are not drawn. " : "")
                + (r.labels().stream().anyMatch(l -> l.trainPositives() == 0 && l.f1() != null)
                        ? "Labels without training positives sit on the 0 tick." : ""));
        var c = r.curve();
        String best = c.size() == 0 || c.microF1()[c.bestMicroF1()] == 0 ? "" : String.format(Locale.ROOT, " Best micro-F1 %.4f at %.2f; best macro-F1 %.4f at %.2f.",
                c.microF1()[c.bestMicroF1()], c.thresholds()[c.bestMicroF1()], c.macroF1()[c.bestMacroF1()],
                c.thresholds()[c.bestMacroF1()]);
        figure(h, ReportPlots.scoreHistogram(r), "Every (row, label) pair of the data by its score, in " + r.histogram().bins()
                + " bins; left half of each bin: negative pairs, right half: positive pairs."
                + (r.globalThreshold() != null ? " The dashed line is the rule's threshold." : ""));
        figure(h, ReportPlots.thresholdCurve(r), "What one threshold for every label would give, from 0.01 to 0.99 in steps of "
                + "0.01 (the dashed grey line is the share of rows left without a label)." + best);
        figure(h, ReportPlots.topK(r), String.format(Locale.ROOT, "The k best-scored labels of each row. P@k: hits / k over all "
                + "rows; R@k: hits / positives over the %,d rows with at least one positive.", r.topK().rowsWithPositives()));
        figure(h, ReportPlots.bands(r), "Pooled over the labels of each band under the decision rule. Bands by training "
                + "frequency: head the top 10% of labels, torso the next 40%, tail the bottom 50%.");
        h.append("</div>\n");
    }

    private static void labelTable(StringBuilder h, EvalReport r) {
        List<EvalReport.LabelRow> rows = new ArrayList<>(r.labels());
        rows.sort(Comparator.comparingInt(EvalReport.LabelRow::trainPositives).reversed()
                .thenComparingInt(EvalReport.LabelRow::id));
        int shown = Math.min(rows.size(), MAX_LABEL_ROWS);
        h.append("<h2>Labels</h2>\n<p class=\"note\">By decreasing training positives. Precision, recall and F1 under the "
                + "decision rule; AP from the scores. \u2014: undefined (recall and AP without positives in the data, "
                + "precision when never predicted).");
        if (shown < rows.size()) {
            h.append(String.format(Locale.ROOT, " <strong>The first %,d of %,d labels</strong>; <code>--json</code> lists all.",
                    shown, rows.size()));
        }
        h.append("</p>\n<table class=\"labels\">\n<tr><th>id</th><th class=\"l\">label</th><th class=\"l\">band</th>"
                + "<th>train pos.</th><th>test pos.</th><th>predicted</th><th>precision</th><th>recall</th><th>F1</th>"
                + "<th>AP</th></tr>\n");
        for (int i = 0; i < shown; i++) {
            EvalReport.LabelRow l = rows.get(i);
            h.append("<tr><td class=\"n\">").append(l.id()).append("</td><td class=\"l\">").append(escape(l.name()))
                    .append("</td><td class=\"l\">").append(l.band().name().toLowerCase(Locale.ROOT)).append("</td><td class=\"n\">")
                    .append(l.trainPositives()).append("</td><td class=\"n\">").append(l.testPositives())
                    .append("</td><td class=\"n\">").append(l.predicted()).append("</td><td class=\"n\">").append(num(l.precision()))
                    .append("</td><td class=\"n\">").append(num(l.recall())).append("</td><td class=\"n\">").append(num(l.f1()))
                    .append("</td><td class=\"n\">").append(num(l.ap())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }
}
