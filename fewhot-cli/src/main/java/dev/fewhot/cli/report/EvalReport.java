package dev.fewhot.cli.report;

import dev.fewhot.data.Dataset;
import dev.fewhot.data.LabelSets;
import dev.fewhot.decide.DecisionRule;
import dev.fewhot.metrics.FrequencyBands;
import dev.fewhot.metrics.Predictions;
import dev.fewhot.metrics.RankingMetrics;
import dev.fewhot.metrics.Report;
import dev.fewhot.metrics.SetMetrics;
import dev.fewhot.metrics.ThresholdCurve;
import dev.fewhot.metrics.TopKCurve;
import dev.fewhot.model.Model;
import dev.fewhot.model.ModelConfig;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the report shows, computed once and rendered by {@link ReportHtml} and
 * {@link ReportJson}: the {@link Report} of the decision rule, one {@link LabelRow} per label, the
 * global-threshold sweep, P@k / R@k for k = 1..10, the score histogram and the collapse
 * {@link Verdict}.
 *
 * @param modelFile       the model file as given
 * @param dataFile        the data file as given
 * @param created         when the report was made (ISO-8601, seconds)
 * @param rule            the decision rule of the set-based measures
 * @param ruleFromModel   whether the rule is the model's own (else --threshold / --top-k)
 * @param countsFromModel whether training counts come from the model (else from the data itself)
 * @param trainRows       training rows behind the counts
 * @param model           model facts for the header (architecture, loss, ...), in display order
 * @param provenance      everything the model file records about its training, by key
 * @param report          every measure
 * @param labels          one row per label, by label id
 * @param curve           micro / macro F1 of a global threshold from 0.01 to 0.99
 * @param topK            P@k and R@k for k = 1..10
 * @param histogram       scores of positive and negative cells in 50 bins
 * @param verdict         the collapse verdict
 */
