package dev.fewhot.forest;

import dev.fewhot.data.CsrMatrix;
import dev.fewhot.data.DenseMatrix;
import dev.fewhot.data.Features;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A trained forest of multi-output regression trees: each leaf holds the mean label vector of
 * its training rows, and the forest's score for a label is the mean of the trees' leaf values,
 * a probability in [0, 1] for 0/1 labels. Immutable.
 *
 * <p>The trees are stored in preorder in shared arrays: node {@code i} is a split when
 * {@code feature[i] >= 0} (rows with {@code x[feature[i]] <= threshold[i]} go to node {@code i + 1},
 * the others to {@code right[i]}), else leaf number {@code -1 - feature[i]}, whose label values
 * are {@code labels} floats of {@code leafValues} from {@code (-1 - feature[i]) * labels}.
 * {@code roots[t]} is tree t's first node.
 */
public final class Forest {
    private final int features;
    private final int labels;
    private final int[] roots;
    private final int[] feature;
    private final float[] threshold;
    private final int[] right;
    private final float[] leafValues;

    /**
     * @param features   input columns
     * @param labels     outputs
     * @param roots      each tree's root node
     * @param feature    per node: the split feature, or -1 - leaf index
     * @param threshold  per node: the split threshold (unused at leaves)
     * @param right      per node: the node of the rows above the threshold (unused at leaves)
     * @param leafValues labels values per leaf
     * @throws IllegalArgumentException when the arrays do not form valid trees
     */
    public Forest(int features, int labels, int[] roots, int[] feature, float[] threshold, int[] right, float[] leafValues) {
        if (features < 1 || labels < 1) throw new IllegalArgumentException("forest: features and labels must be >= 1");
        int nodes = feature.length;
        if (threshold.length != nodes || right.length != nodes) {
            throw new IllegalArgumentException("forest: node arrays of different lengths");
        }
        if (roots.length < 1) throw new IllegalArgumentException("forest: no trees");
        if (leafValues.length % labels != 0) throw new IllegalArgumentException("forest: leaf values not a multiple of the labels");
        int leaves = leafValues.length / labels;
        for (int t = 0; t < roots.length; t++) {
            int end = t + 1 < roots.length ? roots[t + 1] : nodes;
            // trees follow each other: the first at node 0, each ending where the next starts
            if ((t == 0 && roots[0] != 0) || roots[t] < 0 || roots[t] >= end || end > nodes) {
                throw new IllegalArgumentException("forest: tree " + t + " has no nodes or starts out of order");
            }
            for (int i = roots[t]; i < end; i++) {
                if (feature[i] >= 0) {
                    // children come after their parent within the tree: no cycles, no jumps out
                    if (feature[i] >= features || i + 1 >= end || right[i] <= i + 1 || right[i] >= end
                            || Float.isNaN(threshold[i])) {
                        throw new IllegalArgumentException("forest: node " + i + " of tree " + t + " is not a valid split");
                    }
                } else if (-1 - feature[i] >= leaves) {
                    throw new IllegalArgumentException("forest: node " + i + " names leaf " + (-1 - feature[i]) + " of " + leaves);
                }
            }
        }
        for (float v : leafValues) if (!Float.isFinite(v)) throw new IllegalArgumentException("forest: leaf values must be finite");
        this.features = features;
        this.labels = labels;
        this.roots = roots.clone();
        this.feature = feature.clone();
        this.threshold = threshold.clone();
        this.right = right.clone();
        this.leafValues = leafValues.clone();
    }

    public int features() { return features; }
    public int labels() { return labels; }
    public int trees() { return roots.length; }
    public int nodes() { return feature.length; }

    /** The leaf of tree {@code t} that row {@code off..off+features} of {@code x} falls in (its value offset). */
    int leafOffset(int t, float[] x, int off) {
        int i = roots[t];
        while (feature[i] >= 0) i = x[off + feature[i]] <= threshold[i] ? i + 1 : right[i];
        return (-1 - feature[i]) * labels;
    }

    /** Adds tree t's leaf values for the row at {@code x[off..]} to {@code sum}. */
    void addTree(int t, float[] x, int off, double[] sum) {
        addLeaf(leafOffset(t, x, off), sum, 0);
    }

    /** Rows scored together by {@link #scores(Features, int, int, float[], int)}. */
    static final int ROW_BLOCK = 256;

    /**
     * Scores of rows [from, from + n) of x into out[outOff ..] (n x labels): each label's mean
     * over the trees, accumulated in double in tree order. A block of rows goes through one tree
     * after another, so that each tree's nodes are read from cache by every row of the block
     * instead of the whole forest by each row.
     */
    public void scores(Features x, int from, int n, float[] out, int outOff) {
        scores(x, from, n, out, outOff, 1);
    }

