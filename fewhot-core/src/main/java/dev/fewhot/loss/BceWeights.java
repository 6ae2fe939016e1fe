package dev.fewhot.loss;

import java.util.Objects;

/**
 * The two per-label weights of binary cross-entropy, with PyTorch's semantics
 * ({@code binary_cross_entropy_with_logits(weight=, pos_weight=)}):
 * {@code l = -weight * [posWeight * y * log p + (1 - y) * log(1 - p)]}.
 * {@code weight} scales the whole term of a label, {@code posWeight} only its positive part.
 * Build with {@link #none()} and the {@code with...} methods, e.g.
 * {@code BceWeights.none().withPosWeight(LabelWeights.scalar(50))}.
 *
 * @param weight    multiplier of the whole per-element loss
 * @param posWeight multiplier of the positive ({@code y log p}) term
 */
public record BceWeights(LabelWeights weight, LabelWeights posWeight) {
    private static final BceWeights NONE = new BceWeights(LabelWeights.none(), LabelWeights.none());

    /** Validates that both are present (use {@link LabelWeights#none()} for no weighting). */
    public BceWeights {
        Objects.requireNonNull(weight, "weight must not be null (use LabelWeights.none())");
        Objects.requireNonNull(posWeight, "posWeight must not be null (use LabelWeights.none())");
    }

    /** No weighting: plain BCE. */
    public static BceWeights none() {
        return NONE;
    }

    /** A copy with {@code weight} replaced. */
    public BceWeights withWeight(LabelWeights w) {
        return new BceWeights(w, posWeight);
    }

    /** A copy with {@code posWeight} replaced. */
    public BceWeights withPosWeight(LabelWeights pw) {
        return new BceWeights(weight, pw);
    }

    /** Checks per-label vector lengths against the batch's number of labels. */
    void checkCols(int cols) {
        weight.checkCols("weight", cols);
        posWeight.checkCols("posWeight", cols);
    }

    @Override
    public String toString() {
        return "weight=" + weight + ", posWeight=" + posWeight;
    }
}
