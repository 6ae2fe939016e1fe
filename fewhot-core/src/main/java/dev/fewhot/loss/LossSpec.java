package dev.fewhot.loss;

import java.util.Objects;

/**
 * Everything needed to build a training loss, as the CLI and {@code compare} describe it: the
 * kind, its settings, the BCE weights where the kind takes them, and the reduction. Each kind
 * reads only its own fields; the others keep their defaults. Reductions default to each loss's
 * customary one: mean for the BCE family and focal, sum for ASL (its authors' code).
 *
 * @param kind           the loss
 * @param weights        weight / posWeight for BCE, focal and the one-sided variant
 * @param positiveWeight w of {@code l[y>0] *= y*w} (WEIGHTED_BCE), &gt; 0
 * @param focal          gamma and alpha (FOCAL; FOCAL_ONE_SIDED uses gamma only)
 * @param asl            ASL settings
 * @param db             distribution-balanced settings (DB)
 * @param counts         training label frequencies (DB needs them; null otherwise allowed)
 * @param reducer        the reduction
 */
public record LossSpec(LossKind kind, BceWeights weights, double positiveWeight, FocalSettings focal, AslSettings asl,
                       DbSettings db, LabelCounts counts, Reducer reducer) {
    public LossSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(focal, "focal");
        Objects.requireNonNull(asl, "asl");
        Objects.requireNonNull(db, "db");
        Objects.requireNonNull(reducer, "reducer");
        if (!(positiveWeight > 0 && Double.isFinite(positiveWeight))) {
            throw new IllegalArgumentException("positiveWeight must be finite and > 0, got " + positiveWeight);
        }
    }

    /** The kind with the papers' defaults and its customary reduction. */
    public static LossSpec of(LossKind kind) {
        return new LossSpec(kind, BceWeights.none(), 50.0, FocalSettings.defaults(), AslSettings.defaults(),
                DbSettings.defaults(), null, kind == LossKind.ASL ? Reduction.SUM : Reduction.MEAN);
    }

    public LossSpec withWeights(BceWeights w) {
        return new LossSpec(kind, w, positiveWeight, focal, asl, db, counts, reducer);
    }

    public LossSpec withPositiveWeight(double w) {
        return new LossSpec(kind, weights, w, focal, asl, db, counts, reducer);
    }

    public LossSpec withFocal(FocalSettings f) {
        return new LossSpec(kind, weights, positiveWeight, f, asl, db, counts, reducer);
    }

    public LossSpec withAsl(AslSettings a) {
        return new LossSpec(kind, weights, positiveWeight, focal, a, db, counts, reducer);
    }

    public LossSpec withDb(DbSettings d) {
        return new LossSpec(kind, weights, positiveWeight, focal, asl, d, counts, reducer);
    }

    /** A copy with the training label frequencies (the distribution-balanced loss needs them). */
    public LossSpec withCounts(LabelCounts c) {
        return new LossSpec(kind, weights, positiveWeight, focal, asl, db, c, reducer);
    }

    public LossSpec withReducer(Reducer r) {
        return new LossSpec(kind, weights, positiveWeight, focal, asl, db, counts, r);
    }

    /** Builds the loss. */
    public Loss build() {
        return switch (kind) {
            case BCE -> new BceWithLogits(weights, reducer);
            case WEIGHTED_BCE -> new PositiveWeightedBce(positiveWeight, reducer);
            case FOCAL -> new FocalLoss(focal, weights, reducer);
            case FOCAL_ONE_SIDED -> new OneSidedFocalLoss(focal.gamma(), weights, reducer);
            case ASL -> new AsymmetricLoss(asl, reducer);
            case DB -> {
                if (counts == null) {
                    throw new IllegalArgumentException("the distribution-balanced loss (db) needs the training label counts: "
                            + "LossSpec.withCounts(LabelCounts.of(trainLabels))");
                }
                yield new DistributionBalancedLoss(db, counts, reducer);
            }
        };
    }

    /** A short description for model provenance and tables, e.g. {@code asl(gamma-=4, gamma+=1, clip=0.05)}. */
    public String describe() {
        return switch (kind) {
            case BCE -> "bce" + weightsText();
            case WEIGHTED_BCE -> "weighted-bce(w=" + positiveWeight + ")";
            case FOCAL -> "focal(gamma=" + focal.gamma() + ", alpha="
                    + (focal.alpha().isPresent() ? String.valueOf(focal.alpha().getAsDouble()) : "off") + ")" + weightsText();
            case FOCAL_ONE_SIDED -> "focal-one-sided(gamma=" + focal.gamma() + ")" + weightsText();
            case ASL -> "asl(gamma-=" + asl.gammaNeg() + ", gamma+=" + asl.gammaPos() + ", clip=" + asl.clip() + ")";
            case DB -> "db(alpha=" + db.alpha() + ", beta=" + db.beta() + ", mu=" + db.mu() + ", kappa=" + db.kappa()
                    + ", lambda=" + db.lambda() + (db.bias() == DbSettings.NtrBias.PAPER ? "" : ", bias=authors-code") + ")";
        };
    }

    private String weightsText() {
        return weights.weight().isNone() && weights.posWeight().isNone() ? "" : " " + weights;
    }
}
