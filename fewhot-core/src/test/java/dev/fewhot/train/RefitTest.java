package dev.fewhot.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fewhot.data.Dataset;
import dev.fewhot.data.synth.FewHotGenerator;
import dev.fewhot.loss.Loss;
import dev.fewhot.kernels.Activation;
import dev.fewhot.model.ModelConfig;
import dev.fewhot.optim.OptimizerSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Trainer#refit}: the first epochs of the configured run, schedule included, on the given rows. */
class RefitTest {
    static final ModelConfig MLP = new ModelConfig(10, List.of(16), 12, Activation.RELU, 0.2);

    /** A cosine run of 6 epochs with warm-up, dropout and AdamW: every part of the schedule matters. */
    static TrainerConfig cosine() {
        return new TrainerConfig(6, 32, 0.02, 4, TrainerConfig.Schedule.COSINE, OptimizerSettings.adamW(), 0, 9, 2,
                new EarlyStopping(EarlyStopping.ValidationMetric.LOSS, 2), TrainerConfig.OutputBiasInit.PRIOR_LOG_ODDS,
                dev.fewhot.blas.BlasChoice.JAVA, dev.fewhot.train.sampling.Sampler.shuffle());
    }

    @Test
    void refitForEEpochsEqualsEpochEOfTheFullScheduleRun() {
        Dataset train = CheckpointResumeTest.data(FewHotGenerator.Split.TRAIN, 150);
        Loss loss = CheckpointResumeTest.bce();
        Map<String, String> prov = Map.of("loss", "bce");
        // the uninterrupted run without validation, its parameters captured at every epoch's end
        List<float[]> atEpochEnd = new ArrayList<>();
        new Trainer(cosine(), null).train(MLP, loss, train, null, prov, new Checkpointing(0, s -> {
            if (s.batch() == 0) atEpochEnd.add(s.params());
        }, null));
        assertEquals(6, atEpochEnd.size());
        for (int e : new int[] {1, 3, 6}) {
            TrainResult r = new Trainer(cosine(), null).refit(MLP, null, loss, train, e, prov);
            assertEquals(e, r.epochsRun());
            assertEquals(e, r.bestEpoch());
            assertArrayEquals(atEpochEnd.get(e - 1), r.model().parameters(), "refit for " + e + " epochs");
        }
        // a run configured with 3 epochs decays its cosine over 3 epochs: not what the refit reproduces
        float[] shortRun = new Trainer(cosine().withEpochs(3), null).train(MLP, loss, train, null, prov).model().parameters();
        assertFalse(Arrays.equals(atEpochEnd.get(2), shortRun));
    }

    @Test
    void refitIgnoresEarlyStoppingAndKeepsTheLastEpoch() {
        Dataset train = CheckpointResumeTest.data(FewHotGenerator.Split.TRAIN, 150);
        Dataset valid = CheckpointResumeTest.data(FewHotGenerator.Split.TEST, 60);
        Loss loss = CheckpointResumeTest.bce();
        TrainResult held = new Trainer(cosine(), null).train(MLP, loss, train, valid, Map.of());
        assertEquals(held.validationValues().size(), held.epochsRun());
        TrainResult r = new Trainer(cosine(), null).refit(MLP, null, loss, train, 5, Map.of());
        assertEquals(5, r.epochsRun());
        assertEquals(List.of(), r.validationValues());
    }

    @Test
    void refitEpochsMustLieInTheRun() {
        Dataset train = CheckpointResumeTest.data(FewHotGenerator.Split.TRAIN, 50);
        Loss loss = CheckpointResumeTest.bce();
        Trainer t = new Trainer(cosine(), null);
        assertThrows(IllegalArgumentException.class, () -> t.refit(MLP, null, loss, train, 0, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> t.refit(MLP, null, loss, train, 7, Map.of()));
    }

    @Test
    void refitIdsParse() {
        assertEquals(Refit.ON, Refit.fromId(" On "));
        assertEquals(Refit.OFF, Refit.fromId("off"));
        assertEquals("on", Refit.ON.id());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Refit.fromId("yes"));
        assertEquals("--refit must be off or on, got 'yes'", e.getMessage());
    }
}
