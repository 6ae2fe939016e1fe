/**
 * fewhot on Apache Spark: {@link dev.fewhot.spark.FewHotClassifier}, a Spark ML estimator that
 * trains the library's networks data-parallel over the library's own step code
 * ({@link dev.fewhot.train.BatchGradient}), and {@link dev.fewhot.spark.FewHotClassificationModel},
 * which scores with the library's predictor and converts to and from a fewhot model file.
 */
package dev.fewhot.spark;
