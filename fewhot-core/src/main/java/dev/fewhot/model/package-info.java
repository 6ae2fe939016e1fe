/**
 * Models: a feed-forward network with 0 (linear) to 3 hidden layers over dense or sparse input,
 * its immutable trained form ({@link dev.fewhot.model.Model}) and the forward/backward pass
 * ({@link dev.fewhot.model.Network}) that the trainer and Spark share.
 */
package dev.fewhot.model;
