package dev.fewhot.loss;

/** Whether the gradient of {@link AsymmetricLoss} flows through its focusing weight. */
public enum FocusingGradient {
    /** The focusing weight {@code (1 - pt)^g} is differentiated (the authors' default). */
    INSIDE,
    /**
     * The focusing weight is a constant in the gradient (the official code's
     * {@code disable_torch_grad_focal_loss=True}); the loss value is the same.
     */
    DETACHED
}
