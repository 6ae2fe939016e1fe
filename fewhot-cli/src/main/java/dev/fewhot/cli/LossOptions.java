package dev.fewhot.cli;

import dev.fewhot.data.LabelSets;
import dev.fewhot.loss.AslSettings;
import dev.fewhot.loss.BceWeights;
import dev.fewhot.loss.FocalSettings;
import dev.fewhot.loss.FocusingGradient;
import dev.fewhot.loss.LabelWeights;
import dev.fewhot.loss.LossKind;
import dev.fewhot.loss.LossSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import picocli.CommandLine.Option;

/** Loss options of {@code train} (and of the commands that train). */
public final class LossOptions {
    @Option(names = "--loss", defaultValue = "asl", paramLabel = "NAME",
            description = "bce, weighted-bce, focal, focal-one-sided or asl (default ${DEFAULT-VALUE}).")
    String loss;
    @Option(names = "--pos-weight", paramLabel = "N|FILE|auto",
            description = "PyTorch's pos_weight for bce, focal and focal-one-sided: a number, a file of one weight per label, "
                    + "or auto = (N - n_j) / n_j from the training labels.")
    String posWeight;
    @Option(names = "--positive-weight", paramLabel = "W", defaultValue = "50",
            description = "weighted-bce: w of l[y>0] *= y*w (default ${DEFAULT-VALUE}).")
    double positiveWeight;
    @Option(names = "--gamma", paramLabel = "G", description = "focal, focal-one-sided: focusing exponent (default 2).")
    Double gamma;
    @Option(names = "--alpha", paramLabel = "A|off", description = "focal: weight of positives in [0, 1], or off (default 0.25).")
    String alpha;
    @Option(names = "--gamma-neg", paramLabel = "G", description = "asl: negative focusing (default 4).")
    Double gammaNeg;
    @Option(names = "--gamma-pos", paramLabel = "G", description = "asl: positive focusing (default 1).")
    Double gammaPos;
    @Option(names = "--clip", paramLabel = "M", description = "asl: probability margin on negatives (default 0.05).")
    Double clip;
    @Option(names = "--asl-detach", description = "asl: treat the focusing weight as a constant in the gradient.")
    boolean aslDetach;

    /** Builds the loss description; training labels feed --pos-weight auto. */
    LossSpec spec(LabelSets train) throws IOException {
        LossKind kind = LossKind.fromId(loss);
        LossSpec s = LossSpec.of(kind).withPositiveWeight(positiveWeight);
        FocalSettings f = FocalSettings.defaults();
        if (gamma != null) f = f.withGamma(gamma);
        if (alpha != null) {
            f = alpha.equalsIgnoreCase("off") ? new FocalSettings(f.gamma(), OptionalDouble.empty())
                    : f.withAlpha(parse("--alpha", alpha));
        }
        s = s.withFocal(f);
        AslSettings a = AslSettings.defaults();
        a = new AslSettings(gammaNeg != null ? gammaNeg : a.gammaNeg(), gammaPos != null ? gammaPos : a.gammaPos(),
                clip != null ? clip : a.clip(), a.eps(), aslDetach ? FocusingGradient.DETACHED : a.focusing());
        s = s.withAsl(a);
        if (posWeight != null) {
            if (kind == LossKind.ASL || kind == LossKind.WEIGHTED_BCE) {
                throw new IllegalArgumentException("--pos-weight applies to bce, focal and focal-one-sided, not to " + kind.id()
                        + (kind == LossKind.WEIGHTED_BCE ? " (use --positive-weight)" : ""));
            }
            s = s.withWeights(BceWeights.none().withPosWeight(posWeights(posWeight, train)));
        }
        return s;
    }

    static LabelWeights posWeights(String v, LabelSets train) throws IOException {
        if (v.equalsIgnoreCase("auto")) {
            int[] c = train.labelCounts();
            double n = train.rows();
            double[] w = new double[c.length];
            for (int j = 0; j < c.length; j++) w[j] = (n - c[j]) / Math.max(c[j], 1);
            return LabelWeights.perLabel(w);
        }
        Path p = Path.of(v);
        if (!looksNumeric(v) && Files.exists(p)) {
            String[] tok = Files.readString(p).trim().split("[\\s,]+");
            if (tok.length != train.numLabels()) {
                throw new IllegalArgumentException("--pos-weight file " + p + " must hold one weight per label ("
                        + train.numLabels() + "), found " + tok.length);
            }
            double[] w = new double[tok.length];
            for (int i = 0; i < tok.length; i++) w[i] = parse("--pos-weight file " + p + " entry " + (i + 1), tok[i]);
            return LabelWeights.perLabel(w);
        }
        return LabelWeights.scalar(parse("--pos-weight", v));
    }

    private static boolean looksNumeric(String v) {
        try {
            Double.parseDouble(v);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static double parse(String what, String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a number, 'auto' or an existing file, got '" + v + "'");
        }
    }
}
