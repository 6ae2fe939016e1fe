/**
 * Evaluation measures of multi-label scores and predictions, as plain static functions, matching
 * scikit-learn 1.2.1 and pyxclib (tested against {@code ../shared/reference/metric_vectors.json}).
 *
 * <ul>
 *   <li>{@link dev.fewhot.metrics.SetMetrics}: precision / recall / F1 with an
 *       {@link dev.fewhot.metrics.Average}, Hamming loss, subset accuracy, of
 *       {@link dev.fewhot.metrics.Predictions} made by a decision rule.</li>
 *   <li>{@link dev.fewhot.metrics.RankingMetrics}: average precision (micro, macro over labels with
 *       positives or over all labels), ROC AUC (macro with the skipped labels, micro), LRAP,
 *       coverage error, label ranking loss.</li>
 *   <li>{@link dev.fewhot.metrics.TopKMetrics}: P@k, nDCG@k, PSP@k, PSnDCG@k, with
 *       {@link dev.fewhot.metrics.Propensity#jain} inverse propensities.</li>
 *   <li>{@link dev.fewhot.metrics.Collapse}: empty predictions, labels never predicted, predicted
 *       vs true cardinality, recall on head / torso / tail labels
 *       ({@link dev.fewhot.metrics.FrequencyBands}).</li>
 *   <li>{@link dev.fewhot.metrics.Report}: everything in one call, with ordered JSON keys.</li>
 *   <li>{@link dev.fewhot.metrics.ThresholdCurve}: micro / macro F1 (and precision, recall, mean
 *       predicted labels, empty rows) of a global threshold at many thresholds in one pass;
 *       {@link dev.fewhot.metrics.TopKCurve}: P@k and R@k for k = 1..K.</li>
 * </ul>
 *
 * <p>Conventions. Scores are row-major rows x labels floats; only their order (and the threshold
 * of a threshold rule) matters; NaN is rejected and {@code -0.0} equals {@code 0.0}. Truth is a
 * {@link dev.fewhot.data.LabelSets}; its listed labels are positive (soft values ignored).
 * Accumulation is in double. No measure returns NaN by accident: a ratio with a zero denominator
 * and a mean over an empty set are 0 (scikit-learn's {@code zero_division=0}); each class documents
 * its edge cases. Work is split over {@link dev.fewhot.kernels.KernelPool#common()} in fixed
 * parts whose partial results are combined in a fixed order, so results do not depend on the
 * number of threads.
 */
package dev.fewhot.metrics;
