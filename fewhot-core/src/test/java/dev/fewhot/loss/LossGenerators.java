package dev.fewhot.loss;

import dev.fewhot.testing.Gen;
import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.function.Function;

/** Generators shared by the loss property tests. */
final class LossGenerators {
    private LossGenerators() {}

    /** A batch: row-major logits and targets. */
    record Batch(int rows, int cols, float[] logits, float[] targets) {
        int n() {
            return rows * cols;
        }

        @Override
        public String toString() {
            return "Batch[" + rows + "x" + cols + ", logits=" + Arrays.toString(logits) + ", targets="
                    + Arrays.toString(targets) + "]";
        }
    }

    /**
     * A loss under test: a factory per reducer, and the logit of a kink (a point where the loss is
     * not differentiable, NaN if none) to keep finite differences away from.
     */
    record LossSpec(String description, Function<Reducer, Loss> factory, double kink) {
        Loss with(Reducer r) {
            return factory.apply(r);
        }

        @Override
        public String toString() {
            return description;
        }
    }

    /** A batch together with a loss sized for it. */
    record Scenario(Batch batch, LossSpec loss) {
        @Override
        public String toString() {
            return loss + " on " + batch;
        }
    }

    static Gen<Float> moderateLogits() {
        return Gen.floats(-8f, 8f);
    }

    static Gen<Float> extremeLogits() {
        return Gen.frequency(
                Gen.weight(4, Gen.floats(-1e4f, 1e4f)),
                Gen.weight(4, Gen.of(1e4f, -1e4f, 0f, -0f, Math.nextDown(1e4f), -Math.nextDown(1e4f),
                        30f, -30f, 100f, -100f, 88.7f, -88.7f, 745.2f, -745.2f, 1e6f, -1e6f, 1e30f, -1e30f)),
                Gen.weight(1, Gen.floats(-1e30f, 1e30f)));
    }

    static Gen<Float> targets() {
        return Gen.frequency(
                Gen.weight(4, Gen.just(0f)),
                Gen.weight(3, Gen.just(1f)),
                Gen.weight(3, Gen.floats(0f, 1f)),
                Gen.weight(1, Gen.of(0.5f, Float.MIN_VALUE, Math.nextDown(1f), 0.01f, 0.99f)));
    }

    static Gen<Batch> batches(Gen<Float> logits) {
        Gen<Integer> rowCounts = Gen.ints(1, 4), colCounts = Gen.ints(1, 6);
        Gen<Float> ys = targets();
        return r -> {
            int rows = rowCounts.next(r);
            int cols = colCounts.next(r);
            int n = rows * cols;
            float[] x = floatArrays(logits, n).next(r);
            float[] y = floatArrays(ys, n).next(r);
            return new Batch(rows, cols, x, y);
        };
    }

    static Gen<float[]> floatArrays(Gen<Float> elements, int n) {
        return r -> {
            float[] a = new float[n];
            for (int i = 0; i < n; i++) a[i] = elements.next(r);
            return a;
        };
    }

    /** A batch with every loss kind, with random settings. */
    static Gen<Scenario> scenarios(Gen<Float> logits, boolean smoothAslOnly) {
        return batches(logits).flatMap(b -> losses(b.cols(), smoothAslOnly).map(l -> new Scenario(b, l)));
    }

    static Gen<LabelWeights> labelWeights(int cols) {
        return Gen.oneOf(
                Gen.just(LabelWeights.none()),
                Gen.doubles(0, 5).map(LabelWeights::scalar),
                Gen.doubles(0, 5).list(cols)
                        .map(l -> LabelWeights.perLabel(l.stream().mapToDouble(Double::doubleValue).toArray())));
    }

    static Gen<BceWeights> bceWeights(int cols) {
        Gen<LabelWeights> w = labelWeights(cols);
        return r -> new BceWeights(w.next(r), w.next(r));
    }

    static Gen<Double> gammas() {
        return Gen.oneOf(Gen.of(0.0, 0.5, 1.0, 2.0, 4.0), Gen.doubles(0, 5));
    }

    /**
     * Every loss kind. With {@code smoothAslOnly} (for finite differences), ASL's gammaNeg avoids
     * (0, 1) and (1, 2), where the negative weight p_m^gammaNeg has an unbounded first or second
     * derivative at the clip, and the focusing weight is inside the gradient.
     */
    static Gen<LossSpec> losses(int cols, boolean smoothAslOnly) {
        Gen<BceWeights> weights = bceWeights(cols);
        Gen<LossSpec> bce = weights.map(w ->
                new LossSpec("BceWithLogits[" + w + "]", r -> new BceWithLogits(w, r), Double.NaN));
        Gen<LossSpec> pwBce = Gen.doubles(0, 20).map(w ->
                new LossSpec("PositiveWeightedBce[" + w + "]", r -> new PositiveWeightedBce(w, r), Double.NaN));
        Gen<OptionalDouble> alphas = Gen.oneOf(Gen.just(OptionalDouble.empty()),
                Gen.doubles(0, 1).map(OptionalDouble::of));
        Gen<LossSpec> focal = rnd -> {
            FocalSettings s = new FocalSettings(gammas().next(rnd), alphas.next(rnd));
            BceWeights w = weights.next(rnd);
            return new LossSpec("FocalLoss[" + s + ", " + w + "]", r -> new FocalLoss(s, w, r), Double.NaN);
        };
        Gen<LossSpec> oneSided = rnd -> {
            double g = gammas().next(rnd);
            BceWeights w = weights.next(rnd);
            return new LossSpec("OneSidedFocalLoss[" + g + ", " + w + "]", r -> new OneSidedFocalLoss(g, w, r), Double.NaN);
        };
        Gen<Double> gammaNeg = smoothAslOnly
                ? Gen.oneOf(Gen.of(0.0, 1.0, 2.0, 4.0), Gen.doubles(2, 5))
                : gammas();
        Gen<Double> clips = Gen.oneOf(Gen.of(0.0, 0.05), Gen.doubles(0, 0.3));
        // DETACHED's gradient is deliberately not the derivative of the value: not for finite differences
        Gen<FocusingGradient> focusing = smoothAslOnly
                ? Gen.just(FocusingGradient.INSIDE) : Gen.of(FocusingGradient.class);
        Gen<LossSpec> asl = rnd -> {
            double gn = gammaNeg.next(rnd), gp = gammas().next(rnd), c = clips.next(rnd);
            FocusingGradient f = focusing.next(rnd);
            AslSettings s = new AslSettings(gn, gp, c, 1e-8, f);
            double kink = c > 0 ? Math.log(c) - Math.log1p(-c) : Double.NaN;
            return new LossSpec("AsymmetricLoss[" + s + "]", r -> new AsymmetricLoss(s, r), kink);
        };
        return Gen.oneOf(bce, pwBce, focal, oneSided, asl);
    }
}
