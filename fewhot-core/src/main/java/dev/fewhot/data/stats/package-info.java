/**
 * Label statistics of a multi-label data set: cardinality, density, label-set diversity, label
 * frequency distribution and the imbalance measures of Charte et al. (IRLbl, MeanIR, SCUMBLE).
 */
package dev.fewhot.data.stats;
