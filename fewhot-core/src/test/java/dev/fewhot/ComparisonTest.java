package dev.fewhot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fewhot.data.Dataset;
import dev.fewhot.data.synth.FewHotGenerator;
import dev.fewhot.loss.LossKind;
import dev.fewhot.train.Checkpointing;
import dev.fewhot.train.TrainingListener;
import java.util.List;
import org.junit.jupiter.api.Test;

/** compare's strategies as library calls, and the listener's checkpoint events. */
class ComparisonTest {
    @Test
    void strategiesParseIntoResamplingLossAndTuning() {
        Comparison.Strategy s = Comparison.Strategy.parse(" MLROS+pos-weight-sqrt+tuned ");
        assertEquals(Comparison.Resampling.MLROS, s.resample());
        assertEquals("pos-weight-sqrt", s.loss());
        assertTrue(s.tuned());
        assertEquals("mlros|pos-weight-sqrt", s.trainingKey());
        assertEquals(LossKind.BCE, s.lossSettings().kind());
        assertEquals(Comparison.Strategy.parse("mlros+pos-weight-sqrt").trainingKey(), s.trainingKey(), "+tuned shares the model");
        assertEquals(LossKind.FOCAL, Comparison.Strategy.parse("label-aware+cb-focal").lossSettings().kind());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Comparison.Strategy.parse("hinge"));
        assertTrue(e.getMessage().contains("unknown strategy 'hinge'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Comparison.parse(List.of()));
        assertTrue(e.getMessage().contains("at least one"), e.getMessage());
    }

    @Test
    void weightedStrategiesCarryTheirWeightsIntoTheLoss() {
        Dataset d = FewHotApiTest.data(FewHotGenerator.Split.TRAIN, 20, 8, 200, 3);
        String sqrt = Comparison.Strategy.parse("pos-weight-sqrt").lossSettings().spec(d.labels()).describe();
        String cb = Comparison.Strategy.parse("cb").lossSettings().spec(d.labels()).describe();
        assertTrue(sqrt.startsWith("bce ") && sqrt.contains("pos"), sqrt);
        assertTrue(cb.startsWith("bce ") && !cb.equals(sqrt), cb);
        assertEquals("bce", Comparison.Strategy.parse("bce").lossSettings().spec(d.labels()).describe());
    }

    @Test
    void everyStrategyIsScoredAndTunedOnesShareTheirModel() {
        Dataset full = FewHotApiTest.data(FewHotGenerator.Split.TRAIN, 20, 8, 300, 5);
        Dataset test = FewHotApiTest.data(FewHotGenerator.Split.TEST, 20, 8, 300, 5);
        Dataset[] parts = Comparison.split(full, null, null, 0);
        assertEquals(full.rows(), parts[0].rows() + parts[1].rows());
        List<Comparison.Outcome> out = Comparison.run(Comparison.parse(List.of("bce", "bce+tuned", "mlros+asl")),
                () -> FewHot.trainer().hidden(8).epochs(2).threads(1), parts[0], parts[1], test, st -> null);
        assertEquals(3, out.size());
        assertEquals(out.get(0).seconds(), out.get(1).seconds(), "bce+tuned reuses bce's model");
        assertTrue(out.get(2).trainRows() > parts[0].rows(), "ML-ROS clones rows");
        assertTrue(out.get(1).rule().toString().contains("PerLabel"), out.get(1).rule().toString());
        assertTrue(out.get(2).description().startsWith("mlros + asl"), out.get(2).description());
    }

    @Test
    void checkpointsAreReportedToTheListener() {
        Dataset d = FewHotApiTest.data(FewHotGenerator.Split.TRAIN, 10, 8, 100, 1);
        int[] saved = {0};
        TrainingListener l = new TrainingListener() {
            @Override public void checkpointSaved(int epoch, int batch) { saved[0]++; }
        };
        FewHot.trainer().hidden(8).epochs(3).batchSize(50).threads(1).listener(l)
                .checkpoints(new Checkpointing(1, s -> { }, null)).fit(d);
        assertEquals(6, saved[0], "one per batch: 2 batches in each of 3 epochs");
    }
}
