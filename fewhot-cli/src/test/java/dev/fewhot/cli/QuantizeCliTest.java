package dev.fewhot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --quantize none|int8} on bench-latency, predict and eval. */
class QuantizeCliTest {
    @TempDir
    static Path dir;
    static Path model, test;

    @BeforeAll
    static void smallModel() {
        CliRunner.Result g = CliRunner.run("gen", "--out-dir", dir.toString(), "--train-rows", "300", "--test-rows", "100",
                "--features", "16", "--labels", "12");
        assertEquals(0, g.code(), g.err());
        model = dir.resolve("m.fewhot");
        test = dir.resolve("fewhot_test.txt");
        CliRunner.Result t = CliRunner.run("train", "--train", dir.resolve("fewhot_train.txt").toString(), "--model",
                model.toString(), "--hidden", "32", "--epochs", "5", "--threads", "1", "--json");
        assertEquals(0, t.code(), t.err());
    }

    static JsonNode json(CliRunner.Result r) throws Exception {
        assertEquals(0, r.code(), r.err());
        return new ObjectMapper().readTree(r.out().trim());
    }

    @Test
    void latencyJsonSaysWhichWeights() throws Exception {
        JsonNode plain = json(CliRunner.run("bench-latency", "--model", model.toString(), "--data", test.toString(),
                "--rows", "20", "--warmup", "5", "--json"));
        assertEquals("none", plain.get("quantize").asText());
        JsonNode int8 = json(CliRunner.run("bench-latency", "--model", model.toString(), "--data", test.toString(),
                "--rows", "20", "--warmup", "5", "--quantize", "int8", "--json"));
        assertEquals("int8", int8.get("quantize").asText());
        assertTrue(int8.get("p50_us").asDouble() > 0, int8.toString());
    }

    @Test
    void latencyTextSaysInt8() {
        CliRunner.Result r = CliRunner.run("bench-latency", "--model", model.toString(), "--data", test.toString(),
                "--rows", "10", "--warmup", "0", "--quantize", "INT8");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("int8 weights") && r.out().contains("p99"), r.out());
    }

    @Test
    void evalMeasuresMoveLittle() throws Exception {
        JsonNode plain = json(CliRunner.run("eval", "--model", model.toString(), "--data", test.toString(), "--threads", "1",
                "--json"));
        JsonNode int8 = json(CliRunner.run("eval", "--model", model.toString(), "--data", test.toString(), "--threads", "1",
                "--quantize", "int8", "--json"));
        assertEquals("none", plain.get("quantize").asText());
        assertEquals("int8", int8.get("quantize").asText());
        // 100 rows: one row's top label changing moves P@1 by 0.01; allow two
        for (String k : new String[] {"p@1", "macro_f1", "micro_f1"}) {
            double a = plain.get(k).asDouble(), b = int8.get(k).asDouble();
            assertTrue(Math.abs(a - b) <= 0.02, k + ": float " + a + ", int8 " + b);
        }
        CliRunner.Result text = CliRunner.run("eval", "--model", model.toString(), "--data", test.toString(),
                "--quantize", "int8");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().lines().findFirst().orElse("").contains("int8 weights"), text.out());
    }

    @Test
    void predictWritesOneLinePerRow() {
        CliRunner.Result plain = CliRunner.run("predict", "--model", model.toString(), "--data", test.toString(), "--top-k", "1");
        CliRunner.Result int8 = CliRunner.run("predict", "--model", model.toString(), "--data", test.toString(), "--top-k", "1",
                "--quantize", "int8");
        assertEquals(0, plain.code(), plain.err());
        assertEquals(0, int8.code(), int8.err());
        String[] a = plain.out().split("\n"), b = int8.out().split("\n");
        assertEquals(100, a.length);
        assertEquals(100, b.length);
        int sameLabel = 0;
        for (int i = 0; i < a.length; i++) {
            assertTrue(b[i].matches("\\d+:[0-9.]+"), b[i]);
            if (a[i].split(":")[0].equals(b[i].split(":")[0])) sameLabel++;
        }
        assertTrue(sameLabel >= 98, sameLabel + " of 100 rows keep their top label");
        assertFalse(plain.out().equals(int8.out()), "the int8 scores are not the float ones");
    }

    @Test
    void aBadValueIsOneLineAndExitCode2() {
        for (String cmd : new String[] {"bench-latency", "predict", "eval"}) {
            CliRunner.Result r = CliRunner.run(cmd, "--model", model.toString(), "--data", test.toString(), "--quantize", "fp16");
            assertEquals(Main.EXIT_BAD_INPUT, r.code(), cmd);
            assertEquals("fewhot: --quantize must be none or int8, got 'fp16'", r.err().strip(), cmd);
            assertEquals("", r.out(), cmd);
        }
    }

    @Test
    void helpExplainsTheOption() {
        for (String cmd : new String[] {"bench-latency", "predict", "eval"}) {
            CliRunner.Result r = CliRunner.run(cmd, "--help");
            assertEquals(0, r.code());
            String help = r.out().replaceAll("\\s+", " ");
            assertTrue(help.contains("--quantize=none|int8"), help);
            assertTrue(help.contains("default none") && help.contains("per-column scales") && help.contains("check with eval"), help);
        }
    }
}
