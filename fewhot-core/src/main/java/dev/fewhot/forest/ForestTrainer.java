package dev.fewhot.forest;

import dev.fewhot.data.CsrMatrix;
import dev.fewhot.data.DenseMatrix;
import dev.fewhot.data.Features;
import dev.fewhot.data.LabelSets;
import dev.fewhot.data.Subsets;
import dev.fewhot.kernels.KernelPool;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Grows a {@link Forest}: each tree on a bootstrap sample of the rows (drawn with replacement) or
 * on the rows outside one of {@link ForestSettings#folds} seeded folds, each split the best over
 * {@link ForestSettings#featuresPerSplit} features drawn at random (more when none of those can
 * split the node), each feature cut where it reduces the variance most or at one random point
 * ({@link ForestSettings.Cuts}), by the reduction of the label vector's variance, summed
 * over the labels: the heuristic of predictive clustering trees for multi-label data. For 0/1
 * labels, maximising {@code sum_l S_l(left)^2 / n(left) + S_l(right)^2 / n(right)} ({@code S_l}:
 * the node's positives of label l) is the same. A node becomes a leaf when it is pure, smaller than
 * twice the minimum leaf, or when no split reduces the variance.
 *
 * <p>Deterministic for a seed: tree t draws from its own generator (seed, t), whatever thread grows
 * it, and the out-of-bag scores add the trees in order. Soft labels (values in [0, 1]) are averaged
 * as they are.
 */
public final class ForestTrainer {
    /** Most input values (rows x features) a forest copies its input into. */
    public static final long MAX_VALUES = 100_000_000L;

    private ForestTrainer() { }

    /**
     * A grown forest and each training row's out-of-bag scores.
     *
     * @param forest     the forest
     * @param outOfBag   rows x labels: each row's held-out score, the mean over the trees whose
     *                   sample left it out (over all the trees for a row that every sample drew,
     *                   which with 300 bootstrap samples has probability about e^-300)
     */
    public record Fit(Forest forest, float[] outOfBag) { }

    /**
     * Grows a forest on rows of {@code x} with label sets {@code y}.
     *
     * @param threads trees grown at once (the result does not depend on it)
     */
    public static Fit fit(Features x, LabelSets y, ForestSettings settings, long seed, int threads) {
        int n = x.rows(), d = x.cols(), L = y.numLabels();
        if (y.rows() != n) throw new IllegalArgumentException("forest: " + n + " feature rows, " + y.rows() + " label rows");
        if (n < 1) throw new IllegalArgumentException("forest: no training rows");
        if ((long) n * d > MAX_VALUES) {
            throw new IllegalArgumentException("forest: rows x features must be <= " + MAX_VALUES + ", got " + n + " x " + d);
        }
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        float[] rowMajor = rowMajor(x);
        float[] columns = new float[n * d];
        for (int r = 0; r < n; r++) for (int f = 0; f < d; f++) columns[f * n + r] = rowMajor[r * d + f];
        float[] labels = denseLabels(y);
        Tree[] trees = new Tree[settings.trees()];
        int folds = Math.min(settings.folds(), n); // fewer than two: bootstrap samples
        int[] foldOf = folds >= 2 ? foldOf(n, folds, seed) : null;
        AtomicInteger next = new AtomicInteger();
        // each part takes the next tree until none is left; tree t's generator depends on t alone
        KernelPool.common().invoke(part -> {
            Grower g = new Grower(columns, labels, n, d, L, settings, foldOf, folds);
            for (int t; (t = next.getAndIncrement()) < trees.length; ) trees[t] = g.grow(t, new SplittableRandom(mix(seed, t)));
        }, Math.min(threads, trees.length));
        Forest forest = assemble(trees, d, L);
        return new Fit(forest, outOfBag(forest, trees, rowMajor, n, d, L, threads));
    }

    /** Each of n rows' fold among k seeded folds ({@link Subsets#folds}), 2 &lt;= k &lt;= n. */
    static int[] foldOf(int n, int k, long seed) {
        int[] out = new int[n];
        int[][] parts = Subsets.folds(n, k, seed);
        for (int f = 0; f < k; f++) for (int r : parts[f]) out[r] = f;
        return out;
    }

    private static long mix(long seed, int tree) {
        long z = seed * 0x9E3779B97F4A7C15L + (tree + 1) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The rows as one row-major array; -0 becomes 0 and NaN 0, so that equal values sort together. */
    static float[] rowMajor(Features x) {
        float[] out = x instanceof DenseMatrix m ? m.data().clone() : ((CsrMatrix) x).toDense().data();
        for (int i = 0; i < out.length; i++) out[i] = Float.isNaN(out[i]) ? 0f : out[i] + 0f;
        return out;
    }

    private static float[] denseLabels(LabelSets y) {
        float[] out = new float[Math.multiplyExact(y.rows(), y.numLabels())];
        y.densify(null, 0, y.rows(), out);
        return out;
    }

    /** One grown tree: its nodes in preorder (children indices local to the tree) and which rows its sample drew. */
    private record Tree(int[] feature, float[] threshold, int[] right, float[] leafValues, boolean[] inBag) { }

    /**
     * The trees in shared arrays, leaves with the same label values sharing one stored vector:
     * fully grown trees end mostly in pure leaves, which hold a training row's label set, and a
     * data set has far fewer distinct label sets than a forest has leaves (yeast's model with 500 extra
     * trees: 41.1 MB without sharing, 14.0 MB with).
     */
    private static Forest assemble(Tree[] trees, int d, int L) {
        int nodes = 0;
        for (Tree t : trees) nodes += t.feature.length;
        int[] roots = new int[trees.length], feature = new int[nodes], right = new int[nodes];
        float[] threshold = new float[nodes];
        float[] leafValues = new float[16 * L];
        java.util.Map<LeafKey, Integer> ids = new java.util.HashMap<>();
        int at = 0, leaves = 0;
        for (int k = 0; k < trees.length; k++) {
            Tree t = trees[k];
            roots[k] = at;
            for (int i = 0; i < t.feature.length; i++) {
                if (t.feature[i] >= 0) {
                    feature[at + i] = t.feature[i];
                    threshold[at + i] = t.threshold[i];
                    right[at + i] = at + t.right[i];
                    continue;
                }
                int from = (-1 - t.feature[i]) * L;
                LeafKey key = new LeafKey(Arrays.copyOfRange(t.leafValues, from, from + L));
                Integer id = ids.get(key);
                if (id == null) {
                    id = leaves++;
                    ids.put(key, id);
                    if (leafValues.length < leaves * L) leafValues = Arrays.copyOf(leafValues, Math.max(leaves * L, 2 * leafValues.length));
                    System.arraycopy(key.values, 0, leafValues, id * L, L);
                }
                feature[at + i] = -1 - id;
            }
            at += t.feature.length;
        }
        return new Forest(d, L, roots, feature, threshold, right, Arrays.copyOf(leafValues, leaves * L));
    }

    /** A leaf's label values as a map key (equal when every float has the same bits). */
    private record LeafKey(float[] values) {
        @Override
        public boolean equals(Object o) {
            return o instanceof LeafKey k && Arrays.equals(values, k.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }
    }

    /**
     * Each row's mean over the trees whose sample left it out, in tree order; a row that every
     * sample drew (probability about e^-trees) takes the mean over all the trees.
     */
    private static float[] outOfBag(Forest forest, Tree[] trees, float[] rowMajor, int n, int d, int L, int threads) {
        float[] out = new float[n * L];
        AtomicInteger next = new AtomicInteger();
        int block = 64;
        KernelPool.common().invoke(part -> {
            double[] sum = new double[L];
            for (int b; (b = next.getAndIncrement() * block) < n; ) {
                for (int r = b; r < Math.min(n, b + block); r++) {
                    Arrays.fill(sum, 0);
                    int count = 0;
                    for (int t = 0; t < trees.length; t++) {
                        if (trees[t].inBag[r]) continue;
                        forest.addTree(t, rowMajor, r * d, sum);
                        count++;
                    }
                    if (count == 0) {
                        for (int t = 0; t < trees.length; t++) forest.addTree(t, rowMajor, r * d, sum);
                        count = trees.length;
                    }
                    for (int l = 0; l < L; l++) out[r * L + l] = (float) (sum[l] / count);
                }
            }
        }, Math.min(threads, (n + block - 1) / block));
        return out;
    }

    /** Grows trees one after another with its own work buffers. */
    private static final class Grower {
        private final float[] columns, labels;
        private final int n, d, L, minLeaf, perSplit;
        private final boolean randomCuts;
        private final int[] foldOf; // null: bootstrap samples
        private final int folds;
        private final int[] sample, scratch, features;
        private final long[] keys;
        private final double[] total, left;
        // the tree being grown
        private int[] feature = new int[64], right = new int[64];
        private float[] threshold = new float[64], leafValues = new float[64];
        private int nodes, leafFloats;
        // pending nodes: sample range and the parent whose right child they are (-1: a left child)
        private int[] stackLo = new int[64], stackHi = new int[64], stackParent = new int[64];

        Grower(float[] columns, float[] labels, int n, int d, int L, ForestSettings s, int[] foldOf, int folds) {
            this.columns = columns;
            this.labels = labels;
            this.n = n;
            this.d = d;
            this.L = L;
            this.minLeaf = s.minLeafRows();
            this.perSplit = s.featuresPerSplit(d);
            this.randomCuts = s.cuts() == ForestSettings.Cuts.RANDOM;
            this.foldOf = foldOf;
            this.folds = folds;
            this.sample = new int[n];
            this.scratch = new int[n];
            this.keys = new long[n];
            this.features = new int[d];
            this.total = new double[L];
            this.left = new double[L];
        }

        /** Grows tree {@code t} (whose fold, with folds, is t mod folds). */
        Tree grow(int t, SplittableRandom rng) {
            boolean[] inBag = new boolean[n];
            int size = 0;
            if (foldOf == null) {
                for (; size < n; size++) {
                    sample[size] = rng.nextInt(n);
                    inBag[sample[size]] = true;
                }
            } else {
                int out = t % folds;
                for (int r = 0; r < n; r++) {
                    if (foldOf[r] == out) continue;
                    sample[size++] = r;
                    inBag[r] = true;
                }
            }
            for (int f = 0; f < d; f++) features[f] = f;
            nodes = 0;
            leafFloats = 0;
            int top = 0;
            push(top++, 0, size, -1);
            while (top > 0) {
                top--;
                int lo = stackLo[top], hi = stackHi[top], parent = stackParent[top];
                int node = nodes++;
                ensureNodes(nodes);
                if (parent >= 0) right[parent] = node;
                int mid = split(node, lo, hi, rng);
                if (mid < 0) continue;
                // the right part waits; the left part is next, so it is node + 1 (preorder)
                ensureStack(top + 2);
                push(top++, mid, hi, node);
                push(top++, lo, mid, -1);
            }
            return new Tree(Arrays.copyOf(feature, nodes), Arrays.copyOf(threshold, nodes), Arrays.copyOf(right, nodes),
                    Arrays.copyOf(leafValues, leafFloats), inBag);
        }

        private void push(int at, int lo, int hi, int parent) {
            ensureStack(at + 1);
            stackLo[at] = lo;
            stackHi[at] = hi;
            stackParent[at] = parent;
        }

        /**
         * Makes {@code node} a split of sample[lo, hi) and returns where its right part starts, or
         * makes it a leaf and returns -1.
         */
        private int split(int node, int lo, int hi, SplittableRandom rng) {
            int m = hi - lo;
            Arrays.fill(total, 0);
            double squares = 0;
            for (int k = lo; k < hi; k++) {
                int base = sample[k] * L;
                for (int l = 0; l < L; l++) {
                    double v = labels[base + l];
                    total[l] += v;
                    squares += v * v;
                }
            }
            double parentScore = 0;
            for (int l = 0; l < L; l++) parentScore += total[l] * total[l] / m;
            double impurity = squares - parentScore;
            if (m < 2 * minLeaf || impurity <= 1e-9 * Math.max(1, squares)) return leaf(node, m);
            double best = parentScore + 1e-9 * Math.max(1, squares);
            int bestFeature = -1;
            float bestThreshold = 0;
            int tried = 0;
            for (int j = 0; j < d && (tried < perSplit || bestFeature < 0); j++) {
                int pick = j + rng.nextInt(d - j);
                int f = features[pick];
                features[pick] = features[j];
                features[j] = f;
                tried++;
                int colBase = f * n;
                if (randomCuts) {
                    float cut = randomCut(colBase, lo, hi, rng);
                    if (Float.isNaN(cut)) continue; // constant in this node
                    double score = cutScore(colBase, lo, hi, cut);
                    if (score > best) {
                        best = score;
                        bestFeature = f;
                        bestThreshold = cut;
                    }
                    continue;
                }
                for (int k = 0; k < m; k++) keys[k] = ((long) sortable(columns[colBase + sample[lo + k]]) << 32) | k;
                Arrays.sort(keys, 0, m);
                if ((keys[0] >> 32) == (keys[m - 1] >> 32)) continue; // constant in this node
                Arrays.fill(left, 0);
                for (int i = 0; i < m - 1; i++) {
                    int base = sample[lo + (int) keys[i]] * L;
                    for (int l = 0; l < L; l++) left[l] += labels[base + l];
                    if ((keys[i] >> 32) == (keys[i + 1] >> 32)) continue;
                    int nl = i + 1, nr = m - nl;
                    if (nl < minLeaf || nr < minLeaf) continue;
                    double score = 0;
                    for (int l = 0; l < L; l++) {
                        double r = total[l] - left[l];
                        score += left[l] * left[l] / nl + r * r / nr;
                    }
                    if (score > best) {
                        best = score;
                        bestFeature = f;
                        float a = columns[colBase + sample[lo + (int) keys[i]]];
                        float b = columns[colBase + sample[lo + (int) keys[i + 1]]];
                        float t = a + (b - a) / 2;
                        bestThreshold = t >= a && t < b ? t : a;
                    }
                }
            }
            if (bestFeature < 0) return leaf(node, m);
            // stable partition: x <= threshold first
            int colBase = bestFeature * n, w = lo, spill = 0;
            for (int k = lo; k < hi; k++) {
                int row = sample[k];
                if (columns[colBase + row] <= bestThreshold) sample[w++] = row;
                else scratch[spill++] = row;
            }
            System.arraycopy(scratch, 0, sample, w, spill);
            feature[node] = bestFeature;
            threshold[node] = bestThreshold;
            return w;
        }

        /**
         * A cut drawn uniformly in [min, max) of the feature's values in sample[lo, hi), so that
         * both sides get rows; NaN when the feature is constant there.
         */
        private float randomCut(int colBase, int lo, int hi, SplittableRandom rng) {
            float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
            for (int k = lo; k < hi; k++) {
                float v = columns[colBase + sample[k]];
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            if (!(min < max)) return Float.NaN;
            float cut = (float) (min + rng.nextDouble() * ((double) max - min));
            return cut >= min && cut < max ? cut : min;
        }

        /**
         * {@code sum_l S_l(left)^2 / n(left) + S_l(right)^2 / n(right)} of the rows of sample[lo, hi)
         * split at {@code x <= cut} (the node's label sums in {@link #total}); -infinity when a side
         * would hold fewer than the minimum leaf.
         */
        private double cutScore(int colBase, int lo, int hi, float cut) {
            Arrays.fill(left, 0);
            int nl = 0;
            for (int k = lo; k < hi; k++) {
                int row = sample[k];
                if (columns[colBase + row] > cut) continue;
                nl++;
                int base = row * L;
                for (int l = 0; l < L; l++) left[l] += labels[base + l];
            }
            int nr = hi - lo - nl;
            if (nl < minLeaf || nr < minLeaf) return Double.NEGATIVE_INFINITY;
            double score = 0;
            for (int l = 0; l < L; l++) {
                double r = total[l] - left[l];
                score += left[l] * left[l] / nl + r * r / nr;
            }
            return score;
        }

        private int leaf(int node, int m) {
            int index = leafFloats / L;
            if (leafValues.length < leafFloats + L) leafValues = Arrays.copyOf(leafValues, Math.max(leafFloats + L, leafValues.length * 2));
            for (int l = 0; l < L; l++) leafValues[leafFloats + l] = (float) (total[l] / m);
            leafFloats += L;
            feature[node] = -1 - index;
            threshold[node] = 0;
            right[node] = 0;
            return -1;
        }

        private void ensureNodes(int size) {
            if (feature.length >= size) return;
            int c = Math.max(size, feature.length * 2);
            feature = Arrays.copyOf(feature, c);
            right = Arrays.copyOf(right, c);
            threshold = Arrays.copyOf(threshold, c);
        }

        private void ensureStack(int size) {
            if (stackLo.length >= size) return;
            int c = Math.max(size, stackLo.length * 2);
            stackLo = Arrays.copyOf(stackLo, c);
            stackHi = Arrays.copyOf(stackHi, c);
            stackParent = Arrays.copyOf(stackParent, c);
        }

        /** An int that orders as the float does (no NaN here). */
        private static int sortable(float v) {
            int b = Float.floatToRawIntBits(v);
            return b ^ ((b >> 31) & 0x7fffffff);
        }
    }
}
