/**
 * GEMM back-ends: the pure-Java Vector API kernel (always there) and OpenBLAS through
 * {@code dev.ludovic.netlib} (an optional accelerator, used only when the system's BLAS loads),
 * chosen with {@link dev.fewhot.blas.BlasChoice}.
 */
package dev.fewhot.blas;
