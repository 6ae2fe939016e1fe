/**
 * Evaluation measures as plain static functions over scores and label sets, accumulated in
 * double, with defined edge cases (zero_division 0 as scikit-learn).
 */
package dev.fewhot.metrics;
