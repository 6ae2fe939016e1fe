package dev.fewhot.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fewhot.testing.GoldenVectors;
import dev.fewhot.testing.ReferenceFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Parity with the PyTorch golden vectors ({@code loss_vectors.json} of the reference folder, see
 * its README; the repository carries it packed, losslessly, in the test resources
 * {@code golden/loss_vectors.packed.gz}, see {@link GoldenVectors}): every case x every configuration x {loss_none, loss_sum, loss_mean, grad_sum,
 * grad_mean}, tolerance {@code |a - b| <= 1e-6 + 1e-5 |b|}.
 *
 * <p>The file is {@code -Dfewhot.lossVectors=PATH} when given (a relative path is resolved
 * against the current directory, then against {@code fewhot.root}; .json, .json.gz or
 * .packed.gz), else the bundled copy. A missing file or an unknown
 * configuration name fails the test.
 */
class LossParityTest {
    static final double ATOL = 1e-6;
    static final double RTOL = 1e-5;

    static Path vectorsPath() {
        return ReferenceFiles.resolve("fewhot.lossVectors", "/golden/loss_vectors.packed.gz", "golden loss vectors");
    }

    @TestFactory
    List<DynamicNode> parityWithPyTorch() throws IOException {
        Path path = vectorsPath();
        JsonNode root = GoldenVectors.read(path);
        assertEquals("multilabel-loss-test-vectors/1", root.path("format").asText(), "format of " + path);
        JsonNode cases = root.path("cases");
        assertTrue(cases.isArray() && cases.size() > 0, "no cases in " + path);
        List<DynamicNode> out = new ArrayList<>();
        for (JsonNode c : cases) out.add(caseNode(c));
        return out;
    }

    private static DynamicNode caseNode(JsonNode c) {
        String name = c.path("name").asText();
        int rows = c.path("shape").get(0).asInt();
        int cols = c.path("shape").get(1).asInt();
        float[] logits = flatten(c.path("logits"), rows, cols, name + ".logits");
        float[] targets = flatten(c.path("targets"), rows, cols, name + ".targets");
        JsonNode params = c.path("params");
        List<DynamicNode> configs = new ArrayList<>();
        Iterator<String> names = c.path("losses").fieldNames();
        while (names.hasNext()) {
            String config = names.next();
            JsonNode expected = c.path("losses").get(config);
            configs.add(configNode(name, config, expected, params, logits, targets, rows, cols));
        }
        return dynamicContainer(name, configs);
    }

    /** Builds a fewhot loss (for a given reducer) for a configuration, reading {@code uses}. */
    static Function<Reducer, Loss> lossFor(String config, JsonNode uses, JsonNode params) {
        Uses u = new Uses(config, uses, params);
        Function<Reducer, Loss> f;
        switch (config) {
            case "bce", "bce_pos_weight_scalar", "bce_pos_weight_vector", "bce_weight", "bce_weight_pos_weight" -> {
                BceWeights w = u.bceWeights();
                f = r -> new BceWithLogits(w, r);
            }
            case "seed_wbce" -> {
                double w = u.number("w");
                f = r -> new PositiveWeightedBce(w, r);
            }
            case "seed_focal", "seed_focal_weight_pos_weight" -> {
                double gamma = u.number("gamma");
                BceWeights w = u.bceWeights();
                f = r -> new OneSidedFocalLoss(gamma, w, r);
            }
            case "tv_focal", "tv_focal_no_alpha" -> {
                double gamma = u.number("gamma");
                double alpha = u.number("alpha");
                // torchvision's sentinel alpha < 0 = no alpha weighting, mapped to the explicit option
                FocalSettings s = new FocalSettings(gamma, alpha < 0 ? OptionalDouble.empty() : OptionalDouble.of(alpha));
                BceWeights w = u.bceWeights();
                f = r -> new FocalLoss(s, w, r);
            }
            case "asl", "asl_detached" -> {
                FocusingGradient fg = u.flag("detach_focal") ? FocusingGradient.DETACHED : FocusingGradient.INSIDE;
                AslSettings s = new AslSettings(u.number("gamma_neg"), u.number("gamma_pos"), u.number("clip"),
                        u.number("eps"), fg);
                f = r -> new AsymmetricLoss(s, r);
            }
            default -> throw new AssertionError("unknown loss configuration '" + config
                    + "' in the golden vectors: map it to a fewhot loss in LossParityTest.lossFor");
        }
        u.requireAllConsumed();
        return f;
    }

