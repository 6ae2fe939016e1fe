package dev.fewhot.train;

import java.util.List;
import java.util.Map;

/**
 * Everything a training run needs to continue exactly where it stopped: a checkpoint. The
 * trainer's randomness is a function of (seed, epoch, batch) (the epoch's shuffle and each
 * batch's dropout mask are regenerated from them), so the position (epoch, batch) replaces any
 * random generator state. Floats are kept bit-exact (doubles as their raw bits in files), so a
 * resumed run computes the same numbers as an uninterrupted one.
 *
 * @param modelConfig    the architecture, compared on resume
 * @param trainerConfig  the training settings, compared on resume
 * @param provenance     the provenance passed to the trainer (loss, file, ...), compared on resume
 * @param gemm           name of the GEMM back-end that ran
 * @param trainData      fingerprint of the training data
 * @param validData      fingerprint of the validation data, or null without validation
 * @param epoch          0-based epoch to continue in
 * @param batch          0-based batch of that epoch to run next (0: the epoch has not started)
 * @param step           optimiser steps taken (the learning-rate schedule position)
 * @param done           true when the loop has finished (all epochs, or early stopping)
 * @param epochLossSum   sum of the batch losses of the current epoch so far
 * @param samples        training rows processed so far
 * @param epochsRun      epochs completed
 * @param epochLosses    mean training loss per completed epoch
 * @param validation     validation measure per completed epoch
 * @param bestValue      best validation value so far (NaN: none)
 * @param bestLoss       validation loss of the best epoch, which breaks a tie of the measure
 *                       (NaN: none)
 * @param bestEpoch      1-based epoch of the best value (0: none)
 * @param sinceBest      epochs since the best
 * @param params         the parameters
 * @param best           the best epoch's parameters (early stopping), or null
 * @param optimizer      optimiser kind (ADAM, ADAMW, SGD)
 * @param optimizerSteps the optimiser's step count
 * @param optimizerState the optimiser's state arrays (Adam: m, v; SGD: the momentum buffer)
 */
public record TrainingState(dev.fewhot.model.ModelConfig modelConfig, TrainerConfig trainerConfig, Map<String, String> provenance, String gemm,
                            DataFingerprint trainData, DataFingerprint validData,
                            int epoch, int batch, long step, boolean done, double epochLossSum, long samples,
                            int epochsRun, List<Double> epochLosses, List<Double> validation,
                            double bestValue, double bestLoss, int bestEpoch, int sinceBest,
                            float[] params, float[] best, String optimizer, long optimizerSteps,
                            List<float[]> optimizerState) {
    public TrainingState {
        java.util.Objects.requireNonNull(modelConfig, "modelConfig");
        java.util.Objects.requireNonNull(trainerConfig, "trainerConfig");
        provenance = Map.copyOf(provenance);
        epochLosses = List.copyOf(epochLosses);
        validation = List.copyOf(validation);
        optimizerState = List.copyOf(optimizerState);
    }
}
