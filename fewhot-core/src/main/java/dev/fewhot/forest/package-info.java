/**
 * Random forests of multi-output regression trees over the label vector (predictive clustering
 * trees in the style of Kocev et al. 2013): the auto recipe blends their out-of-bag-checked
 * probabilities with the networks' on small dense data sets, where trees are strong. A
 * {@link dev.fewhot.forest.Forest} is immutable; {@link dev.fewhot.forest.ForestTrainer} grows one
 * and gives every training row's out-of-bag scores; {@link dev.fewhot.decide.Blend} chooses the
 * networks' share of the blend on held-out rows.
 */
package dev.fewhot.forest;
