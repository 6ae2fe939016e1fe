package dev.fewhot.data.io;

/**
 * Settings of the multi-label LIBSVM format.
 *
 * <p>Index bases: LIBSVM files conventionally number features from 1 ({@code 1:0.5} is the first
 * feature), while multi-label LIBSVM data sets (such as those on the LIBSVM multi-label page and
 * scikit-learn's {@code dump_svmlight_file(multilabel=True)}) number labels from 0. Hence the
 * defaults: features 1-based, labels 0-based. In memory everything is 0-based; the bases only
 * apply to the text.
 *
 * @param featureBase index of the first feature in the file: 0 or 1 (default 1)
 * @param labelBase   id of the first label in the file: 0 or 1 (default 0)
 * @param numFeatures the feature count, or -1 to infer it as the largest index read plus one;
 *                    when given, larger indices are errors
 * @param numLabels   the label count, or -1 to infer it as the largest id read plus one; when
 *                    given, larger ids are errors
 */
public record LibsvmOptions(int featureBase, int labelBase, int numFeatures, int numLabels) {
    /** Features 1-based, labels 0-based, dimensions inferred. */
    public static final LibsvmOptions DEFAULTS = new LibsvmOptions(1, 0, -1, -1);

    public LibsvmOptions {
        if (featureBase != 0 && featureBase != 1) {
            throw new IllegalArgumentException("featureBase must be 0 or 1, got " + featureBase);
        }
        if (labelBase != 0 && labelBase != 1) {
            throw new IllegalArgumentException("labelBase must be 0 or 1, got " + labelBase);
        }
        if (numFeatures < -1) throw new IllegalArgumentException("numFeatures must be >= 0 or -1 (infer), got " + numFeatures);
        if (numLabels < -1) throw new IllegalArgumentException("numLabels must be >= 0 or -1 (infer), got " + numLabels);
    }

    /** A copy with the given feature index base (0 or 1). */
    public LibsvmOptions withFeatureBase(int base) {
        return new LibsvmOptions(base, labelBase, numFeatures, numLabels);
    }

    /** A copy with the given label id base (0 or 1). */
    public LibsvmOptions withLabelBase(int base) {
        return new LibsvmOptions(featureBase, base, numFeatures, numLabels);
    }

    /** A copy with fixed dimensions (each -1 to infer). */
    public LibsvmOptions withDimensions(int features, int labels) {
        return new LibsvmOptions(featureBase, labelBase, features, labels);
    }
}
