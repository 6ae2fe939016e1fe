/**
 * Deterministic generators of seed-shaped few-hot data: hundreds of labels, a handful of
 * positives per row, a long-tailed label popularity, and features that carry a linear and a
 * non-linear signal.
 */
package dev.fewhot.data.synth;
