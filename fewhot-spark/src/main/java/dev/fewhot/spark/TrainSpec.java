package dev.fewhot.spark;

import dev.fewhot.loss.AslSettings;
import dev.fewhot.loss.FocalSettings;
import dev.fewhot.loss.LabelCounts;
import dev.fewhot.loss.Loss;
import dev.fewhot.loss.LossKind;
import dev.fewhot.loss.LossSpec;
import dev.fewhot.kernels.Activation;
import dev.fewhot.model.ModelConfig;
import dev.fewhot.optim.OptimizerSettings;
import dev.fewhot.train.EarlyStopping;
import dev.fewhot.train.TrainerConfig;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The library's typed settings of one training run in a form that travels to executors: the
 * estimator's params parsed once on the driver, rebuilt into {@link ModelConfig},
 * {@link LossSpec} and {@link TrainerConfig} wherever they are needed. Everything is validated
 * by those records' constructors on the driver before any job starts.
 */
final class TrainSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    final long runId;
    final int inputDim;
    final int[] hidden;
    final int outputDim;
    final Activation activation;
    final double dropout;
    final LossKind loss;
    final double focalGamma;
    final double focalAlpha;
    final double aslGammaNeg;
    final double aslGammaPos;
    final double aslClip;
    final double positiveWeight;
    final int[] labelCounts;
    final int trainRows;
    final OptimizerSettings.Kind optimizer;
    final double lr;
    final double weightDecay;
    final long warmupSteps;
    final TrainerConfig.Schedule schedule;
    final double gradClip;
    final int epochs;
    final int batchSize;
    final long seed;
    final int threads;
    final EarlyStopping.ValidationMetric validationMetric;
    final int patience;
    private transient Loss built;

    TrainSpec(long runId, int inputDim, int[] hidden, int outputDim, Activation activation, double dropout, LossKind loss,
              double focalGamma, double focalAlpha, double aslGammaNeg, double aslGammaPos, double aslClip,
              double positiveWeight, int[] labelCounts, int trainRows, OptimizerSettings.Kind optimizer, double lr,
              double weightDecay, long warmupSteps, TrainerConfig.Schedule schedule, double gradClip, int epochs,
              int batchSize, long seed, int threads, EarlyStopping.ValidationMetric validationMetric, int patience) {
        this.runId = runId;
        this.inputDim = inputDim;
        this.hidden = hidden.clone();
        this.outputDim = outputDim;
        this.activation = activation;
        this.dropout = dropout;
        this.loss = loss;
        this.focalGamma = focalGamma;
        this.focalAlpha = focalAlpha;
        this.aslGammaNeg = aslGammaNeg;
        this.aslGammaPos = aslGammaPos;
        this.aslClip = aslClip;
        this.positiveWeight = positiveWeight;
        this.labelCounts = labelCounts.clone();
        this.trainRows = trainRows;
        this.optimizer = optimizer;
        this.lr = lr;
        this.weightDecay = weightDecay;
        this.warmupSteps = warmupSteps;
        this.schedule = schedule;
        this.gradClip = gradClip;
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.seed = seed;
        this.threads = threads;
        this.validationMetric = validationMetric;
        this.patience = patience;
        // validate everything now, on the driver
        modelConfig();
        lossSpec().build();
        trainerConfig();
    }

    ModelConfig modelConfig() {
        List<Integer> h = new ArrayList<>();
        for (int w : hidden) h.add(w);
        return new ModelConfig(inputDim, h, outputDim, activation, dropout);
    }

    LossSpec lossSpec() {
        LossSpec s = LossSpec.of(loss)
                .withFocal(new FocalSettings(focalGamma, Double.isNaN(focalAlpha) ? OptionalDouble.empty() : OptionalDouble.of(focalAlpha)))
                .withAsl(new AslSettings(aslGammaNeg, aslGammaPos, aslClip, AslSettings.defaults().eps(), AslSettings.defaults().focusing()))
                .withPositiveWeight(positiveWeight);
        return loss == LossKind.DB ? s.withCounts(new LabelCounts(trainRows, labelCounts)) : s;
    }

    /** The loss (built once per deserialised copy). */
    synchronized Loss loss() {
        if (built == null) built = lossSpec().build();
        return built;
    }

    OptimizerSettings optimizerSettings() {
        OptimizerSettings base = optimizer.defaults();
        return Double.isNaN(weightDecay) ? base : base.withWeightDecay(weightDecay);
    }

    /** The trainer's learning-rate schedule for a run of {@code batchesPerEpoch} steps per epoch. */
    dev.fewhot.optim.LrSchedule schedule(int batchesPerEpoch) {
        return new dev.fewhot.optim.LrSchedule(lr, warmupSteps, (long) batchesPerEpoch * epochs,
                schedule == TrainerConfig.Schedule.COSINE ? dev.fewhot.optim.LrSchedule.Decay.COSINE
                        : dev.fewhot.optim.LrSchedule.Decay.CONSTANT, 0.0);
    }

    TrainerConfig trainerConfig() {
        return new TrainerConfig(epochs, batchSize, lr, warmupSteps, schedule, optimizerSettings(), gradClip, seed, threads,
                new EarlyStopping(validationMetric, patience), TrainerConfig.OutputBiasInit.forLoss(loss),
                dev.fewhot.blas.BlasChoice.JAVA, dev.fewhot.train.sampling.Sampler.shuffle());
    }
}
