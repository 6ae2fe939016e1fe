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

    /**
     * A data set from dense rows and one array of label ids per row, e.g.
     * {@code Dataset.of(new float[][] {{0.5f, 1}, {0, 2}}, 3, new int[][] {{0, 2}, {1}})}.
     *
     * @throws IllegalArgumentException on rows of different widths, non-finite features, label ids
     *                                  outside [0, numLabels), unsorted or repeated, or a row count mismatch
     */
    public static Dataset of(float[][] features, int numLabels, int[][] labels) {
        if (features == null || labels == null) throw new IllegalArgumentException("features and labels must not be null");
        if (features.length != labels.length) {
            throw new IllegalArgumentException("labels: " + labels.length + " rows, the features have " + features.length);
        }
        int cols = features.length == 0 ? 0 : features[0] == null ? 0 : features[0].length;
        return new Dataset(DenseMatrix.of(cols, features), LabelSets.of(numLabels, labels));
    }

    public int rows() { return features.rows(); }
    public int numFeatures() { return features.cols(); }
    public int numLabels() { return labels.numLabels(); }
}