    private static DynamicNode configNode(String caseName, String config, JsonNode expected, JsonNode params,
                                          float[] logits, float[] targets, int rows, int cols) {
        String where = caseName + "/" + config;
        Function<Reducer, Loss> factory;
        try {
            factory = lossFor(config, expected.path("uses"), params);
        } catch (AssertionError | RuntimeException e) {
            return dynamicTest(config + " (configuration)", () -> {
                throw new AssertionError(where + ": " + e.getMessage(), e);
            });
        }
        int n = rows * cols;
        Results res = new Results(factory, logits, targets, rows, cols);
        double[] gradSum = flatten64(expected.path("grad_sum"), rows, cols, where + ".grad_sum");
        double[] gradMean;
        if (expected.has("grad_mean")) {
            gradMean = flatten64(expected.path("grad_mean"), rows, cols, where + ".grad_mean");
        } else {
            gradMean = new double[n];
            for (int i = 0; i < n; i++) gradMean[i] = gradSum[i] / n;
        }
        double[] lossNone = flatten64(expected.path("loss_none"), rows, cols, where + ".loss_none");
        double lossSum = number(expected, "loss_sum", where);
        double lossMean = number(expected, "loss_mean", where);
        List<DynamicNode> tests = new ArrayList<>();
        tests.add(dynamicTest("loss_none", () -> {
            res.run();
            assertClose(where + " loss_none (SUM call)", lossNone, res.sumPer, cols, logits, targets);
            assertClose(where + " loss_none (MEAN call)", lossNone, res.meanPer, cols, logits, targets);
            assertClose(where + " loss_none (NONE call)", lossNone, res.nonePer, cols, logits, targets);
        }));
        tests.add(dynamicTest("loss_sum", () -> {
            res.run();
            assertClose(where + " loss_sum", lossSum, res.sum);
            assertClose(where + " value of NONE (= sum)", lossSum, res.none);
        }));
        tests.add(dynamicTest("loss_mean", () -> {
            res.run();
            assertClose(where + " loss_mean", lossMean, res.mean);
        }));
        tests.add(dynamicTest("grad_sum", () -> {
            res.run();
            assertClose(where + " grad_sum", gradSum, res.sumGrad, cols, logits, targets);
            assertClose(where + " grad of NONE (= grad_sum)", gradSum, res.noneGrad, cols, logits, targets);
        }));
        tests.add(dynamicTest("grad_mean", () -> {
            res.run();
            assertClose(where + " grad_mean", gradMean, res.meanGrad, cols, logits, targets);
        }));
        return dynamicContainer(config, tests);
    }

    /** Runs the loss once per reduction, on first use. */
    private static final class Results {
        final Function<Reducer, Loss> factory;
        final float[] logits;
        final float[] targets;
        final int rows;
        final int cols;
        boolean done;
        double sum;
        double mean;
        double none;
        float[] sumGrad;
        float[] sumPer;
        float[] meanGrad;
        float[] meanPer;
        float[] noneGrad;
        float[] nonePer;

        Results(Function<Reducer, Loss> factory, float[] logits, float[] targets, int rows, int cols) {
            this.factory = factory;
            this.logits = logits;
            this.targets = targets;
            this.rows = rows;
            this.cols = cols;
        }

        void run() {
            if (done) return;
            int n = rows * cols;
            sumGrad = new float[n];
            sumPer = new float[n];
            meanGrad = new float[n];
            meanPer = new float[n];
            noneGrad = new float[n];
            nonePer = new float[n];
            sum = factory.apply(Reduction.SUM).compute(logits, targets, rows, cols, sumGrad, sumPer);
            mean = factory.apply(Reduction.MEAN).compute(logits, targets, rows, cols, meanGrad, meanPer);
            none = factory.apply(Reduction.NONE).compute(logits, targets, rows, cols, noneGrad, nonePer);
            done = true;
        }
    }

