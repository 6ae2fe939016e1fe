package dev.fewhot.loss;

import java.util.Locale;

/** The losses fewhot trains with, by their command-line names. */
public enum LossKind {
    /** {@link BceWithLogits}, mean reduction. */
    BCE("bce"),
    /** {@link PositiveWeightedBce}: the forum answer's {@code l[y>0] *= y*w}, mean reduction. */
    WEIGHTED_BCE("weighted-bce"),
    /** {@link FocalLoss}, p_t form, mean reduction. */
    FOCAL("focal"),
    /** {@link OneSidedFocalLoss}: (1-p)^gamma BCE, not a focal loss; kept to reproduce old runs. */
    FOCAL_ONE_SIDED("focal-one-sided"),
    /** {@link AsymmetricLoss}, sum reduction as in the paper's code. */
    ASL("asl"),
    /** {@link DistributionBalancedLoss} (Wu et al. 2020), mean reduction; needs the training label counts. */
    DB("db");

    private final String id;

    LossKind(String id) { this.id = id; }

    /** The command-line name. */
    public String id() { return id; }

    /** The loss called {@code name}; the error lists the known names. */
    public static LossKind fromId(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (LossKind k : values()) if (k.id.equals(n)) return k;
        StringBuilder known = new StringBuilder();
        for (LossKind k : values()) known.append(known.length() == 0 ? "" : ", ").append(k.id);
        throw new IllegalArgumentException("--loss must be one of " + known + ", got '" + name + "'");
    }
}
