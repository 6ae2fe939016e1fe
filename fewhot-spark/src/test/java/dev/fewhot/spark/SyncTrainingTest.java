package dev.fewhot.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fewhot.data.Dataset;
import dev.fewhot.data.synth.FewHotGenerator;
import dev.fewhot.data.synth.FewHotSettings;
import dev.fewhot.loss.LossKind;
import dev.fewhot.loss.LossSpec;
import dev.fewhot.kernels.Activation;
import dev.fewhot.model.ModelConfig;
import dev.fewhot.optim.OptimizerSettings;
import dev.fewhot.train.EarlyStopping;
import dev.fewhot.train.Trainer;
import dev.fewhot.train.TrainerConfig;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** {@code sync} training on local[2] is single-machine training: every weight within 1e-4. */
class SyncTrainingTest {
    static final FewHotSettings SHAPE = FewHotSettings.defaults().withShape(24, 16).withRows(300, 0).withSeed(3);

    static void assertSameWeights(float[] expected, float[] actual, double tol) {
        assertEquals(expected.length, actual.length);
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
            assertEquals(expected[i], actual[i], tol, "weight " + i);
        }
        System.err.println("largest weight difference to single-machine training: " + worst);
    }

    @Test
    void syncMatchesTheTrainerOnEveryWeight() {
        SparkSession spark = SparkTests.local();
        Dataset train = SparkTests.generate(SHAPE, FewHotGenerator.Split.TRAIN);
        // 300 rows, batch 32: 10 steps per epoch, 3 epochs, the last batch short
        TrainerConfig tc = new TrainerConfig(3, 32, 0.01, 4, TrainerConfig.Schedule.COSINE, OptimizerSettings.adamW(), 1.0, 17, 1,
                EarlyStopping.off(), TrainerConfig.OutputBiasInit.PRIOR_LOG_ODDS, dev.fewhot.blas.BlasChoice.JAVA,
                dev.fewhot.train.sampling.Sampler.shuffle());
        ModelConfig cfg = new ModelConfig(16, List.of(20), 24, Activation.RELU, 0.0);
        float[] single = new Trainer(tc, null).train(cfg, LossSpec.of(LossKind.BCE).build(), train, null, Map.of()).model().parameters();

        org.apache.spark.sql.Dataset<Row> df = SparkTests.frame(spark, train, 3);
        FewHotClassifier est = new FewHotClassifier().setLoss("bce").setHiddenSizes(20).setOptimizer("adamw").setLearningRate(0.01)
                .setWarmupSteps(4).setSchedule("cosine").setGradClipNorm(1.0).setEpochs(3).setBatchSize(32).setSeed(17)
                .setTrainingMode("sync");
        FewHotClassificationModel m = est.fit(df);
        assertSameWeights(single, m.toFewHot().parameters(), 1e-4);
        assertEquals(30L, est.fitSummary().get("steps"));
    }

    @Test
    void syncWithAslSumReductionMatchesToo() {
        SparkSession spark = SparkTests.local();
        Dataset train = SparkTests.generate(SHAPE, FewHotGenerator.Split.TRAIN);
        TrainerConfig tc = new TrainerConfig(2, 50, 1e-3, 0, TrainerConfig.Schedule.CONSTANT, OptimizerSettings.adam(), 0, 4, 1,
                EarlyStopping.off(), TrainerConfig.OutputBiasInit.UNIFORM, dev.fewhot.blas.BlasChoice.JAVA,
                dev.fewhot.train.sampling.Sampler.shuffle());
        ModelConfig cfg = new ModelConfig(16, List.of(), 24, Activation.RELU, 0.0);
        float[] single = new Trainer(tc, null).train(cfg, LossSpec.of(LossKind.ASL).build(), train, null, Map.of()).model().parameters();
        FewHotClassificationModel m = new FewHotClassifier().setLoss("asl").setHiddenSizes().setTrainingMode("sync").setEpochs(2).setBatchSize(50).setSeed(4)
                .fit(SparkTests.frame(spark, train, 2));
        assertSameWeights(single, m.toFewHot().parameters(), 1e-4);
        assertTrue(m.toFewHot().provenance().get("trainer").startsWith("spark sync"));
    }
}
