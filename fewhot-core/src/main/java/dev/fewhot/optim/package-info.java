/**
 * Optimisers over one flat float32 parameter array (Adam, AdamW, SGD with momentum) and
 * learning-rate schedules (warm-up, cosine decay). Each optimiser owns its state.
 */
package dev.fewhot.optim;
