package dev.fewhot.cli;

import dev.fewhot.loss.AslSettings;
import dev.fewhot.loss.DbSettings;
import dev.fewhot.loss.PosWeightSettings;
import dev.fewhot.loss.FocalSettings;
import dev.fewhot.loss.FocusingGradient;
import dev.fewhot.loss.LossKind;
import dev.fewhot.loss.LossSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import picocli.CommandLine.Option;

/** Loss options of {@code train} (and of the commands that train). */
public final class LossOptions {
    @Option(names = "--loss", paramLabel = "NAME",
            description = "bce, weighted-bce, focal, focal-one-sided, asl or db (distribution-balanced) (auto: asl when "
                    + "label cardinality / labels < 0.1, else bce; with --hidden or --epochs: asl).")
    String loss;
    @Option(names = "--pos-weight", paramLabel = "N|FILE|auto",
            description = "PyTorch's pos_weight for bce, focal and focal-one-sided: a number, a file of one weight per label, "
                    + "or auto = min(cap, ((N - n_j) / n_j)^power) from the training labels.")
    String posWeight;
    @Option(names = "--pos-weight-power", paramLabel = "P", defaultValue = "1",
            description = "--pos-weight auto: exponent of the ratio (0.5 = square root; default ${DEFAULT-VALUE}).")
    double posWeightPower;
    @Option(names = "--pos-weight-cap", paramLabel = "C",
            description = "--pos-weight auto: largest weight; labels without positives get it (default: no cap, N^power).")
    Double posWeightCap;
    @Option(names = "--class-balanced", paramLabel = "BETA",
            description = "bce, focal, focal-one-sided: per-label weight (1 - BETA) / (1 - BETA^n_j) normalised to sum to the "
                    + "number of labels (Cui et al. 2019; e.g. 0.999 or 0.9999).")
    Double classBalanced;
    @Option(names = "--db-alpha", paramLabel = "A", description = "db: lift of the re-balancing weight (default 0.1).")
    Double dbAlpha;
    @Option(names = "--db-beta", paramLabel = "B", description = "db: slope of the re-balancing smoothing (default 10).")
    Double dbBeta;
    @Option(names = "--db-mu", paramLabel = "M", description = "db: centre of the re-balancing smoothing (default 0.3).")
    Double dbMu;
    @Option(names = "--db-kappa", paramLabel = "K", description = "db: scale of the NTR class bias (default 0.05).")
    Double dbKappa;
    @Option(names = "--db-lambda", paramLabel = "L", description = "db: scale of the negative logits (default 2).")
    Double dbLambda;
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

    /**
     * The options as the library's {@link LossSettings}; without --loss the kind is left to the
     * auto recipe (or the manual default, asl).
     */
    LossSettings settings() throws IOException {
        LossSettings s = LossSettings.of(loss == null ? null : LossKind.fromId(loss)).withPositiveWeight(positiveWeight);
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
        DbSettings d = DbSettings.defaults();
        d = d.withSmoothing(dbAlpha != null ? dbAlpha : d.alpha(), dbBeta != null ? dbBeta : d.beta(), dbMu != null ? dbMu : d.mu())
                .withNtr(dbKappa != null ? dbKappa : d.kappa(), dbLambda != null ? dbLambda : d.lambda(), d.bias());
        s = s.withDb(d);
        if (posWeight != null) {
            s = s.withPosWeight(posWeight(posWeight));
        } else if (posWeightCap != null || posWeightPower != 1) {
            throw new IllegalArgumentException("--pos-weight-power and --pos-weight-cap go with --pos-weight auto");
        }
        if (classBalanced != null) s = s.withClassBalanced(classBalanced);
        return s;
    }

    private LossSettings.PosWeight posWeight(String v) throws IOException {
        if (v.equalsIgnoreCase("auto")) {
            return new LossSettings.AutoPosWeight(new PosWeightSettings(posWeightPower,
                    posWeightCap != null ? posWeightCap : Double.POSITIVE_INFINITY));
        }
        if (posWeightCap != null || posWeightPower != 1) {
            throw new IllegalArgumentException("--pos-weight-power and --pos-weight-cap apply to --pos-weight auto only");
        }
        Path p = Path.of(v);
        if (!looksNumeric(v) && Files.exists(p)) {
            String[] tok = Files.readString(p).trim().split("[\\s,]+");
            double[] w = new double[tok.length];
            for (int i = 0; i < tok.length; i++) w[i] = parse("--pos-weight file " + p + " entry " + (i + 1), tok[i]);
            return new LossSettings.PerLabelPosWeight(w, p.toString());
        }
        return new LossSettings.ConstantPosWeight(parse("--pos-weight", v));
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
