package dev.fewhot.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fewhot.data.Dataset;
import dev.fewhot.data.DatasetBuilder;
import dev.fewhot.data.Subsets;
import dev.fewhot.kernels.Activation;
import dev.fewhot.loss.LossKind;
import dev.fewhot.loss.LossSpec;
import dev.fewhot.model.ModelConfig;
import dev.fewhot.optim.OptimizerSettings;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Early stopping on a measure that ties: the validation loss decides between equal values. */
class EarlyStoppingTieTest {
    private static final EarlyStopping.ValidationMetric P1 = EarlyStopping.ValidationMetric.P_AT_1;

    @Test
    void aHigherMeasureImprovesWhateverTheLoss() {
        assertTrue(new Trainer.Validation(0.8, 0.9).improves(P1, 0.7, 0.1));
        assertFalse(new Trainer.Validation(0.6, 0.01).improves(P1, 0.7, 0.1));
    }

    @Test
    void anEqualMeasureImprovesOnlyWithALowerLoss() {
        assertTrue(new Trainer.Validation(1.0, 0.05).improves(P1, 1.0, 0.06));
        assertFalse(new Trainer.Validation(1.0, 0.06).improves(P1, 1.0, 0.06), "equal loss too: not better");
        assertFalse(new Trainer.Validation(1.0, 0.07).improves(P1, 1.0, 0.06));
        // a best whose validation loss is NaN (it diverged): ties never improve
        assertFalse(new Trainer.Validation(1.0, 0.07).improves(P1, 1.0, Double.NaN));
    }

    @Test
    void theLossAsMeasureIsOnlyCompared() {
        EarlyStopping.ValidationMetric loss = EarlyStopping.ValidationMetric.LOSS;
        assertTrue(new Trainer.Validation(0.2, 0.2).improves(loss, 0.3, 0.3));
        assertFalse(new Trainer.Validation(0.3, 0.3).improves(loss, 0.3, 0.3));
    }

    /**
     * 20 labels, one a row, each with its own block of 10 features of which a row has 5:
     * separable, so the validation P@1 reaches 1.0 within a few epochs and stays there while the
     * loss keeps falling.
     */
    private static Dataset separable(int rows) {
        SplittableRandom r = new SplittableRandom(11);
        DatasetBuilder b = new DatasetBuilder();
        int[] f = new int[5];
        float[] v = {1, 1, 1, 1, 1};
        for (int i = 0; i < rows; i++) {
            int label = r.nextInt(20);
            for (int k = 0; k < 5; k++) f[k] = label * 10 + 2 * k + r.nextInt(2);
            b.row(new int[] {label}, null, 1, f, v, 5);
        }
        return b.build(200, 20, List.of(), List.of());
    }

    @Test
    void aSaturatedMeasureKeepsTrainingWhileTheLossFalls() {
        Dataset d = separable(400);
        Dataset[] parts = Subsets.split(d, 0.2, 0);
        TrainerConfig tc = new TrainerConfig(40, 16, 1e-3, 0, TrainerConfig.Schedule.CONSTANT, OptimizerSettings.adamW(), 0, 0, 1,
                new EarlyStopping(P1, 3), TrainerConfig.OutputBiasInit.forLoss(LossKind.ASL), dev.fewhot.blas.BlasChoice.JAVA,
                dev.fewhot.train.sampling.Sampler.shuffle());
        ModelConfig cfg = new ModelConfig(d.numFeatures(), List.of(16), d.numLabels(), Activation.RELU, 0.0);
        TrainResult r = new Trainer(tc, null).train(cfg, LossSpec.of(LossKind.ASL).build(), parts[0], parts[1], Map.of());
        List<Double> p1 = r.validationValues();
        int firstPerfect = p1.indexOf(1.0) + 1;
        assertTrue(firstPerfect > 0, "the set is separable: validation P@1 " + p1);
        assertEquals(1.0, p1.get(r.bestEpoch() - 1), "the kept epoch has the best P@1");
        // without the tie-breaker the first epoch at 1.0 was kept and training stopped 3 epochs later
        assertTrue(r.bestEpoch() > firstPerfect + 3, "kept epoch " + r.bestEpoch() + ", first at P@1 1.0: " + firstPerfect
                + ", P@1 by epoch " + p1);
    }
}
