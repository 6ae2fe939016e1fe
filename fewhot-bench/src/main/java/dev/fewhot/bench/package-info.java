/**
 * JMH benchmarks of the numeric kernels on the trainer's shapes, reporting GFLOPS, with a slot
 * ({@link dev.fewhot.bench.GemmImpl}) for peer implementations such as OpenBLAS; and of the
 * evaluation measures ({@link dev.fewhot.bench.MetricsBench}, with
 * {@link dev.fewhot.bench.MetricsTiming} for the side-by-side run against scikit-learn).
 */
package dev.fewhot.bench;
