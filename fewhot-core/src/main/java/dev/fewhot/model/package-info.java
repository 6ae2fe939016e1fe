/**
 * Models: a feed-forward network with 0 (linear) to 3 hidden layers over dense or sparse input,
 * its immutable trained form ({@link dev.fewhot.model.Model}) and the forward/backward pass
 * ({@link dev.fewhot.model.Network}) that the trainer and Spark share; for inference, the
 * {@link dev.fewhot.model.Predictor}, with float32 weights or, by
 * {@link dev.fewhot.model.Quantization}, int8 ones.
 */
package dev.fewhot.model;