    /**
     * {@link #scores(Features, int, int, float[], int)} with the blocks of rows shared between up
     * to {@code threads} threads of the kernels' pool; each row's score is the same at any count.
     */
    public void scores(Features x, int from, int n, float[] out, int outOff, int threads) {
        if (x.cols() != features) throw new IllegalArgumentException("data has " + x.cols() + " features, the forest expects " + features);
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        int blocks = (n + ROW_BLOCK - 1) / ROW_BLOCK, parts = Math.min(threads, blocks);
        if (parts <= 1) {
            scoreBlocks(x, from, n, out, outOff);
            return;
        }
        dev.fewhot.kernels.KernelPool.common().invoke(part -> {
            int b0 = (int) ((long) part * blocks / parts) * ROW_BLOCK, b1 = Math.min(n, (int) ((long) (part + 1) * blocks / parts) * ROW_BLOCK);
            if (b0 < b1) scoreBlocks(x, from + b0, b1 - b0, out, outOff + b0 * labels);
        }, parts);
    }

    private void scoreBlocks(Features x, int from, int n, float[] out, int outOff) {
        int block = Math.min(n, ROW_BLOCK);
        double[] sums = new double[block * labels];
        float[] dense = x instanceof DenseMatrix ? null : new float[block * features];
        for (int b = 0; b < n; b += block) {
            int m = Math.min(block, n - b);
            float[] data;
            int base;
            if (x instanceof DenseMatrix d) {
                data = d.data();
                base = (from + b) * features;
            } else {
                for (int r = 0; r < m; r++) densify((CsrMatrix) x, from + b + r, dense, r * features);
                data = dense;
                base = 0;
            }
            Arrays.fill(sums, 0, m * labels, 0);
            for (int t = 0; t < roots.length; t++) {
                for (int r = 0; r < m; r++) addLeaf(leafOffset(t, data, base + r * features), sums, r * labels);
            }
            int o = outOff + b * labels;
            for (int i = 0; i < m * labels; i++) out[o + i] = (float) (sums[i] / roots.length);
        }
    }

    /** Adds the leaf's label values (at {@code leaf}) to sum[at ..]. */
    private void addLeaf(int leaf, double[] sum, int at) {
        for (int l = 0; l < labels; l++) sum[at + l] += leafValues[leaf + l];
    }

    /** Scores of every row of x (rows x labels). */
    public float[] scores(Features x) {
        float[] out = new float[Math.multiplyExact(x.rows(), labels)];
        scores(x, 0, x.rows(), out, 0);
        return out;
    }

    /** Row r of m, zeros included, into out[at .. at + cols). */
    static void densify(CsrMatrix m, int r, float[] out, int at) {
        Arrays.fill(out, at, at + m.cols(), 0f);
        int[] ptr = m.indptr(), idx = m.indices();
        float[] v = m.values();
        for (int k = ptr[r]; k < ptr[r + 1]; k++) out[at + idx[k]] = v[k];
    }

    /** The binary form ({@link #fromBytes}): counts, then the arrays, big-endian. */
    public byte[] toBytes() {
        int nodes = feature.length;
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(16L + 4L * roots.length + 12L * nodes + 4L * leafValues.length));
        b.putInt(features).putInt(labels).putInt(roots.length).putInt(nodes);
        for (int v : roots) b.putInt(v);
        for (int v : feature) b.putInt(v);
        for (float v : threshold) b.putFloat(v);
        for (int v : right) b.putInt(v);
        for (float v : leafValues) b.putFloat(v);
        return b.array();
    }

    /**
     * Parses {@link #toBytes}'s form.
     *
     * @throws IllegalArgumentException when the bytes are not a valid forest
     */
    public static Forest fromBytes(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (bytes.length < 16) throw new IllegalArgumentException("forest: " + bytes.length + " bytes, shorter than its header");
        int features = b.getInt(), labels = b.getInt(), trees = b.getInt(), nodes = b.getInt();
        if (features < 1 || labels < 1 || trees < 1 || nodes < trees) {
            throw new IllegalArgumentException("forest: header " + features + " features, " + labels + " labels, " + trees
                    + " trees, " + nodes + " nodes");
        }
        long fixed = 16L + 4L * trees + 12L * nodes;
        if (fixed > bytes.length || (bytes.length - fixed) % (4L * labels) != 0) {
            throw new IllegalArgumentException("forest: " + bytes.length + " bytes do not fit " + trees + " trees of " + nodes
                    + " nodes and " + labels + " labels");
        }
        int[] roots = new int[trees], feature = new int[nodes], right = new int[nodes];
        float[] threshold = new float[nodes], leafValues = new float[(int) ((bytes.length - fixed) / 4)];
        for (int i = 0; i < trees; i++) roots[i] = b.getInt();
        for (int i = 0; i < nodes; i++) feature[i] = b.getInt();
        for (int i = 0; i < nodes; i++) threshold[i] = b.getFloat();
        for (int i = 0; i < nodes; i++) right[i] = b.getInt();
        for (int i = 0; i < leafValues.length; i++) leafValues[i] = b.getFloat();
        return new Forest(features, labels, roots, feature, threshold, right, leafValues);
    }
}
