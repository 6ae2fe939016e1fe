/**
 * {@code fewhot report}: a self-contained HTML page (inline CSS and SVG, no script) and a JSON
 * object describing a model on labelled data. {@link dev.fewhot.cli.report.EvalReport} computes
 * the numbers once; {@link dev.fewhot.cli.report.ReportHtml} with
 * {@link dev.fewhot.cli.report.Chart} / {@link dev.fewhot.cli.report.Axis} draws them and
 * {@link dev.fewhot.cli.report.ReportJson} prints them; {@link dev.fewhot.cli.report.Verdict}
 * judges the collapse indicators in words.
 */
package dev.fewhot.cli.report;
