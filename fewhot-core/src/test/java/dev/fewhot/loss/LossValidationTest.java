package dev.fewhot.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Argument validation of the losses and their settings: exceptions and their messages. */
class LossValidationTest {
    static final List<Loss> LOSSES = List.of(
            BceWithLogits.unweighted(Reduction.MEAN),
            new PositiveWeightedBce(5, Reduction.MEAN),
            FocalLoss.defaults(Reduction.MEAN),
            new OneSidedFocalLoss(2, BceWeights.none(), Reduction.MEAN),
            AsymmetricLoss.defaults(Reduction.SUM),
            new BceWithLogits(BceWeights.none(), (l, r, c, d) -> 0.0));

    private static String message(Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    private static void assertContains(String message, String... parts) {
        for (String p : parts) assertTrue(message.contains(p), "message '" + message + "' lacks '" + p + "'");
    }

    @Test
    void mismatchedShapesNameTheArgumentAndLength() {
        for (Loss loss : LOSSES) {
            float[] x = new float[8];
            float[] y = new float[8];
            assertContains(message(() -> loss.compute(new float[7], y, 2, 4, null, null)), "logits", "8", "got 7");
            assertContains(message(() -> loss.compute(x, new float[5], 2, 4, null, null)), "targets", "8", "got 5");
            assertContains(message(() -> loss.compute(x, y, 2, 4, new float[3], null)), "grad", "8", "got 3");
            assertContains(message(() -> loss.compute(x, y, 2, 4, null, new float[6])), "perElement", "8", "got 6");
            assertContains(message(() -> loss.compute(x, y, -1, 4, null, null)), "rows must be >= 0, got -1");
            assertContains(message(() -> loss.compute(x, y, 2, -4, null, null)), "cols must be >= 0, got -4");
            assertContains(message(() -> loss.compute(null, y, 2, 4, null, null)), "logits must not be null");
            assertContains(message(() -> loss.compute(x, null, 2, 4, null, null)), "targets must not be null");
            assertContains(message(() -> loss.compute(x, y, 70000, 70000, null, null)), "rows * cols");
        }
    }

    @Test
    void longerReusedBuffersUseOnlyTheirFirstRowsTimesColsElements() {
        for (Loss loss : LOSSES) {
            float[] x = {0.5f, -1f, 2f, 0f, 99f, 99f};
            float[] y = {1f, 0f, 0f, 1f, 7f, -3f};        // the tail would be invalid targets if read
            float[] g = new float[6], e = new float[6];
            g[4] = g[5] = e[4] = e[5] = 42f;
            double v = loss.compute(x, y, 2, 2, g, e);
            float[] g2 = new float[4], e2 = new float[4];
            double v2 = loss.compute(java.util.Arrays.copyOf(x, 4), java.util.Arrays.copyOf(y, 4), 2, 2, g2, e2);
            assertEquals(v2, v, 0.0);
            for (int i = 0; i < 4; i++) {
                assertEquals(g2[i], g[i], 0f);
                assertEquals(e2[i], e[i], 0f);
            }
            assertEquals(42f, g[4], 0f);
            assertEquals(42f, e[5], 0f);
        }
    }

    @Test
    void outputsMustNotAliasTheInputs() {
        for (Loss loss : LOSSES) {
            float[] x = new float[4];
            float[] y = new float[4];
            float[] g = new float[4];
            assertContains(message(() -> loss.compute(x, y, 1, 4, x, null)), "grad");
            assertContains(message(() -> loss.compute(x, y, 1, 4, null, y)), "perElement");
            assertContains(message(() -> loss.compute(x, y, 1, 4, g, g)), "perElement", "grad");
        }
    }

    @Test
    void targetsOutOfRangeOrNaNNameIndexRowLabelAndValue() {
        for (Loss loss : LOSSES) {
            float[] x = new float[8];
            float[] y = new float[8];
            y[3] = 1.5f;
            assertEquals("targets[3] (row 0, label 3) must be in [0, 1], got 1.5",
                    message(() -> loss.compute(x, y, 2, 4, null, null)));
            y[3] = 0;
            y[6] = Float.NaN;
            assertEquals("targets[6] (row 1, label 2) must be in [0, 1], got NaN",
                    message(() -> loss.compute(x, y, 2, 4, null, null)));
            y[6] = -0.25f;
            assertEquals("targets[6] (row 1, label 2) must be in [0, 1], got -0.25",
                    message(() -> loss.compute(x, y, 2, 4, null, null)));
            y[6] = Float.POSITIVE_INFINITY;
            assertContains(message(() -> loss.compute(x, y, 2, 4, null, null)), "targets[6]", "got Infinity");
        }
    }

    @Test
    void outputsAreUntouchedWhenValidationFails() {
        float[] x = {1, 2};
        float[] y = {0, 2};
        float[] g = {7, 7};
        float[] p = {7, 7};
        assertThrows(IllegalArgumentException.class, () -> FocalLoss.defaults(Reduction.SUM).compute(x, y, 1, 2, g, p));
        assertEquals(7f, g[0]);
        assertEquals(7f, p[0]);
    }

    @Test
    void perLabelVectorLengthIsCheckedAtCallTime() {
        BceWeights w = BceWeights.none().withPosWeight(LabelWeights.perLabel(1.0, 2.0, 3.0));
        float[] x = new float[8];
        float[] y = new float[8];
        for (Loss loss : List.of(new BceWithLogits(w, Reduction.SUM), new FocalLoss(FocalSettings.defaults(), w, Reduction.SUM),
                new OneSidedFocalLoss(2, w, Reduction.SUM))) {
            assertEquals("posWeight: per-label vector has 3 entries but the batch has cols = 4 labels",
                    message(() -> loss.compute(x, y, 2, 4, null, null)));
        }
        BceWeights w2 = BceWeights.none().withWeight(LabelWeights.perLabel(new float[] {1, 2, 3, 4, 5}));
        assertContains(message(() -> new BceWithLogits(w2, Reduction.SUM).compute(x, y, 2, 4, null, null)),
                "weight:", "5 entries", "cols = 4");
        // the right length works
        float[] g = new float[6];
        new BceWithLogits(w, Reduction.SUM).compute(new float[6], new float[6], 2, 3, g, null);
    }

    @Test
    void labelWeightsValidation() {
        assertEquals("weight must be >= 0, got -1.0", message(() -> LabelWeights.scalar(-1)));
        assertEquals("weight must be finite, got NaN", message(() -> LabelWeights.scalar(Double.NaN)));
        assertEquals("weights[1] must be finite and >= 0, got -2.0", message(() -> LabelWeights.perLabel(1.0, -2.0)));
        assertEquals("weights[0] must be finite and >= 0, got Infinity",
                message(() -> LabelWeights.perLabel(Float.POSITIVE_INFINITY)));
        double[] v = {1, 2};
        LabelWeights w = LabelWeights.perLabel(v);
        v[0] = 100;
        assertEquals(1.0, w.get(0), "vector is copied in");
        assertTrue(LabelWeights.none().isNone());
        assertEquals(1.0, LabelWeights.none().get(5));
        assertEquals(3.0, LabelWeights.scalar(3).get(5));
        assertEquals(2, w.length());
    }

    @Test
    void focalSettingsValidation() {
        assertEquals("gamma must be >= 0, got -1.0", message(() -> new FocalSettings(-1, OptionalDouble.empty())));
        assertEquals("gamma must be finite, got NaN", message(() -> FocalSettings.withoutAlpha(Double.NaN)));
        assertEquals("gamma must be finite, got Infinity", message(() -> FocalSettings.defaults().withGamma(Double.POSITIVE_INFINITY)));
        assertEquals("alpha must be in [0, 1], got 1.5", message(() -> FocalSettings.defaults().withAlpha(1.5)));
        assertEquals("alpha must be in [0, 1], got -1.0", message(() -> FocalSettings.defaults().withAlpha(-1)));
        assertEquals("alpha must be in [0, 1], got NaN", message(() -> FocalSettings.defaults().withAlpha(Double.NaN)));
        FocalSettings d = FocalSettings.defaults();
        assertEquals(2.0, d.gamma());
        assertEquals(OptionalDouble.of(0.25), d.alpha());
        assertEquals(OptionalDouble.empty(), d.withoutAlpha().alpha());
    }

    @Test
    void aslSettingsValidation() {
        AslSettings d = AslSettings.defaults();
        assertEquals(new AslSettings(4, 1, 0.05, 1e-8, FocusingGradient.INSIDE), d);
        assertEquals("gammaNeg must be >= 0, got -1.0", message(() -> d.withGammas(-1, 1)));
        assertEquals("gammaPos must be >= 0, got -0.5", message(() -> d.withGammas(4, -0.5)));
        assertEquals("gammaPos must be finite, got NaN", message(() -> d.withGammas(4, Double.NaN)));
        assertEquals("clip must be in [0, 1), got 1.0", message(() -> d.withClip(1)));
        assertEquals("clip must be in [0, 1), got -0.05", message(() -> d.withClip(-0.05)));
        assertEquals("eps must be > 0, got 0.0", message(() -> d.withEps(0)));
        assertEquals("eps must be finite, got Infinity", message(() -> d.withEps(Double.POSITIVE_INFINITY)));
        assertThrows(NullPointerException.class, () -> d.withFocusing(null));
        assertEquals(FocusingGradient.DETACHED, d.withFocusing(FocusingGradient.DETACHED).focusing());
    }

    @Test
    void lossConstructorValidation() {
        assertEquals("positiveWeight must be >= 0, got -3.0", message(() -> new PositiveWeightedBce(-3, Reduction.MEAN)));
        assertEquals("gamma must be >= 0, got -1.0",
                message(() -> new OneSidedFocalLoss(-1, BceWeights.none(), Reduction.MEAN)));
        assertThrows(NullPointerException.class, () -> new BceWithLogits(BceWeights.none(), null));
        assertThrows(NullPointerException.class, () -> new BceWithLogits(null, Reduction.SUM));
        assertThrows(NullPointerException.class, () -> new BceWeights(null, LabelWeights.none()));
    }

    @Test
    void emptyBatch() {
        for (Loss loss : LOSSES) {
            if (!(loss.reducer() instanceof Reduction)) continue;
            assertEquals(0.0, loss.compute(new float[0], new float[0], 0, 7, new float[0], new float[0]));
            assertEquals(0.0, loss.compute(new float[0], new float[0], 3, 0, null, null));
        }
        assertEquals(0.0, BceWithLogits.unweighted(Reduction.MEAN).compute(new float[0], new float[0], 0, 0, null, null),
                "mean of zero elements is 0");
    }

    @Test
    void warmupKernelsAreTheOnesTheLossCalls() {
        java.util.Map<LossKind, java.util.Set<dev.fewhot.kernels.Warmup.Loss>> want = new java.util.EnumMap<>(LossKind.class);
        want.put(LossKind.BCE, java.util.EnumSet.of(dev.fewhot.kernels.Warmup.Loss.BCE));
        want.put(LossKind.FOCAL, java.util.EnumSet.of(dev.fewhot.kernels.Warmup.Loss.FOCAL));
        want.put(LossKind.ASL, java.util.EnumSet.of(dev.fewhot.kernels.Warmup.Loss.ASYMMETRIC));
        for (LossKind k : new LossKind[] {LossKind.WEIGHTED_BCE, LossKind.FOCAL_ONE_SIDED, LossKind.DB}) {
            want.put(k, java.util.EnumSet.noneOf(dev.fewhot.kernels.Warmup.Loss.class));
        }
        for (LossKind k : LossKind.values()) {
            assertEquals(want.get(k), LossSettings.of(k).warmupKernels(), k.id());
        }
        // no kind: the recipe takes asl or bce
        assertEquals(java.util.EnumSet.of(dev.fewhot.kernels.Warmup.Loss.ASYMMETRIC, dev.fewhot.kernels.Warmup.Loss.BCE),
                LossSettings.of(null).warmupKernels());
    }
}
