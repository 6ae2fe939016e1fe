package dev.fewhot.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fewhot.kernels.Activation;
import dev.fewhot.model.ModelConfig;
import dev.fewhot.optim.OptimizerSettings;
import dev.fewhot.train.sampling.LabelAwareSampler;
import dev.fewhot.train.sampling.Sampler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings a checkpoint stores come back as equal typed records (what resume compares). */
class SettingsRoundTripTest {
    @Test
    void trainerSettingsRoundTrip() {
        for (TrainerConfig tc : List.of(TrainerConfig.defaults(),
                new TrainerConfig(7, 33, 0.1 + 0.2, 11, TrainerConfig.Schedule.COSINE, OptimizerSettings.adamW().withWeightDecay(1e-5),
                        0.75, -3, 2, new EarlyStopping(EarlyStopping.ValidationMetric.P_AT_5, 4), TrainerConfig.OutputBiasInit.UNIFORM,
                        dev.fewhot.blas.BlasChoice.AUTO, new LabelAwareSampler(0.5)),
                TrainerConfig.defaults().withSampler(LabelAwareSampler.uniform()))) {
            assertEquals(tc, TrainerConfig.fromSettings(tc.toSettings()), tc.toString());
        }
    }

    @Test
    void modelSettingsRoundTrip() {
        for (ModelConfig c : List.of(ModelConfig.linear(5, 3), new ModelConfig(10, List.of(8, 4), 2, Activation.GELU, 0.25))) {
            assertEquals(c, ModelConfig.fromSettings(c.toSettings()));
        }
    }

    @Test
    void badEntriesNameTheSetting() {
        Map<String, String> m = new HashMap<>(TrainerConfig.defaults().toSettings());
        m.put("lr", "fast");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainerConfig.fromSettings(m));
        assertTrue(e.getMessage().startsWith("lr:"), e.getMessage());
        m.remove("lr");
        e = assertThrows(IllegalArgumentException.class, () -> TrainerConfig.fromSettings(m));
        assertEquals("lr: missing", e.getMessage());
        assertEquals(Sampler.shuffle(), Sampler.parse(Sampler.shuffle().describe()));
    }
}