    static boolean close(double expected, double actual) {
        return Math.abs(actual - expected) <= ATOL + RTOL * Math.abs(expected);
    }

    static void assertClose(String what, double expected, double actual) {
        if (!close(expected, actual)) {
            fail(what + ": expected " + expected + ", got " + actual + " (|diff| " + Math.abs(actual - expected)
                    + " > " + (ATOL + RTOL * Math.abs(expected)) + ")");
        }
    }

    static void assertClose(String what, double[] expected, float[] actual, int cols, float[] logits, float[] targets) {
        assertEquals(expected.length, actual.length, what + ": length");
        int bad = 0;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < expected.length; i++) {
            if (!close(expected[i], actual[i])) {
                if (bad < 5) {
                    sb.append("\n  [").append(i).append("] (row ").append(i / cols).append(", label ").append(i % cols)
                            .append(") x=").append(logits[i]).append(" y=").append(targets[i])
                            .append(": expected ").append(expected[i]).append(", got ").append(actual[i]);
                }
                bad++;
            }
        }
        if (bad > 0) fail(what + ": " + bad + " of " + expected.length + " elements differ" + sb);
    }

    private static double number(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.isNumber()) fail(where + ": missing number " + field);
        return v.asDouble();
    }

    static float[] flatten(JsonNode m, int rows, int cols, String what) {
        double[] d = flatten64(m, rows, cols, what);
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
        return f;
    }

    static double[] flatten64(JsonNode m, int rows, int cols, String what) {
        if (!m.isArray() || m.size() != rows) fail(what + ": expected " + rows + " rows");
        double[] d = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            JsonNode row = m.get(r);
            if (!row.isArray() || row.size() != cols) fail(what + ": row " + r + " must have " + cols + " values");
            for (int c = 0; c < cols; c++) d[r * cols + c] = row.get(c).asDouble();
        }
        return d;
    }

    /** A configuration's {@code uses}: role -> parameter name (string) or literal value. */
    private static final class Uses {
        final String config;
        final JsonNode uses;
        final JsonNode params;
        final Set<String> consumed = new HashSet<>();

        Uses(String config, JsonNode uses, JsonNode params) {
            if (uses == null || !uses.isObject()) throw new AssertionError(config + ": missing 'uses' object");
            this.config = config;
            this.uses = uses;
            this.params = params;
        }

        JsonNode value(String role) {
            consumed.add(role);
            JsonNode v = uses.get(role);
            if (v == null) return null;
            if (v.isTextual()) {
                JsonNode p = params.get(v.asText());
                if (p == null) throw new AssertionError(config + ": uses." + role + " names missing param " + v.asText());
                return p;
            }
            return v;
        }

        double number(String role) {
            JsonNode v = value(role);
            if (v == null || !v.isNumber()) throw new AssertionError(config + ": uses." + role + " must give a number");
            return v.asDouble();
        }

        boolean flag(String role) {
            JsonNode v = value(role);
            return v != null && v.asBoolean();
        }

        LabelWeights weights(String role) {
            JsonNode v = value(role);
            if (v == null) return LabelWeights.none();
            if (v.isNumber()) return LabelWeights.scalar(v.asDouble());
            if (v.isArray()) {
                double[] d = new double[v.size()];
                for (int i = 0; i < d.length; i++) d[i] = v.get(i).asDouble();
                return LabelWeights.perLabel(d);
            }
            throw new AssertionError(config + ": uses." + role + " must be a number or an array");
        }

        BceWeights bceWeights() {
            return new BceWeights(weights("weight"), weights("pos_weight"));
        }

        void requireAllConsumed() {
            Iterator<String> it = uses.fieldNames();
            while (it.hasNext()) {
                String k = it.next();
                if (!consumed.contains(k)) {
                    throw new AssertionError(config + ": uses." + k + " is not understood by LossParityTest.lossFor");
                }
            }
        }
    }
}
