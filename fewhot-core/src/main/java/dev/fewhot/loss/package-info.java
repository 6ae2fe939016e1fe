/**
 * Multi-label losses over a batch of logits, each a small class with one fused
 * loss-and-gradient pass: {@link dev.fewhot.loss.Loss}.
 */
package dev.fewhot.loss;
