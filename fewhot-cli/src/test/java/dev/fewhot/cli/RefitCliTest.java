package dev.fewhot.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fewhot.data.Dataset;
import dev.fewhot.data.DenseMatrix;
import dev.fewhot.data.LabelSets;
import dev.fewhot.data.Subsets;
import dev.fewhot.io.ModelFile;
import dev.fewhot.model.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --refit on}: each network is retrained on the training and validation rows for its
 * best epoch count. The data make the validation rows recognisable: label 3 ("z") and feature 11
 * occur in the validation rows of the seeded split only, so only a network that trained on them
 * can link the two.
 */
class RefitCliTest {
    static final int N = 400, F = 12, L = 4, Z = 3, Z_FEATURE = 11;
    static final double SPLIT = 0.1;
    static final long SEED = 0;
    @TempDir static Path dir;
    static Path data, trainPart, validPart;
    static BitSet validRows;
    static float[][] x;

    /** The rows {@code Subsets.split(_, SPLIT, SEED)} holds out of N rows (the split depends on N and the seed only). */
    static BitSet heldOutRows() {
        float[] ids = new float[N];
        for (int i = 0; i < N; i++) ids[i] = i;
        int[] ptr = new int[N + 1];
        Dataset d = new Dataset(new DenseMatrix(N, 1, ids), new LabelSets(N, 1, ptr, new int[0], null));
        Dataset valid = Subsets.split(d, SPLIT, SEED)[1];
        BitSet b = new BitSet();
        for (float v : ((DenseMatrix) valid.features()).data()) b.set((int) v);
        return b;
    }

