package dev.fewhot.data;

import java.util.Arrays;
import java.util.List;

/**
 * A {@link RowSink} that assembles rows into primitive arrays (amortised doubling, no per-row
 * objects) and builds a {@link Dataset}. Features are kept as CSR while reading; {@link #build}
 * turns them dense when at least {@link #DENSE_THRESHOLD} of the cells are stored.
 */
public final class DatasetBuilder implements RowSink {
    /** Share of stored cells from which {@link #build} returns dense features. */
    public static final double DENSE_THRESHOLD = 0.5;

    private int rows;
    private int[] featPtr = new int[1025];
    private int[] featIdx = new int[4096];
    private float[] featVal = new float[4096];
    private int[] labPtr = new int[1025];
    private int[] labIds = new int[1024];
    private float[] labVal;           // allocated on the first soft row
    private int maxFeature = -1;
    private int maxLabel = -1;

    @Override
    public void row(int[] labels, float[] labelValues, int nLabels, int[] fIdx, float[] fVals, int nnz) {
        if (rows + 2 > featPtr.length) {
            featPtr = Arrays.copyOf(featPtr, featPtr.length * 2);
            labPtr = Arrays.copyOf(labPtr, labPtr.length * 2);
        }
        int fStart = featPtr[rows];
        int fEnd = Math.addExact(fStart, nnz);
        if (fEnd > featIdx.length) {
            int cap = (int) Math.min(Integer.MAX_VALUE - 8, Math.max((long) featIdx.length * 2, fEnd));
            featIdx = Arrays.copyOf(featIdx, cap);
            featVal = Arrays.copyOf(featVal, cap);
        }
        System.arraycopy(fIdx, 0, featIdx, fStart, nnz);
        System.arraycopy(fVals, 0, featVal, fStart, nnz);
        if (nnz > 0) maxFeature = Math.max(maxFeature, fIdx[nnz - 1]);
        int lStart = labPtr[rows];
        int lEnd = Math.addExact(lStart, nLabels);
        if (lEnd > labIds.length) {
            int cap = (int) Math.min(Integer.MAX_VALUE - 8, Math.max((long) labIds.length * 2, lEnd));
            labIds = Arrays.copyOf(labIds, cap);
            if (labVal != null) labVal = Arrays.copyOf(labVal, cap);
        }
        System.arraycopy(labels, 0, labIds, lStart, nLabels);
        if (labelValues != null && labVal == null) {
            labVal = new float[labIds.length];
            Arrays.fill(labVal, 0, lStart, 1f);
        }
        if (labVal != null) {
            if (labelValues != null) System.arraycopy(labelValues, 0, labVal, lStart, nLabels);
            else Arrays.fill(labVal, lStart, lEnd, 1f);
        }
        if (nLabels > 0) maxLabel = Math.max(maxLabel, labels[nLabels - 1]);
        rows++;
        featPtr[rows] = fEnd;
        labPtr[rows] = lEnd;
    }

    /** Rows received so far. */
    public int rows() { return rows; }
    /** Largest feature index seen plus one. */
    public int inferredFeatures() { return maxFeature + 1; }
    /** Largest label id seen plus one. */
    public int inferredLabels() { return maxLabel + 1; }

    /** Builds with dimensions inferred from the largest ids seen. */
    public Dataset build() {
        return build(inferredFeatures(), inferredLabels(), List.of(), List.of());
    }

    /**
     * Builds the dataset.
     *
     * @param numFeatures  feature count, at least the largest index seen plus one
     * @param numLabels    label count, at least the largest id seen plus one
     * @param labelNames   label names or an empty list
     * @param featureNames feature names or an empty list
     */
    public Dataset build(int numFeatures, int numLabels, List<String> labelNames, List<String> featureNames) {
        if (numFeatures <= maxFeature) {
            throw new IllegalArgumentException("numFeatures must exceed the largest feature index " + maxFeature
                    + ", got " + numFeatures);
        }
        if (numLabels <= maxLabel) {
            throw new IllegalArgumentException("numLabels must exceed the largest label id " + maxLabel
                    + ", got " + numLabels);
        }
        int nnz = featPtr[rows];
        CsrMatrix csr = new CsrMatrix(rows, numFeatures, Arrays.copyOf(featPtr, rows + 1),
                Arrays.copyOf(featIdx, nnz), Arrays.copyOf(featVal, nnz));
        long cells = (long) rows * numFeatures;
        Features f = csr;
        if (cells > 0 && cells <= Integer.MAX_VALUE - 8 && nnz >= DENSE_THRESHOLD * cells) f = csr.toDense();
        int npos = labPtr[rows];
        LabelSets y = new LabelSets(rows, numLabels, Arrays.copyOf(labPtr, rows + 1), Arrays.copyOf(labIds, npos),
                labVal == null ? null : Arrays.copyOf(labVal, npos));
        return new Dataset(f, y, labelNames, featureNames);
    }
}
