/**
 * Training: {@link dev.fewhot.train.Trainer} runs one network (mini-batches from a seed, a loss,
 * an optimiser and its schedule, validation with early stopping, checkpoints); trainers that wrap
 * trainers build a job from it ({@link dev.fewhot.train.SingleNetworkTrainer},
 * {@link dev.fewhot.train.RefitTrainer}, {@link dev.fewhot.train.EnsembleTrainer}); the typed
 * {@link dev.fewhot.train.AutoRecipe} chooses the settings from the data; events go to a
 * {@link dev.fewhot.train.TrainingListener}. Deterministic for a seed and thread count.
 */
package dev.fewhot.train;
