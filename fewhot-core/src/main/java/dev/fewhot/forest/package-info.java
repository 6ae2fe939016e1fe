/**
 * Random forests of multi-output regression trees over the label vector (predictive clustering
 * trees in the style of Kocev et al. 2013), with best cuts on bootstrap samples (Breiman) or
 * random cuts on folds (extremely randomized trees): the auto recipe blends their probabilities,
 * checked on held-out rows, with the networks' on small dense data sets, where trees are strong. A
 * {@link dev.fewhot.forest.Forest} is immutable; {@link dev.fewhot.forest.ForestTrainer} grows one
 * and gives every training row's held-out scores (from the trees that did not train on it); {@link dev.fewhot.decide.Blend} chooses the
 * networks' share of the blend on held-out rows.
 */
package dev.fewhot.forest;
