package dev.fewhot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencyCommandTest {
    @TempDir
    static Path dir;
    static Path model, test;

    /** Exit code, standard output and the command line's error stream of one run. */
    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try (PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            System.setOut(ps);
            var cl = Main.commandLine();
            cl.setErr(new PrintWriter(err, true));
            int code = cl.execute(args);
            return new Run(code, buf.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(old);
        }
    }

    @BeforeAll
    static void tinyModel() {
        Run g = run("gen", "--out-dir", dir.toString(), "--train-rows", "200", "--test-rows", "20",
                "--features", "8", "--labels", "12");
        assertEquals(0, g.code(), g.err());
        model = dir.resolve("m.fewhot");
        test = dir.resolve("fewhot_test.txt");
        Run t = run("train", "--train", dir.resolve("fewhot_train.txt").toString(), "--model", model.toString(),
                "--hidden", "16", "--epochs", "1", "--threads", "1", "--json");
        assertEquals(0, t.code(), t.err());
    }

    @Test
    void printsLatencyJson() throws Exception {
        Run r = run("bench-latency", "--model", model.toString(), "--data", test.toString(),
                "--rows", "50", "--warmup", "5", "--threads", "1", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = new ObjectMapper().readTree(r.out().trim());
        for (String k : new String[] {"p50_us", "p90_us", "p99_us", "mean_us", "calls", "warmup", "threads", "quantize", "rows_in_data"}) {
            assertTrue(o.has(k), "missing key " + k + " in " + r.out());
        }
        assertEquals(50, o.get("calls").asInt());
        assertEquals(20, o.get("rows_in_data").asInt());
        double p50 = o.get("p50_us").asDouble(), p90 = o.get("p90_us").asDouble(), p99 = o.get("p99_us").asDouble();
        assertTrue(p50 > 0 && p50 <= p90 && p90 <= p99, r.out());
    }

    @Test
    void printsText() {
        Run r = run("bench-latency", "--model", model.toString(), "--data", test.toString(), "--rows", "10", "--warmup", "0");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("p50") && r.out().contains("p99"), r.out());
    }

    @Test
    void missingModelIsBadInput() {
        Run r = run("bench-latency", "--model", dir.resolve("no-such.fewhot").toString(), "--data", test.toString(), "--json");
        assertEquals(Main.EXIT_BAD_INPUT, r.code());
        assertTrue(r.err().contains("--model"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void badRowsNamesTheOption() {
        Run r = run("bench-latency", "--model", model.toString(), "--data", test.toString(), "--rows", "0");
        assertEquals(Main.EXIT_BAD_INPUT, r.code());
        assertTrue(r.err().contains("--rows"), r.err());
    }
}
