package dev.fewhot.cli.report;

import dev.fewhot.metrics.FrequencyBands;
import dev.fewhot.metrics.ThresholdCurve;
import dev.fewhot.metrics.TopKCurve;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The report's five charts, each an inline SVG element built with {@link Chart}. */
final class ReportPlots {
    static final int W = 540, H = 340;

    private ReportPlots() { }

    static String bandColour(FrequencyBands.Band b) {
        return switch (b) { case HEAD -> Chart.BLUE; case TORSO -> Chart.GREEN; case TAIL -> Chart.ORANGE; };
    }

    /** (a) Per-label F1 against training positives (log x); labels with an undefined F1 are left out. */
    static String f1VsFrequency(EvalReport r) {
        List<EvalReport.LabelRow> rows = r.labels().stream().filter(l -> l.f1() != null).toList();
        int max = 1, minPositive = Integer.MAX_VALUE;
        boolean zeros = false;
        for (EvalReport.LabelRow l : rows) {
            max = Math.max(max, l.trainPositives());
            if (l.trainPositives() == 0) zeros = true; else minPositive = Math.min(minPositive, l.trainPositives());
        }
        double lo = zeros || minPositive == Integer.MAX_VALUE ? 0.5 : Math.max(0.5, minPositive / 1.6);
        Axis x = rows.isEmpty() ? Axis.log(1, 1000) : Axis.log(lo, max * 1.6);
        if (zeros) {
            // labels without training positives sit at the left edge, on a tick labelled 0
            double[] t = x.ticks();
            double[] v = new double[t.length + 1];
            String[] s = new String[t.length + 1];
            v[0] = lo;
            s[0] = "0";
            for (int i = 0; i < t.length; i++) {
                v[i + 1] = t[i];
                s[i + 1] = x.tickLabel(i);
            }
            x = x.withTicks(v, s);
        }
        Chart c = new Chart(W, H, x, Axis.linear(0, 1)).title("Per-label F1 against training frequency")
                .xTitle(r.countsFromModel() ? "training positives of the label (log scale)" : "positives of the label in the data (log scale)")
                .yTitle("F1 under the decision rule");
        int n = rows.size();
        double[] xs = new double[n], ys = new double[n];
        String[] cols = new String[n], tips = new String[n];
        for (int i = 0; i < n; i++) {
            EvalReport.LabelRow l = rows.get(i);
            xs[i] = l.trainPositives() == 0 ? lo : l.trainPositives();
            ys[i] = l.f1();
            cols[i] = bandColour(l.band());
            tips[i] = String.format(Locale.ROOT, "%s: F1 %.3f, %d training / %d test positives, predicted %d times", l.name(),
                    l.f1(), l.trainPositives(), l.testPositives(), l.predicted());
        }
        c.dots(xs, ys, cols, tips, n > 2000 ? 2.2 : 3.5, Chart.BLUE);
        if (n == 0) c.note("no label with a defined F1");
        return c.legend(Chart.BLUE, "head").legend(Chart.GREEN, "torso").legend(Chart.ORANGE, "tail").svg();
    }

    /** (b) Histogram of the scores of positive and negative cells (log count), the global threshold marked. */
    static String scoreHistogram(EvalReport r) {
        ScoreHistogram h = r.histogram();
        long max = 10;
        for (int i = 0; i < h.bins(); i++) max = Math.max(max, Math.max(h.positive()[i], h.negative()[i]));
        Chart c = new Chart(W, H, Axis.linear(0, 1), Axis.log(0.5, max * 2.5)).title("Scores of positive and negative pairs")
                .xTitle("score").yTitle("(row, label) pairs (log scale)");
        int b = h.bins();
        double[] x0 = new double[b], mid = new double[b], x1 = new double[b], neg = new double[b], pos = new double[b];
        for (int i = 0; i < b; i++) {
            x0[i] = h.lower(i);
            x1[i] = h.upper(i);
            mid[i] = (x0[i] + x1[i]) / 2;
            neg[i] = h.negative()[i];
            pos[i] = h.positive()[i];
        }
        c.bars(x0, mid, neg, Chart.BLUE, 0.75, null).bars(mid, x1, pos, Chart.ORANGE, 0.85, null);
        Double t = r.globalThreshold();
        if (t != null) c.vline(t, Chart.RED, "threshold " + t, 0);
        if (r.report().rows() == 0) c.note("no rows");
        return c.legend(Chart.BLUE, "negative").legend(Chart.ORANGE, "positive").svg();
    }

