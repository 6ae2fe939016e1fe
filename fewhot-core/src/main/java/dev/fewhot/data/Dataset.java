package dev.fewhot.data;

import java.util.List;
import java.util.Objects;

/**
 * Features and label sets of the same rows, with optional label and feature names.
 *
 * @param features     the feature matrix
 * @param labels       the label sets, one per feature row
 * @param labelNames   names of the labels (size numLabels), or an empty list when unnamed
 * @param featureNames names of the features (size cols), or an empty list when unnamed
 */
public record Dataset(Features features, LabelSets labels, List<String> labelNames, List<String> featureNames) {
    public Dataset {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        labelNames = labelNames == null ? List.of() : List.copyOf(labelNames);
        featureNames = featureNames == null ? List.of() : List.copyOf(featureNames);
        if (features.rows() != labels.rows()) {
            throw new IllegalArgumentException("labels: rows must equal the features' rows " + features.rows()
                    + ", got " + labels.rows());
        }
        if (!labelNames.isEmpty() && labelNames.size() != labels.numLabels()) {
            throw new IllegalArgumentException("labelNames: size must be numLabels = " + labels.numLabels()
                    + ", got " + labelNames.size());
        }
        if (!featureNames.isEmpty() && featureNames.size() != features.cols()) {
            throw new IllegalArgumentException("featureNames: size must be the feature count " + features.cols()
                    + ", got " + featureNames.size());
        }
    }

    /** A dataset without names. */
    public Dataset(Features features, LabelSets labels) {
        this(features, labels, List.of(), List.of());
    }

    public int rows() { return features.rows(); }
    public int numFeatures() { return features.cols(); }
    public int numLabels() { return labels.numLabels(); }
}
