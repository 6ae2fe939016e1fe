package dev.fewhot.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fewhot.data.Dataset;
import dev.fewhot.data.DatasetBuilder;
import dev.fewhot.data.synth.FewHotGenerator;
import dev.fewhot.data.synth.FewHotSettings;
import dev.fewhot.io.ModelFile;
import dev.fewhot.loss.Loss;
import dev.fewhot.kernels.Activation;
import dev.fewhot.model.ModelConfig;
import dev.fewhot.optim.OptimizerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Resuming from any checkpoint (mid-epoch or at an epoch's end, through the file format) gives
 * a model file byte-identical to the uninterrupted run's.
 */
class CheckpointResumeTest {
    @TempDir Path dir;

    static Dataset data(FewHotGenerator.Split split, int rows) {
        FewHotSettings s = FewHotSettings.defaults().withShape(12, 10).withRows(rows, 60).withSeed(7);
        DatasetBuilder b = new DatasetBuilder();
        new FewHotGenerator(s).generate(split, b);
        return b.build(10, 12, List.of(), List.of());
    }

    static Loss bce() {
        return dev.fewhot.loss.LossSpec.of(dev.fewhot.loss.LossKind.BCE).build();
    }

    static Stream<Arguments> runs() {
        TrainerConfig base = TrainerConfig.defaults().withEpochs(3).withBatch(32).withThreads(2).withSeed(11).withLr(0.01);
        TrainerConfig sgd = new TrainerConfig(3, 32, 0.05, 3, TrainerConfig.Schedule.COSINE, OptimizerSettings.sgd(), 1.0, 5, 1,
                EarlyStopping.off(), TrainerConfig.OutputBiasInit.UNIFORM, dev.fewhot.blas.BlasChoice.JAVA,
                dev.fewhot.train.sampling.Sampler.shuffle());
        TrainerConfig es = new TrainerConfig(6, 32, 0.05, 0, TrainerConfig.Schedule.CONSTANT, OptimizerSettings.adamW(), 0, 3, 2,
                new EarlyStopping(EarlyStopping.ValidationMetric.LOSS, 1), TrainerConfig.OutputBiasInit.PRIOR_LOG_ODDS,
                dev.fewhot.blas.BlasChoice.JAVA, dev.fewhot.train.sampling.Sampler.shuffle());
        ModelConfig mlp = new ModelConfig(10, List.of(16), 12, Activation.GELU, 0.2);
        return Stream.of(Arguments.of("adam-mlp-dropout", base, mlp, false),
                Arguments.of("sgd-linear-cosine-clip", sgd, ModelConfig.linear(10, 12), false),
                Arguments.of("adamw-early-stopping", es, new ModelConfig(10, List.of(8), 12, Activation.RELU, 0.0), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void resumingFromEveryCheckpointGivesTheSameModelFile(String name, TrainerConfig tc, ModelConfig cfg, boolean withValid)
            throws Exception {
        Dataset train = data(FewHotGenerator.Split.TRAIN, 150);
        Dataset valid = withValid ? data(FewHotGenerator.Split.TEST, 60) : null;
        Loss loss = bce();
        Map<String, String> prov = Map.of("loss", "bce", "run", name);
        TrainResult full = new Trainer(tc, null).train(cfg, loss, train, valid, prov);
        Path ref = dir.resolve("ref.fewhot");
        ModelFile.save(full.model(), ref);
        byte[] expected = Files.readAllBytes(ref);

        List<Path> states = new ArrayList<>();
        Path ckDir = dir.resolve("ck");
        Files.createDirectories(ckDir);
        new Trainer(tc, null).train(cfg, loss, train, valid, prov, new Checkpointing(2, s -> {
            Path p = ckDir.resolve("s" + states.size() + ".fewhot");
            CheckpointFile.save(s, p);
            states.add(p);
        }, null));
        assertTrue(states.size() >= 6, "checkpoints written: " + states.size());
        System.out.println(name + ": resuming from each of " + states.size() + " checkpoints");
        for (Path p : states) {
            TrainingState s = CheckpointFile.load(p);
            TrainResult r = new Trainer(tc, null).train(cfg, loss, train, valid, prov, new Checkpointing(0, null, s));
            Path out = dir.resolve("resumed.fewhot");
            ModelFile.save(r.model(), out);
            assertArrayEquals(expected, Files.readAllBytes(out), name + ": resumed from " + p.getFileName()
                    + " (epoch " + s.epoch() + ", batch " + s.batch() + ")");
            assertEquals(full.epochLosses(), r.epochLosses());
            assertEquals(full.validationValues(), r.validationValues());
            assertEquals(full.bestEpoch(), r.bestEpoch());
        }
    }

    @Test
    void resumeRefusesOtherDataAndOtherSettings() throws Exception {
        TrainerConfig tc = TrainerConfig.defaults().withEpochs(2).withBatch(32).withThreads(1);
        ModelConfig cfg = ModelConfig.linear(10, 12);
        Dataset train = data(FewHotGenerator.Split.TRAIN, 100);
        List<TrainingState> states = new ArrayList<>();
        new Trainer(tc, null).train(cfg, bce(), train, null, Map.of(), new Checkpointing(1, states::add, null));
        TrainingState s = states.get(1);
        Dataset other = data(FewHotGenerator.Split.TEST, 100);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Trainer(tc, null)
                .train(cfg, bce(), other, null, Map.of(), new Checkpointing(0, null, s)));
        assertTrue(e.getMessage().contains("training data differ"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Trainer(tc.withLr(0.5), null)
                .train(cfg, bce(), train, null, Map.of(), new Checkpointing(0, null, s)));
        assertTrue(e.getMessage().contains("lr=0.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Trainer(tc.withThreads(2), null)
                .train(cfg, bce(), train, null, Map.of(), new Checkpointing(0, null, s)));
        assertTrue(e.getMessage().contains("threads=2"), e.getMessage());
    }

    @Test
    void nonFiniteGradientStopsWithEpochAndBatch() {
        // a huge learning rate with SGD blows the parameters up until the gradient overflows
        TrainerConfig tc = new TrainerConfig(50, 16, 1e30, 0, TrainerConfig.Schedule.CONSTANT, OptimizerSettings.sgd(), 0, 1, 1,
                EarlyStopping.off(), TrainerConfig.OutputBiasInit.UNIFORM, dev.fewhot.blas.BlasChoice.JAVA,
                dev.fewhot.train.sampling.Sampler.shuffle());
        Dataset train = data(FewHotGenerator.Split.TRAIN, 64);
        List<TrainingState> states = new ArrayList<>();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> new Trainer(tc, null)
                .train(new ModelConfig(10, List.of(8), 12, Activation.RELU, 0.0), bce(), train, null, Map.of(),
                        new Checkpointing(1, states::add, null)));
        assertTrue(e.getMessage().contains("epoch " + e.epoch() + ", batch " + e.batch()), e.getMessage());
        assertTrue(e.getMessage().contains("learning rate"), e.getMessage());
        for (TrainingState s : states) {
            for (float v : s.params()) assertTrue(Float.isFinite(v), "checkpoints hold only finite parameters");
        }
    }
}
