/**
 * JMH benchmarks of the numeric kernels on the trainer's shapes, reporting GFLOPS, with a slot
 * ({@link dev.fewhot.bench.GemmImpl}) for peer implementations such as OpenBLAS.
 */
package dev.fewhot.bench;
