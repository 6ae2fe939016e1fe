/**
 * The training loop: mini-batches shuffled from a seed, a loss, an optimiser and its schedule,
 * validation with early stopping, progress reporting. Deterministic for a seed and thread count.
 */
package dev.fewhot.train;
