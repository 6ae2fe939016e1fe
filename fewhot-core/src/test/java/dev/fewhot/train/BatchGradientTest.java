package dev.fewhot.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fewhot.data.Dataset;
import dev.fewhot.data.LabelSets;
import dev.fewhot.data.synth.FewHotGenerator;
import dev.fewhot.loss.LossKind;
import dev.fewhot.loss.LossSpec;
import dev.fewhot.loss.Loss;
import dev.fewhot.kernels.Activation;
import dev.fewhot.model.ModelConfig;
import dev.fewhot.optim.LrSchedule;
import dev.fewhot.optim.Optimizer;
import dev.fewhot.optim.OptimizerSettings;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * {@link BatchGradient}: parts of each batch computed separately, added and reduced, train the
 * same network as {@link Trainer} does on whole batches.
 */
class BatchGradientTest {

    @Test
    void updateNamesABadGradientWithOrWithoutClippingAndABadParameter() {
        int n = 37;
        float[] finite = new float[n];
        for (int i = 0; i < n; i++) finite[i] = 0.01f * (i - 18);
        for (String opt : List.of("adamw", "sgd")) {
            OptimizerSettings s = opt.equals("sgd") ? OptimizerSettings.sgd() : OptimizerSettings.adamW();
            for (double clip : new double[] {0, 1}) {
                float[] params = finite.clone(), grads = finite.clone();
                grads[5] = Float.NaN;
                TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                        () -> BatchGradient.update(params, grads, Optimizer.create(s, n), 1e-3, clip, 2, 7));
                assertTrue(e.getMessage().startsWith("gradient norm became NaN at epoch 2, batch 7"), opt + ": " + e.getMessage());
                assertEquals(2, e.epoch());
                assertEquals(7, e.batch());
            }
            if (opt.equals("sgd")) {
                // a finite gradient, a step so large that a parameter overflows (Adam's step is
                // bounded by its learning rate, so only SGD can get there)
                float[] params = finite.clone(), grads = finite.clone();
                grads[9] = 3e38f;
                params[9] = 3e38f;
                TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                        () -> BatchGradient.update(params, grads, Optimizer.create(s, n), 10, 0, 1, 1));
                assertTrue(e.getMessage().startsWith("parameter 9 became -Infinity at epoch 1, batch 1"), e.getMessage());
            }
            // finite everywhere: no exception, the parameters moved
            float[] ok = finite.clone();
            BatchGradient.update(ok, finite.clone(), Optimizer.create(s, n), 1e-3, 0, 1, 1);
            assertTrue(ok[0] != finite[0], opt);
        }
    }
    static final ModelConfig MLP = new ModelConfig(10, List.of(16), 12, Activation.RELU, 0.0);

    static Stream<Arguments> runs() {
        TrainerConfig adam = new TrainerConfig(2, 32, 0.01, 3, TrainerConfig.Schedule.COSINE, OptimizerSettings.adamW(), 0.5, 5, 1,
                EarlyStopping.off(), TrainerConfig.OutputBiasInit.PRIOR_LOG_ODDS, dev.fewhot.blas.BlasChoice.JAVA,
                dev.fewhot.train.sampling.Sampler.shuffle());
        TrainerConfig sgd = new TrainerConfig(2, 25, 0.05, 0, TrainerConfig.Schedule.CONSTANT, OptimizerSettings.sgd(), 0, 3, 1,
                EarlyStopping.off(), TrainerConfig.OutputBiasInit.UNIFORM, dev.fewhot.blas.BlasChoice.JAVA,
                dev.fewhot.train.sampling.Sampler.shuffle());
        return Stream.of(Arguments.of(adam, LossSpec.of(LossKind.BCE).build()),
                Arguments.of(sgd, LossSpec.of(LossKind.ASL).build()),
                Arguments.of(adam, LossSpec.of(LossKind.FOCAL).build()));
    }

    /** The rows of the data split in three contiguous parts, as partitions would hold them. */
    @ParameterizedTest
    @MethodSource("runs")
    void partsAddedUpTrainTheTrainersNetwork(TrainerConfig tc, Loss loss) {
        Dataset train = CheckpointResumeTest.data(FewHotGenerator.Split.TRAIN, 150);
        float[] expected = new Trainer(tc, null).train(MLP, loss, train, null, Map.of()).model().parameters();

        int n = train.rows(), L = MLP.outputDim(), bs = tc.batchSize();
        int[] cuts = {0, 40, 95, n};
        float[] params = BatchGradient.initialParameters(MLP, train.labels().labelCounts(), n, tc.seed(), tc.outputBias());
        Optimizer opt = Optimizer.create(tc.optimizer(), params.length);
        int batches = (n + bs - 1) / bs;
        LrSchedule schedule = new LrSchedule(tc.lr(), tc.warmupSteps(), (long) batches * tc.epochs(),
                tc.schedule() == TrainerConfig.Schedule.COSINE ? LrSchedule.Decay.COSINE : LrSchedule.Decay.CONSTANT, 0.0);
        BatchGradient[] parts = new BatchGradient[cuts.length - 1];
        for (int p = 0; p < parts.length; p++) parts[p] = new BatchGradient(MLP, null, loss, 1);
        long step = 0;
        for (int epoch = 0; epoch < tc.epochs(); epoch++) {
            int[] order = tc.sampler().order(train.labels(), tc.seed(), epoch);
            for (int b = 0; b < batches; b++) {
                int from = b * bs, m = Math.min(bs, n - from);
                float[] grad = new float[params.length];
                double lossSum = 0;
                for (int p = 0; p < parts.length; p++) {
                    // this part's rows of the batch, in batch order
                    int[] mine = new int[m];
                    int k = 0;
                    for (int i = from; i < from + m; i++) if (order[i] >= cuts[p] && order[i] < cuts[p + 1]) mine[k++] = order[i];
                    lossSum += parts[p].accumulate(params, train.features(), train.labels(), mine, 0, k, null, grad);
                }
                double batchLoss = BatchGradient.reduce(loss, lossSum, grad, m, L);
                assertTrue(Double.isFinite(batchLoss));
                BatchGradient.update(params, grad, opt, schedule.at(step++), tc.gradClipNorm(), epoch + 1, b + 1);
            }
        }
        for (int i = 0; i < params.length; i++) assertEquals(expected[i], params[i], 1e-5, "parameter " + i);
    }

    @Test
    void aMeanPartTimesItsSizeIsTheSumPart() {
        Dataset d = CheckpointResumeTest.data(FewHotGenerator.Split.TRAIN, 20);
        float[] params = Trainer.initialParameters(MLP, d.labels(), 1, TrainerConfig.OutputBiasInit.UNIFORM);
        float[] gMean = new float[params.length], gSum = new float[params.length];
        double mean = new BatchGradient(MLP, null, LossSpec.of(LossKind.BCE).build(), 1)
                .accumulate(params, d.features(), d.labels(), null, 0, 20, null, gMean);
        double sum = new BatchGradient(MLP, null, LossSpec.of(LossKind.BCE).withReducer(dev.fewhot.loss.Reduction.SUM).build(), 1)
                .accumulate(params, d.features(), d.labels(), null, 0, 20, null, gSum);
        assertEquals(sum, mean, 1e-9 * Math.abs(sum));
        for (int i = 0; i < params.length; i++) assertEquals(gSum[i], gMean[i], 1e-5 * (1 + Math.abs(gSum[i])));
    }

    @Test
    void aBatchWideReducerIsRejected() {
        Loss perRow = LossSpec.of(LossKind.BCE).withReducer((l, r, c, d) -> 0).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BatchGradient(MLP, null, perRow, 1));
        assertTrue(e.getMessage().contains("cannot be summed over parts of a batch"), e.getMessage());
        LabelSets y = new LabelSets(1, 3, new int[] {0, 0}, new int[0], null);
        BatchGradient g = new BatchGradient(MLP, null, LossSpec.of(LossKind.BCE).build(), 1);
        assertThrows(IllegalArgumentException.class, () -> g.accumulate(new float[MLP.parameterCount()],
                new dev.fewhot.data.DenseMatrix(1, 10, new float[10]), y, null, 0, 1, null, new float[MLP.parameterCount()]));
    }
}