    /** (c) Micro and macro F1 (and the share of empty rows) of a global threshold. */
    static String thresholdCurve(EvalReport r) {
        ThresholdCurve.Curve cv = r.curve();
        Chart c = new Chart(W, H, Axis.linear(0, 1), Axis.linear(0, 1)).title("F1 of one global threshold")
                .xTitle("threshold").yTitle("value");
        c.line(cv.thresholds(), cv.emptyRows(), Chart.GREY, true, false)
                .line(cv.thresholds(), cv.macroF1(), Chart.ORANGE, false, false)
                .line(cv.thresholds(), cv.microF1(), Chart.BLUE, false, false);
        if (cv.size() > 0 && cv.microF1()[cv.bestMicroF1()] > 0) {
            int b = cv.bestMicroF1();
            c.vline(cv.thresholds()[b], Chart.GREEN, String.format(Locale.ROOT, "best micro-F1 %.3f at %.2f", cv.microF1()[b],
                    cv.thresholds()[b]), 1);
        }
        Double t = r.globalThreshold();
        if (t != null) c.vline(t, Chart.RED, "rule " + t, 0);
        return c.legend(Chart.BLUE, "micro-F1").legend(Chart.ORANGE, "macro-F1").legend(Chart.GREY, "rows with no label")
                .svg();
    }

    /** (d) P@k and R@k for k = 1..10. */
    static String topK(EvalReport r) {
        TopKCurve.Curve k = r.topK();
        int n = k.maxK();
        double[] ks = new double[n], ticks = new double[n];
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            ks[i] = i + 1;
            ticks[i] = i + 1;
            labels[i] = String.valueOf(i + 1);
        }
        Axis x = Axis.linear(0.5, n + 0.5).withTicks(ticks, labels);
        return new Chart(W, H, x, Axis.linear(0, 1)).title("Precision and recall of the top k labels").xTitle("k")
                .yTitle("value").line(ks, k.precision(), Chart.BLUE, false, true).line(ks, k.recall(), Chart.ORANGE, false, true)
                .legend(Chart.BLUE, "P@k").legend(Chart.ORANGE, "R@k").svg();
    }

    /** (e) Recall (and precision) pooled over the head, torso and tail labels. */
    static String bands(EvalReport r) {
        FrequencyBands.Band[] bs = FrequencyBands.Band.values();
        int[] labels = new int[3];
        long[] tp = new long[3], pred = new long[3], pos = new long[3];
        for (EvalReport.LabelRow l : r.labels()) {
            int b = l.band().ordinal();
            labels[b]++;
            tp[b] += l.truePositives();
            pred[b] += l.predicted();
            pos[b] += l.testPositives();
        }
        var br = r.report().bandRecall();
        double[] recall = {br.head(), br.torso(), br.tail()};
        double[] ticks = {0.5, 1.5, 2.5};
        String[] names = new String[3];
        double[] r0 = new double[3], r1 = new double[3], p0 = new double[3], p1 = new double[3], prec = new double[3];
        String[] rl = new String[3], pl = new String[3];
        for (int i = 0; i < 3; i++) {
            names[i] = bs[i].name().toLowerCase(Locale.ROOT) + " (" + labels[i] + " labels)";
            r0[i] = i + 0.14;
            r1[i] = i + 0.5;
            p0[i] = i + 0.5;
            p1[i] = i + 0.86;
            prec[i] = pred[i] == 0 ? 0 : (double) tp[i] / pred[i];
            rl[i] = pos[i] == 0 ? "no positives" : String.format(Locale.ROOT, "%.3f", recall[i]);
            pl[i] = pred[i] == 0 ? "none predicted" : String.format(Locale.ROOT, "%.3f", prec[i]);
        }
        Axis x = Axis.linear(0, 3).withTicks(ticks, names);
        Chart c = new Chart(W, H, x, Axis.linear(0, 1.1).withTicks(new double[] {0, 0.2, 0.4, 0.6, 0.8, 1.0},
                new String[] {"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"}))
                .title("Recall and precision by frequency band").xTitle("labels by training frequency").yTitle("value");
        // bars of height 0 still carry their label
        c.bars(r0, r1, floor(recall), Chart.BLUE, 0.85, rl).bars(p0, p1, floor(prec), Chart.ORANGE, 0.85, pl);
        return c.legend(Chart.BLUE, "recall").legend(Chart.ORANGE, "precision").svg();
    }

    private static double[] floor(double[] v) {
        return Arrays.stream(v).map(x -> Math.max(x, 0)).toArray();
    }
}
