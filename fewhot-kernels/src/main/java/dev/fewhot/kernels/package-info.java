/**
 * Numeric kernels on plain arrays, pure Java on the Vector API: matrix products, fused
 * epilogues, element-wise loss kernels and the thread pool. They know nothing of labels, files
 * or configurations, so that the CLI, the trainer and Spark call the same code.
 */
package dev.fewhot.kernels;
