/**
 * Numeric kernels on plain arrays, pure Java on the Vector API: matrix products, fused
 * epilogues, element-wise loss kernels and the thread pool. They know nothing of labels, files
 * or configurations, so that the CLI, the trainer and Spark call the same code.
 *
 * <p>{@link dev.fewhot.kernels.Sgemm} is the dense product (with {@link dev.fewhot.kernels.Op}
 * transpose flags and a fused bias plus {@link dev.fewhot.kernels.Activation});
 * {@link dev.fewhot.kernels.Spmm} the CSR-times-dense products; {@link dev.fewhot.kernels.Int8Gemm}
 * the inference products with int8 weights and per-column scales; {@link dev.fewhot.kernels.VectorOps}
 * the element-wise and reduction helpers (activation backward, column sums, axpy, Adam); and
 * {@link dev.fewhot.kernels.KernelPool} the persistent daemon thread pool they share. Results are
 * bit-identical across runs and thread counts. Run with {@code --add-modules jdk.incubator.vector}.
 */
package dev.fewhot.kernels;
