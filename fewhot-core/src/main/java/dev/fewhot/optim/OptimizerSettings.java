package dev.fewhot.optim;

/**
 * Optimiser settings, with PyTorch's defaults in the factories: Adam and AdamW use betas
 * 0.9 / 0.999 and eps 1e-8 (AdamW weight decay 0.01, decoupled as in Loshchilov and Hutter
 * 2019; Adam's weight decay is an L2 term added to the gradient, 0 by default); SGD uses
 * momentum 0.9.
 *
 * @param kind        the algorithm
 * @param beta1       first-moment decay (Adam), in [0, 1)
 * @param beta2       second-moment decay (Adam), in [0, 1)
 * @param eps         denominator term (Adam), &gt; 0
 * @param weightDecay weight decay, &gt;= 0
 * @param momentum    momentum (SGD), in [0, 1)
 */
public record OptimizerSettings(Kind kind, double beta1, double beta2, double eps, double weightDecay, double momentum) {
    /** The optimisation algorithm. */
    public enum Kind {
        ADAM, ADAMW, SGD;

        /** The option value: {@code adam}, {@code adamw} or {@code sgd}. */
        public String id() { return name().toLowerCase(java.util.Locale.ROOT); }

        /** Parses {@link #id()} (any case). */
        public static Kind fromId(String id) {
            String v = id == null ? "" : id.trim().toLowerCase(java.util.Locale.ROOT);
            for (Kind k : values()) if (k.id().equals(v)) return k;
            throw new IllegalArgumentException("--optimizer must be adam, adamw or sgd, got '" + id + "'");
        }

        /** PyTorch's defaults for this algorithm ({@link #adam()}, {@link #adamW()}, {@link #sgd()}). */
        public OptimizerSettings defaults() {
            return switch (this) {
                case ADAM -> adam();
                case ADAMW -> adamW();
                case SGD -> sgd();
            };
        }
    }

    public OptimizerSettings {
        if (kind == null) throw new IllegalArgumentException("kind must be set");
        unit("beta1", beta1);
        unit("beta2", beta2);
        if (!(eps > 0 && Double.isFinite(eps))) throw new IllegalArgumentException("eps must be finite and > 0, got " + eps);
        if (!(weightDecay >= 0 && Double.isFinite(weightDecay))) {
            throw new IllegalArgumentException("weightDecay must be finite and >= 0, got " + weightDecay);
        }
        unit("momentum", momentum);
    }

    private static void unit(String name, double v) {
        if (!(v >= 0 && v < 1)) throw new IllegalArgumentException(name + " must be in [0, 1), got " + v);
    }

    /** Adam, PyTorch defaults. */
    public static OptimizerSettings adam() {
        return new OptimizerSettings(Kind.ADAM, 0.9, 0.999, 1e-8, 0.0, 0.0);
    }

    /** AdamW, PyTorch defaults (weight decay 0.01). */
    public static OptimizerSettings adamW() {
        return new OptimizerSettings(Kind.ADAMW, 0.9, 0.999, 1e-8, 0.01, 0.0);
    }

    /** SGD with momentum 0.9, no weight decay. */
    public static OptimizerSettings sgd() {
        return new OptimizerSettings(Kind.SGD, 0.9, 0.999, 1e-8, 0.0, 0.9);
    }

    /** A copy with another weight decay. */
    public OptimizerSettings withWeightDecay(double wd) {
        return new OptimizerSettings(kind, beta1, beta2, eps, wd, momentum);
    }
}
