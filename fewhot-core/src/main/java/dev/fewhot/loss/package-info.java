/**
 * Multi-label losses over a batch of logits, each a small class with one fused
 * loss-and-gradient pass: {@link dev.fewhot.loss.Loss}.
 *
 * <p>The losses: {@link dev.fewhot.loss.BceWithLogits} (PyTorch's BCEWithLogitsLoss with
 * per-label {@code weight} and {@code pos_weight}), {@link dev.fewhot.loss.PositiveWeightedBce}
 * (the seed's scaled-positives BCE), {@link dev.fewhot.loss.FocalLoss} (Lin et al. 2017, p_t
 * form), {@link dev.fewhot.loss.AsymmetricLoss} (Ridnik et al. 2021) and
 * {@link dev.fewhot.loss.OneSidedFocalLoss} (the seed's "focal" loss, which is not a focal loss
 * and makes a model predict every label; kept to reproduce old runs), and
 * {@link dev.fewhot.loss.DistributionBalancedLoss} (Wu et al. 2020; per-row weights from the
 * row's label set and the training counts, computed in double without a vector kernel). Weights
 * from the training label counts: {@link dev.fewhot.loss.ClassWeights} (positive weight with a
 * power and a cap; class-balanced by effective number, Cui et al. 2019). Settings are validated
 * records ({@link dev.fewhot.loss.FocalSettings}, {@link dev.fewhot.loss.AslSettings},
 * {@link dev.fewhot.loss.BceWeights} of {@link dev.fewhot.loss.LabelWeights}) with factories for
 * the papers' defaults; options are enums ({@link dev.fewhot.loss.FocusingGradient}).
 *
 * <p>All of them are element-wise and extend {@link dev.fewhot.loss.ElementwiseLoss}, which
 * validates shapes and targets and applies the {@link dev.fewhot.loss.Reducer}:
 * {@link dev.fewhot.loss.Reduction} NONE / SUM / MEAN (mean over rows * cols; the mean of zero
 * elements is 0) without extra buffers, or any user reducer, whose derivative is chained into
 * the gradient. Inputs are float32; the elements are computed by the Vector API kernels of
 * {@code dev.fewhot.kernels.LossKernels} in float, in logit space ({@code log p = -softplus(-x)},
 * {@code log(1 - p) = -softplus(x)}, powers of p and 1 - p as products or exponentials of those),
 * so values and gradients stay finite and accurate (a few float ulps) for any finite logit; the
 * clamps of the asymmetric loss decide exactly as in double, blocks whose float values overflow
 * are recomputed in double, and sums accumulate in double. Large batches use two threads
 * ({@link dev.fewhot.loss.ElementwiseLoss}). Golden vectors from
 * PyTorch ({@code ../shared/reference/loss_vectors.json}) pin every loss and its gradient.
 */
package dev.fewhot.loss;
