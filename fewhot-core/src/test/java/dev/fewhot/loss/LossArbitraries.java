package dev.fewhot.loss;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Generators shared by the loss property tests. */
final class LossArbitraries {
    private LossArbitraries() {}

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

    static Arbitrary<Float> moderateLogits() {
        return Arbitraries.floats().between(-8f, 8f);
    }

    static Arbitrary<Float> extremeLogits() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.floats().between(-1e4f, 1e4f)),
                Tuple.of(4, Arbitraries.of(1e4f, -1e4f, 0f, -0f, Math.nextDown(1e4f), -Math.nextDown(1e4f),
                        30f, -30f, 100f, -100f, 88.7f, -88.7f, 745.2f, -745.2f, 1e6f, -1e6f, 1e30f, -1e30f)),
                Tuple.of(1, Arbitraries.floats().between(-1e30f, 1e30f)));
    }

    static Arbitrary<Float> targets() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(0f)),
                Tuple.of(3, Arbitraries.just(1f)),
                Tuple.of(3, Arbitraries.floats().between(0f, 1f)),
                Tuple.of(1, Arbitraries.of(0.5f, Float.MIN_VALUE, Math.nextDown(1f), 0.01f, 0.99f)));
    }

    static Arbitrary<Batch> batches(Arbitrary<Float> logits) {
        return Combinators.combine(Arbitraries.integers().between(1, 4), Arbitraries.integers().between(1, 6))
                .as(Tuple::of)
                .flatMap(rc -> {
                    int rows = rc.get1();
                    int cols = rc.get2();
                    int n = rows * cols;
                    return Combinators.combine(floatArrays(logits, n), floatArrays(targets(), n))
                            .as((x, y) -> new Batch(rows, cols, x, y));
                });
    }

    static Arbitrary<float[]> floatArrays(Arbitrary<Float> elements, int n) {
        return elements.list().ofSize(n).map(LossArbitraries::toArray);
    }

    static float[] toArray(List<Float> l) {
        float[] a = new float[l.size()];
        for (int i = 0; i < a.length; i++) a[i] = l.get(i);
        return a;
    }

    /** A batch with every loss kind, with random settings. */
    static Arbitrary<Scenario> scenarios(Arbitrary<Float> logits, boolean smoothAslOnly) {
        return batches(logits).flatMap(b -> losses(b.cols(), smoothAslOnly).map(l -> new Scenario(b, l)));
    }

    static Arbitrary<LabelWeights> labelWeights(int cols) {
        return Arbitraries.oneOf(
                Arbitraries.just(LabelWeights.none()),
                Arbitraries.doubles().between(0, 5).map(LabelWeights::scalar),
                Arbitraries.doubles().between(0, 5).list().ofSize(cols)
                        .map(l -> LabelWeights.perLabel(l.stream().mapToDouble(Double::doubleValue).toArray())));
    }

    static Arbitrary<BceWeights> bceWeights(int cols) {
        return Combinators.combine(labelWeights(cols), labelWeights(cols)).as(BceWeights::new);
    }

    static Arbitrary<Double> gammas() {
        return Arbitraries.oneOf(Arbitraries.of(0.0, 0.5, 1.0, 2.0, 4.0), Arbitraries.doubles().between(0, 5));
    }

    /**
     * Every loss kind. With {@code smoothAslOnly} (for finite differences), ASL's gammaNeg avoids
     * (0, 1) and (1, 2), where the negative weight p_m^gammaNeg has an unbounded first or second
     * derivative at the clip, and the focusing weight is inside the gradient.
     */
    static Arbitrary<LossSpec> losses(int cols, boolean smoothAslOnly) {
        Arbitrary<LossSpec> bce = bceWeights(cols).map(w ->
                new LossSpec("BceWithLogits[" + w + "]", r -> new BceWithLogits(w, r), Double.NaN));
        Arbitrary<LossSpec> pwBce = Arbitraries.doubles().between(0, 20).map(w ->
                new LossSpec("PositiveWeightedBce[" + w + "]", r -> new PositiveWeightedBce(w, r), Double.NaN));
        Arbitrary<OptionalDouble> alphas = Arbitraries.oneOf(Arbitraries.just(OptionalDouble.empty()),
                Arbitraries.doubles().between(0, 1).map(OptionalDouble::of));
        Arbitrary<LossSpec> focal = Combinators.combine(gammas(), alphas, bceWeights(cols)).as((g, a, w) -> {
            FocalSettings s = new FocalSettings(g, a);
            return new LossSpec("FocalLoss[" + s + ", " + w + "]", r -> new FocalLoss(s, w, r), Double.NaN);
        });
        Arbitrary<LossSpec> oneSided = Combinators.combine(gammas(), bceWeights(cols)).as((g, w) ->
                new LossSpec("OneSidedFocalLoss[" + g + ", " + w + "]", r -> new OneSidedFocalLoss(g, w, r), Double.NaN));
        Arbitrary<Double> gammaNeg = smoothAslOnly
                ? Arbitraries.oneOf(Arbitraries.of(0.0, 1.0, 2.0, 4.0), Arbitraries.doubles().between(2, 5))
                : gammas();
        Arbitrary<Double> clips = Arbitraries.oneOf(Arbitraries.of(0.0, 0.05), Arbitraries.doubles().between(0, 0.3));
        // DETACHED's gradient is deliberately not the derivative of the value: not for finite differences
        Arbitrary<FocusingGradient> focusing = smoothAslOnly
                ? Arbitraries.just(FocusingGradient.INSIDE) : Arbitraries.of(FocusingGradient.class);
        Arbitrary<LossSpec> asl = Combinators.combine(gammaNeg, gammas(), clips, focusing)
                .as((gn, gp, c, f) -> {
                    AslSettings s = new AslSettings(gn, gp, c, 1e-8, f);
                    double kink = c > 0 ? Math.log(c) - Math.log1p(-c) : Double.NaN;
                    return new LossSpec("AsymmetricLoss[" + s + "]", r -> new AsymmetricLoss(s, r), kink);
                });
        return Arbitraries.oneOf(bce, pwBce, focal, oneSided, asl);
    }
}
