/**
 * Re-sampling for imbalanced labels: the epoch order the trainer follows
 * ({@link dev.fewhot.train.sampling.Sampler}: the default seeded
 * {@link dev.fewhot.train.sampling.ShuffleSampler} or the label-aware
 * {@link dev.fewhot.train.sampling.LabelAwareSampler}) and ML-ROS oversampling of minority-label
 * rows ({@link dev.fewhot.train.sampling.MlRos}), which returns row indices for
 * {@link dev.fewhot.data.Subsets#select}. Everything is a function of its seed.
 */
package dev.fewhot.train.sampling;
