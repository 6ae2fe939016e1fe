/**
 * Decision rules that turn per-label scores into label sets (a global threshold, per-label
 * thresholds, top-k, at least one label) and the tuning of thresholds from scores
 * ({@link dev.fewhot.decide.ThresholdTuning}). Below {@code metrics}: it does not evaluate;
 * strategies that choose a rule by a measure live in {@code train}
 * (ThresholdStrategy in the train package).
 */
package dev.fewhot.decide;