public record EvalReport(String modelFile, String dataFile, String created, DecisionRule rule, boolean ruleFromModel,
                         boolean countsFromModel, int trainRows, Map<String, String> model, Map<String, String> provenance,
                         Report report, List<LabelRow> labels, ThresholdCurve.Curve curve, TopKCurve.Curve topK,
                         ScoreHistogram histogram, Verdict verdict) {
    /** The largest k of the P@k / R@k curve. */
    public static final int MAX_K = 10;
    /** Bins of the score histogram. */
    public static final int BINS = 50;

    /**
     * One label's numbers; a ratio that is undefined is null: precision when the label is never
     * predicted, recall and AP when it has no positive in the data, F1 when both.
     *
     * @param id             label id
     * @param name           label name (from the model or the data; the id when neither has one)
     * @param band           head / torso / tail by training count
     * @param trainPositives training positives (or the data's own, see {@link #countsFromModel})
     * @param testPositives  positives in the data
     * @param predicted      rows the rule predicts the label for
     * @param truePositives  rows where it is predicted and true
     * @param precision      precision under the rule
     * @param recall         recall under the rule
     * @param f1             F1 under the rule
     * @param ap             average precision of the label's scores
     */
    public record LabelRow(int id, String name, FrequencyBands.Band band, int trainPositives, int testPositives,
                           long predicted, long truePositives, Double precision, Double recall, Double f1, Double ap) { }

    /**
     * Computes the report of a model's scores on a labelled data set.
     *
     * @param scores  the model's scores of the data (rows x labels, row-major)
     * @param rule    the decision rule to judge
     * @param ruleFromModel whether {@code rule} is the model's own
     * @param now     the report's date
     */
    public static EvalReport compute(String modelFile, String dataFile, Model m, Dataset d, float[] scores, DecisionRule rule,
                                     boolean ruleFromModel, ZonedDateTime now) {
        LabelSets truth = d.labels();
        int L = truth.numLabels();
        boolean known = m.prior().known();
        int[] trainCounts = known ? m.prior().labelCounts() : truth.labelCounts();
        int trainN = known ? m.prior().rows() : d.rows();
        Report rep = Report.compute(scores, truth, rule, trainCounts, trainN);
        Predictions pred = Predictions.of(scores, truth.rows(), L, rule);
        SetMetrics.LabelCounts c = SetMetrics.perLabel(truth, pred);
        double[] ap = RankingMetrics.averagePrecisionPerLabel(scores, truth);
        FrequencyBands bands = FrequencyBands.of(trainCounts);
        int[] testCounts = truth.labelCounts();
        List<String> names = !m.labelNames().isEmpty() ? m.labelNames() : d.labelNames();
        List<LabelRow> rows = new ArrayList<>(L);
        for (int j = 0; j < L; j++) {
            boolean pos = c.hasPositives(j), predicted = c.hasPredictions(j);
            rows.add(new LabelRow(j, names != null && j < names.size() ? names.get(j) : String.valueOf(j), bands.band(j),
                    trainCounts[j], testCounts[j], c.predicted()[j], c.tp()[j], predicted ? c.precision(j) : null,
                    pos ? c.recall(j) : null, pos || predicted ? c.f1(j) : null, pos ? ap[j] : null));
        }
        ThresholdCurve.Curve curve = ThresholdCurve.of(scores, truth, ThresholdCurve.grid(0.01, 0.99, 99));
        TopKCurve.Curve topK = TopKCurve.of(scores, truth, MAX_K);
        ScoreHistogram hist = ScoreHistogram.of(scores, truth, BINS);
        String created = now.truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        return new EvalReport(modelFile, dataFile, created, rule, ruleFromModel, known, trainN, modelFacts(m),
                new TreeMap<>(m.provenance()), rep, List.copyOf(rows), curve, topK, hist, Verdict.of(rep));
    }

    /** The facts of a model for the header, in display order. */
    static Map<String, String> modelFacts(Model m) {
        ModelConfig cfg = m.config();
        Map<String, String> p = m.provenance();
        Map<String, String> f = new LinkedHashMap<>();
        StringBuilder arch = new StringBuilder().append(cfg.inputDim());
        for (int h : cfg.hidden()) arch.append(" \u2192 ").append(h);
        arch.append(" \u2192 ").append(cfg.outputDim());
        f.put("network", arch + (cfg.hidden().isEmpty() ? " (linear)" : " (" + cfg.activation().name().toLowerCase(Locale.ROOT)
                + ", dropout " + cfg.dropout() + ")"));
        f.put("parameters", String.format(Locale.ROOT, "%,d", (long) m.members() * cfg.parameterCount()));
        if (m.members() > 1) f.put("ensemble", m.members() + " networks");
        f.put("input", m.transform() == null ? "raw" : m.transform().type());
        for (String k : List.of("loss", "epochs", "optimizer", "lr", "batch", "early_stopping", "sampler", "train_file")) {
            if (p.containsKey(k)) f.put(k.replace('_', ' '), k.equals("epochs") ? epochs(p) : p.get(k));
        }
        f.put("seed", String.valueOf(m.seed()));
        f.put("file format", String.valueOf(m.formatVersion()));
        return f;
    }

    /** The epochs of every network: at most N; the epochs each ran and kept (and refit), when the model records them. */
    static String epochs(Map<String, String> p) {
        String max = p.get("epochs");
        if (!p.containsKey("epochs_kept")) return max;
        return "at most " + max + "; ran " + p.get("epochs_run") + ", kept " + p.get("epochs_kept")
                + (p.containsKey("refit_epochs") ? ", refit " + p.get("refit_epochs") : "");
    }

    /** A global threshold the rule applies (Threshold, or Threshold with at least one label), else null. */
    public Double globalThreshold() {
        DecisionRule r = rule instanceof DecisionRule.AtLeastOne a ? a.inner() : rule;
        return r instanceof DecisionRule.Threshold t ? t.threshold() : null;
    }

    /** The decision rule in words. */
    public String ruleText() {
        return describe(rule) + (ruleFromModel ? " (the model's own)" : " (from the command line)");
    }

    static String describe(DecisionRule r) {
        if (r instanceof DecisionRule.AtLeastOne a) return describe(a.inner()) + ", at least one label per row";
        if (r instanceof DecisionRule.Threshold t) return "threshold " + t.threshold();
        if (r instanceof DecisionRule.TopK k) return "top " + k.k();
        if (r instanceof DecisionRule.PerLabel p) {
            float[] t = p.thresholds();
            float[] s = t.clone();
            java.util.Arrays.sort(s);
            return s.length == 0 ? "per-label thresholds" : String.format(Locale.ROOT,
                    "per-label thresholds (%d; min %.3f, median %.3f, max %.3f)", s.length, s[0], s[s.length / 2], s[s.length - 1]);
        }
        return r.toString();
    }
}
