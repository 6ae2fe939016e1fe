package dev.fewhot.cli.report;

import dev.fewhot.metrics.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A plain-language judgement of the collapse indicators of a {@link Report}.
 *
 * <ul>
 *   <li>{@link Level#COLLAPSED}: more than half of the rows get no label, or more than half of
 *       the labels are never predicted.</li>
 *   <li>{@link Level#WARNING}: the model predicts more than 3 times as many labels per row as
 *       the data has; or more than 10% of the rows get no label; or more than a quarter of the
 *       labels are never predicted; or tail recall is below a tenth of head recall; or there are
 *       no rows.</li>
 *   <li>{@link Level#OK}: none of these.</li>
 * </ul>
 *
 * @param level the judgement
 * @param text  one or two sentences saying why, with the numbers
 */
public record Verdict(Level level, String text) {
    /** How bad it looks. */
    public enum Level {
        /** No sign of collapse. */
        OK,
        /** Something to look at. */
        WARNING,
        /** The model predicts (almost) nothing, or the same few labels. */
        COLLAPSED;

        /** Lower-case name for JSON and CSS. */
        public String id() { return name().toLowerCase(Locale.ROOT); }
    }

    /** The verdict on a report. */
    public static Verdict of(Report r) {
        if (r.rows() == 0) return new Verdict(Level.WARNING, "The data has no rows: there is nothing to judge.");
        int L = r.labels();
        String empty = Html.percent(r.emptyRows()) + " of the rows get no label";
        String never = r.labelsNeverPredicted() + " of " + L + " labels are never predicted";
        String card = String.format(Locale.ROOT, "%.2f labels per row are predicted where the data has %.2f",
                r.meanPredicted(), r.trueCardinality());
        List<String> why = new ArrayList<>();
        if (r.emptyRows() > 0.5) why.add(empty);
        if (r.labelsNeverPredicted() > L / 2.0) why.add(never);
        if (!why.isEmpty()) {
            return new Verdict(Level.COLLAPSED, "The model looks collapsed: " + String.join(" and ", why) + "; " + card
                    + ". See the threshold plot: a lower threshold, tuned thresholds (train --tune-thresholds per-label "
                    + "--at-least-one) or a top-k rule (--top-k) may help; if no threshold does, train with a loss made for "
                    + "few-hot labels (--loss asl).");
        }
        if (r.trueCardinality() > 0 && r.meanPredicted() > 3 * r.trueCardinality()) {
            why.add(card + ": most predictions are false positives");
        }
        if (r.emptyRows() > 0.1) why.add(empty);
        if (r.labelsNeverPredicted() > L / 4.0) why.add(never);
        var b = r.bandRecall();
        if (b.head() > 0 && b.tail() < b.head() / 10 && b.positives()[2] > 0) {
            why.add(String.format(Locale.ROOT, "tail labels are rarely recovered (recall %.3f against %.3f on head labels)",
                    b.tail(), b.head()));
        }
        if (!why.isEmpty()) return new Verdict(Level.WARNING, "Not collapsed, but " + String.join("; ", why) + ".");
        return new Verdict(Level.OK, "No sign of collapse: " + empty + ", " + never + ", " + card + ".");
    }
}