    @BeforeAll
    static void writeData() throws IOException {
        validRows = heldOutRows();
        assertEquals(40, validRows.cardinality());
        SplittableRandom r = new SplittableRandom(3);
        x = new float[N][F];
        List<String> all = new ArrayList<>(), tr = new ArrayList<>(), va = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            int base = i % 3;
            x[i][base] = 1;
            for (int j = 3; j < Z_FEATURE; j++) if (r.nextDouble() < 0.3) x[i][j] = (float) r.nextDouble();
            boolean z = validRows.get(i);
            if (z) x[i][Z_FEATURE] = 1;
            StringBuilder sb = new StringBuilder(z ? base + "," + Z : String.valueOf(base));
            for (int j = 0; j < F; j++) if (x[i][j] != 0) sb.append(' ').append(j).append(':').append(x[i][j]);
            all.add(sb.toString());
            (z ? va : tr).add(sb.toString());
        }
        data = write("all.txt", all);
        trainPart = write("train.txt", tr);
        validPart = write("valid.txt", va);
    }

    static Path write(String name, List<String> rows) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, Stream.concat(Stream.of(rows.size() + " " + F + " " + L), rows.stream()).toList());
        return p;
    }

    /** A small bce run of 15 epochs on all.txt; {@code more} adds options or replaces the defaults'. */
    static List<String> args(Path model, String... more) {
        String[] defaults = {"--loss", "bce", "--hidden", "16", "--epochs", "15", "--batch", "32", "--lr", "0.01", "--seed",
            String.valueOf(SEED), "--threads", "1"};
        List<String> given = List.of(more);
        List<String> a = new ArrayList<>(List.of("train", "--train", data.toString(), "--model", model.toString(), "--json"));
        for (int i = 0; i < defaults.length; i += 2) {
            if (!given.contains(defaults[i])) a.addAll(List.of(defaults[i], defaults[i + 1]));
        }
        a.addAll(given);
        return a;
    }

    static JsonNode train(List<String> a) throws Exception {
        CliRunner.Result r = CliRunner.run(a.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return new ObjectMapper().readTree(r.out().strip());
    }

    /** The mean probability of label z over the rows with feature 11 (the validation rows). */
    static double meanZScore(Model m) {
        int[] rows = validRows.stream().toArray();
        float[] f = new float[rows.length * F];
        for (int i = 0; i < rows.length; i++) System.arraycopy(x[rows[i]], 0, f, i * F, F);
        float[] s = m.predictor(1).scores(new DenseMatrix(rows.length, F, f));
        double sum = 0;
        for (int i = 0; i < rows.length; i++) sum += s[i * L + Z];
        return sum / rows.length;
    }

    @Test
    void theRefitNetworkLearnedFromTheValidationRows() throws Exception {
        Path on = dir.resolve("on.fewhot"), off = dir.resolve("off.fewhot");
        JsonNode jo = train(args(on, "--valid-split", String.valueOf(SPLIT), "--refit", "on"));
        JsonNode jf = train(args(off, "--valid-split", String.valueOf(SPLIT), "--refit", "off"));
        Model mOn = ModelFile.load(on), mOff = ModelFile.load(off);
        double zOn = meanZScore(mOn), zOff = meanZScore(mOff);
        assertTrue(zOff < 0.05, "without refit label z was never seen: " + zOff);
        assertTrue(zOn > 0.5, "the refit network trained on the validation rows, where z goes with feature 11: " + zOn);
        assertEquals("on", jo.get("refit").asText());
        assertEquals(N, jo.get("refit_rows").asInt());
        assertEquals("[15]", jo.get("refit_epochs").toString());
        assertEquals("off", jf.get("refit").asText());
        // the training prior (for PSP) counts every row the final networks trained on
        assertEquals(N, mOn.prior().rows());
        assertEquals(N - validRows.cardinality(), mOff.prior().rows());
        assertEquals(validRows.cardinality(), mOn.prior().labelCounts()[Z]);
        assertEquals("on", mOn.provenance().get("refit"));
        assertEquals("[15]", mOn.provenance().get("refit_epochs"), "no early stopping: all 15 epochs");
        assertEquals("off", mOff.provenance().get("refit"));
        assertFalse(mOff.provenance().containsKey("refit_epochs"));
    }

    @Test
    void refitOnASeparateValidationFileTrainsOnBothFiles() throws Exception {
        Path on = dir.resolve("file-on.fewhot");
        List<String> a = args(on, "--valid", validPart.toString(), "--refit", "on");
        a.set(a.indexOf(data.toString()), trainPart.toString());
        JsonNode j = train(a);
        assertTrue(meanZScore(ModelFile.load(on)) > 0.5);
        assertEquals(N, j.get("refit_rows").asInt());
    }

    @Test
    void refitRepeatsEachMembersBestEpochAndTunesOnHeldOutScores() throws Exception {
        Path on = dir.resolve("es-on.fewhot"), off = dir.resolve("es-off.fewhot");
        String[] common = {"--valid-split", String.valueOf(SPLIT), "--ensemble", "3", "--early-stopping", "p@1", "--patience",
                "2", "--epochs", "40", "--tune-thresholds", "per-label", "--at-least-one"};
        List<String> aOn = args(on, common), aOff = args(off, common);
        aOn.addAll(List.of("--refit", "on"));
        JsonNode jo = train(aOn), jf = train(aOff);
        List<Integer> best = new ArrayList<>();
        jo.get("member_best_epochs").forEach(e -> best.add(e.asInt()));
        assertEquals(3, best.size());
        assertTrue(jo.get("epochs").asInt() < 40, "early stopping ended the first member: " + jo);
        assertEquals(jf.get("member_best_epochs"), jo.get("member_best_epochs"), "the same held-out runs");
        Model mOn = ModelFile.load(on), mOff = ModelFile.load(off);
        assertEquals(best.toString(), mOn.provenance().get("refit_epochs"));
        assertEquals(best.toString(), mOn.provenance().get("member_best_epochs"));
        assertEquals(3, mOn.members());
        // thresholds come from the validation scores of the networks that did not train on those rows
        assertEquals(mOff.rule(), mOn.rule());
        assertFalse(Arrays.equals(mOff.parameters(), mOn.parameters()));
    }

    @Test
    void refitRunsAreDeterministic() throws Exception {
        Path a = dir.resolve("d1.fewhot"), b = dir.resolve("d2.fewhot");
        for (Path m : List.of(a, b)) {
            List<String> args = args(m, "--valid-split", "0.2", "--refit", "on", "--ensemble", "2", "--dropout", "0.2",
                    "--patience", "2", "--early-stopping", "loss", "--threads", "2", "--seed", "4");
            train(args);
        }
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void aResumedRunRefitsToTheSameModel() throws Exception {
        Path ck = dir.resolve("ck"), a = dir.resolve("ck1.fewhot"), b = dir.resolve("ck2.fewhot");
        train(args(a, "--valid-split", String.valueOf(SPLIT), "--refit", "on", "--patience", "3", "--checkpoint-dir", ck.toString()));
        // the checkpoint holds the finished validation run; resuming from it repeats the refit only
        train(args(b, "--valid-split", String.valueOf(SPLIT), "--refit", "on", "--patience", "3", "--resume", ck.toString()));
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void refitNeedsValidationDataAndAKnownValue() {
        CliRunner.Result noValid = CliRunner.run(args(dir.resolve("x.fewhot"), "--refit", "on").toArray(String[]::new));
        assertEquals(2, noValid.code());
        assertTrue(noValid.err().contains("--refit on needs validation data"), noValid.err());
        CliRunner.Result bad = CliRunner.run(args(dir.resolve("y.fewhot"), "--valid-split", "0.1", "--refit", "yes")
                .toArray(String[]::new));
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--refit must be off or on, got 'yes'"), bad.err());
        // off without validation data is the historical run
        CliRunner.Result offOk = CliRunner.run(args(dir.resolve("z.fewhot"), "--refit", "off").toArray(String[]::new));
        assertEquals(0, offOk.code(), offOk.err());
    }
}
