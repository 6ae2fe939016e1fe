package dev.fewhot.kernels;

/**
 * Element-wise activation applied by the fused GEMM epilogue and by
 * {@link VectorOps#biasActivation}. {@link #GELU} is the tanh approximation
 * {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}, computed as the equal
 * {@code x / (1 + exp(-2 sqrt(2/pi) (x + 0.044715 x^3)))} with the library's own exp (max relative
 * error about 2e-7 against {@code Math.exp}), so results are bit-identical whether the code runs
 * interpreted, vectorised or scalar.
 */
public enum Activation {
    /** Identity. */
    NONE,
    /** {@code max(x, 0)}. */
    RELU,
    /** GELU, tanh approximation (see the class comment). */
    GELU
}
