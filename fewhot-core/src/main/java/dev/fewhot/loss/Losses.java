package dev.fewhot.loss;

/**
 * Factories of {@link LossSettings} with the papers' defaults, for
 * {@code FewHot.trainer().loss(...)}: e.g. {@code Losses.asl()} is ASL with gamma- = 4,
 * gamma+ = 1, clip 0.05 (Ridnik et al. 2021), {@code Losses.bce().withClassBalanced(0.999)}
 * BCE with class-balanced weights.
 */
public final class Losses {
    private Losses() { }

    /** No kind: the training recipe chooses it (asl for few positives per label, else bce). */
    public static LossSettings auto() { return LossSettings.of(null); }

    /** Binary cross-entropy on logits, mean reduction. */
    public static LossSettings bce() { return LossSettings.of(LossKind.BCE); }

    /** BCE with positive entries weighted by w (default 50). */
    public static LossSettings weightedBce() { return LossSettings.of(LossKind.WEIGHTED_BCE); }

    /** Focal loss, gamma 2, alpha 0.25 (Lin et al. 2017). */
    public static LossSettings focal() { return LossSettings.of(LossKind.FOCAL); }

    /** (1-p)^gamma BCE: not a focal loss; kept to reproduce old runs. */
    public static LossSettings focalOneSided() { return LossSettings.of(LossKind.FOCAL_ONE_SIDED); }

    /** Asymmetric loss, gamma- 4, gamma+ 1, clip 0.05, sum reduction (Ridnik et al. 2021). */
    public static LossSettings asl() { return LossSettings.of(LossKind.ASL); }

    /** Distribution-balanced loss (Wu et al. 2020) with the paper's settings. */
    public static LossSettings distributionBalanced() { return LossSettings.of(LossKind.DB); }

    /** The loss called {@code id} on the command line (bce, weighted-bce, focal, focal-one-sided, asl, db). */
    public static LossSettings of(String id) { return LossSettings.of(LossKind.fromId(id)); }
}
