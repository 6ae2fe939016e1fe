package dev.fewhot.loss;

import dev.fewhot.kernels.Warmup;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A loss as a training job asks for it, before the training labels are known: the kind, each
 * kind's settings, and the label weights to derive from the training labels. {@link #spec}
 * turns it into the {@link LossSpec} of one training set (the distribution-balanced loss and
 * {@code pos_weight} auto read the label counts). Factories in {@link Losses}.
 *
 * @param kind           the loss, or null to let the training recipe choose
 * @param focal          gamma and alpha (focal; the one-sided variant uses gamma only)
 * @param asl            ASL settings
 * @param db             distribution-balanced settings
 * @param positiveWeight w of weighted-bce's {@code l[y>0] *= y*w}, &gt; 0
 * @param posWeight      PyTorch's {@code pos_weight} for bce, focal and focal-one-sided
 * @param classBalancedBeta beta of the class-balanced weights (Cui et al. 2019) for bce, focal and
 *                       focal-one-sided, in [0, 1), or null for none
 */
public record LossSettings(LossKind kind, FocalSettings focal, AslSettings asl, DbSettings db, double positiveWeight,
                           PosWeight posWeight, Double classBalancedBeta) {
    /** Where {@code pos_weight} comes from. */
    public sealed interface PosWeight {
        /** The weights for training labels. */
        LabelWeights weights(dev.fewhot.data.LabelSets train);
    }

    /** No {@code pos_weight}. */
    public record NoPosWeight() implements PosWeight {
        @Override public LabelWeights weights(dev.fewhot.data.LabelSets train) { return LabelWeights.none(); }
    }

    /** The same {@code pos_weight} for every label. */
    public record ConstantPosWeight(double value) implements PosWeight {
        @Override public LabelWeights weights(dev.fewhot.data.LabelSets train) { return LabelWeights.scalar(value); }
    }

    /**
     * One {@code pos_weight} per label.
     *
     * @param values the weights
     * @param source where they were read from (for error messages), e.g. a file name
     */
    public record PerLabelPosWeight(double[] values, String source) implements PosWeight {
        public PerLabelPosWeight {
            values = values.clone();
        }

        @Override
        public LabelWeights weights(dev.fewhot.data.LabelSets train) {
            if (values.length != train.numLabels()) {
                throw new IllegalArgumentException("--pos-weight file " + source + " must hold one weight per label ("
                        + train.numLabels() + "), found " + values.length);
            }
            return LabelWeights.perLabel(values);
        }
    }

    /** {@code pos_weight = min(cap, ((N - n_j) / n_j)^power)} from the training labels. */
    public record AutoPosWeight(PosWeightSettings settings) implements PosWeight {
        @Override
        public LabelWeights weights(dev.fewhot.data.LabelSets train) {
            return ClassWeights.posWeightFromCounts(train.labelCounts(), train.rows(), settings);
        }
    }

    public LossSettings {
        Objects.requireNonNull(focal, "focal");
        Objects.requireNonNull(asl, "asl");
        Objects.requireNonNull(db, "db");
        Objects.requireNonNull(posWeight, "posWeight");
        if (!(positiveWeight > 0 && Double.isFinite(positiveWeight))) {
            throw new IllegalArgumentException("positiveWeight must be finite and > 0, got " + positiveWeight);
        }
        if (classBalancedBeta != null && !(classBalancedBeta >= 0 && classBalancedBeta < 1)) {
            throw new IllegalArgumentException("classBalancedBeta must be in [0, 1), got " + classBalancedBeta);
        }
    }

    /**
     * The loss kernels a training with these settings calls, for {@link Warmup#start(Set)}: bce's,
     * focal's or asl's; asl's and bce's when the recipe chooses (kind null: it takes one of those
     * two); none for the kinds with kernels of their own (weighted-bce, focal-one-sided, db), which
     * the warm-up does not run.
     */
    public Set<Warmup.Loss> warmupKernels() {
        if (kind == null) return EnumSet.of(Warmup.Loss.ASYMMETRIC, Warmup.Loss.BCE);
        return switch (kind) {
            case BCE -> EnumSet.of(Warmup.Loss.BCE);
            case FOCAL -> EnumSet.of(Warmup.Loss.FOCAL);
            case ASL -> EnumSet.of(Warmup.Loss.ASYMMETRIC);
            case WEIGHTED_BCE, FOCAL_ONE_SIDED, DB -> EnumSet.noneOf(Warmup.Loss.class);
        };
    }

    /** The papers' defaults for {@code kind} (null: the recipe chooses the kind). */
    public static LossSettings of(LossKind kind) {
        return new LossSettings(kind, FocalSettings.defaults(), AslSettings.defaults(), DbSettings.defaults(), 50.0,
                new NoPosWeight(), null);
    }

    public LossSettings withKind(LossKind k) {
        return new LossSettings(k, focal, asl, db, positiveWeight, posWeight, classBalancedBeta);
    }

    public LossSettings withFocal(FocalSettings f) {
        return new LossSettings(kind, f, asl, db, positiveWeight, posWeight, classBalancedBeta);
    }

    public LossSettings withAsl(AslSettings a) {
        return new LossSettings(kind, focal, a, db, positiveWeight, posWeight, classBalancedBeta);
    }

    public LossSettings withDb(DbSettings d) {
        return new LossSettings(kind, focal, asl, d, positiveWeight, posWeight, classBalancedBeta);
    }

    public LossSettings withPositiveWeight(double w) {
        return new LossSettings(kind, focal, asl, db, w, posWeight, classBalancedBeta);
    }

    public LossSettings withPosWeight(PosWeight p) {
        return new LossSettings(kind, focal, asl, db, positiveWeight, p, classBalancedBeta);
    }

    public LossSettings withClassBalanced(Double beta) {
        return new LossSettings(kind, focal, asl, db, positiveWeight, posWeight, beta);
    }

    /**
     * The loss for a training set, with {@code resolvedKind} when {@link #kind()} is null.
     *
     * @throws IllegalArgumentException when a weight is given for a kind that does not take it
     */
    public LossSpec spec(LossKind resolvedKind, dev.fewhot.data.LabelSets train) {
        LossKind k = kind != null ? kind : Objects.requireNonNull(resolvedKind, "resolvedKind");
        LossSpec s = LossSpec.of(k).withPositiveWeight(positiveWeight).withFocal(focal).withAsl(asl).withDb(db)
                .withCounts(LabelCounts.of(train));
        boolean weighted = k == LossKind.BCE || k == LossKind.FOCAL || k == LossKind.FOCAL_ONE_SIDED;
        BceWeights w = BceWeights.none();
        if (!(posWeight instanceof NoPosWeight)) {
            if (!weighted) {
                throw new IllegalArgumentException("--pos-weight applies to bce, focal and focal-one-sided, not to " + k.id()
                        + (k == LossKind.WEIGHTED_BCE ? " (use --positive-weight)" : ""));
            }
            w = w.withPosWeight(posWeight.weights(train));
        }
        if (classBalancedBeta != null) {
            if (!weighted) {
                throw new IllegalArgumentException("--class-balanced applies to bce, focal and focal-one-sided, not to " + k.id());
            }
            w = w.withWeight(ClassWeights.classBalanced(train.labelCounts(), new ClassBalancedSettings(classBalancedBeta)));
        }
        if (w != BceWeights.none()) s = s.withWeights(w);
        return s;
    }

    /** {@link #spec(LossKind, dev.fewhot.data.LabelSets)} for settings that name their kind. */
    public LossSpec spec(dev.fewhot.data.LabelSets train) {
        if (kind == null) throw new IllegalStateException("the loss kind is not set (Losses.auto() lets a recipe choose it)");
        return spec(kind, train);
    }
}
