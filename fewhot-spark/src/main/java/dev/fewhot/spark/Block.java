package dev.fewhot.spark;

import dev.fewhot.data.CsrMatrix;
import dev.fewhot.data.DenseMatrix;
import dev.fewhot.data.Features;
import dev.fewhot.data.LabelSets;
import dev.fewhot.train.sampling.Seeds;
import dev.fewhot.train.sampling.Sampler;
import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;

/**
 * One partition's rows packed as the library holds them: features as one dense float matrix or
 * CSR, label sets as CSR ids (with soft values when some target is neither 0 nor 1). Cached
 * deserialized, so the per-executor caches below (each epoch's batch positions, the gradient
 * workspace) live as long as the cached block; a recomputed block rebuilds them.
 */
final class Block implements Serializable {
    private static final long serialVersionUID = 1L;

    final int rows;
    final int dim;
    /** Label space seen in this block: max id + 1 (ids), or the vector length (indicators). */
    final int labelsSeen;
    private final float[] dense;
    private final int[] xptr;
    private final int[] xidx;
    private final float[] xval;
    private final int[] yptr;
    private final int[] yids;
    private final float[] yval;

    private transient Features features;
    private transient LabelSets labelSets;
    private transient int cachedEpoch = -1;
    private transient int[] epochRows;
    private transient int[] epochPositions;
    transient Object workspace;

    private Block(int rows, int dim, int labelsSeen, float[] dense, int[] xptr, int[] xidx, float[] xval, int[] yptr,
                  int[] yids, float[] yval) {
        this.rows = rows;
        this.dim = dim;
        this.labelsSeen = labelsSeen;
        this.dense = dense;
        this.xptr = xptr;
        this.xidx = xidx;
        this.xval = xval;
        this.yptr = yptr;
        this.yids = yids;
        this.yval = yval;
    }

    /** The features (dim columns). */
    synchronized Features features() {
        if (features == null) {
            features = dense != null ? new DenseMatrix(rows, dim, dense) : new CsrMatrix(rows, dim, xptr, xidx, xval);
        }
        return features;
    }

    /** The label sets over {@code numLabels} labels (at least {@link #labelsSeen}). */
    synchronized LabelSets labels(int numLabels) {
        if (labelSets == null || labelSets.numLabels() != numLabels) {
            if (numLabels < labelsSeen) {
                throw new IllegalArgumentException("numLabels is " + numLabels + " but the data has label id " + (labelsSeen - 1));
            }
            labelSets = new LabelSets(rows, numLabels, yptr, yids, yval);
        }
        return labelSets;
    }

    /** Rows listing each label, numLabels long. */
    long[] labelCounts(int numLabels) {
        long[] c = new long[numLabels];
        for (int k = 0; k < yptr[rows]; k++) c[yids[k]]++;
        return c;
    }

    /**
     * This block's rows in the order the trainer's epoch visits them, as local row indices, with
     * their positions in the epoch: the block holds global rows {@code offset .. offset + rows}
     * of {@code total} training rows, and the epoch order is the library's shuffle of all of them.
     */
    synchronized int[][] epochOrder(long seed, int epoch, long offset, int total) {
        if (cachedEpoch != epoch) {
            int[] order = Sampler.shuffle().order(new LabelSets(total, 0, new int[total + 1], new int[0], null), seed, epoch);
            int[] local = new int[rows], pos = new int[rows];
            int k = 0;
            for (int i = 0; i < total; i++) {
                long r = order[i] - offset;
                if (r >= 0 && r < rows) {
                    local[k] = (int) r;
                    pos[k++] = i;
                }
            }
            epochRows = local;
            epochPositions = pos;
            cachedEpoch = epoch;
        }
        return new int[][] {epochRows, epochPositions};
    }

    /** A seeded permutation of this block's rows for local training (partition p, epoch). */
    int[] localOrder(long seed, int epoch, int partition) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) order[i] = i;
        java.util.SplittableRandom rng = new java.util.SplittableRandom(Seeds.mix(Seeds.mix(seed, epoch, -1), partition, -3));
        for (int i = rows - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i]; order[i] = order[j]; order[j] = t;
        }
        return order;
    }

    /**
     * Packs rows (a feature vector and a label column each).
     *
     * @param rows       the rows
     * @param featuresAt the feature column's index
     * @param labelsAt   the label column's index
     * @param ids        true for array&lt;int&gt; label ids, false for array&lt;double&gt; indicators or soft values
     */
    static Block pack(Iterator<Row> rows, int featuresAt, int labelsAt, boolean ids, String featuresCol, String labelsCol) {
        FloatList dense = new FloatList();
        FloatList xval = new FloatList(), yval = new FloatList();
        IntList xptr = new IntList(), xidx = new IntList(), yptr = new IntList(), yids = new IntList();
        xptr.add(0);
        yptr.add(0);
        int n = 0, dim = -1, seen = 0;
        boolean allDense = true, soft = false;
        while (rows.hasNext()) {
            Row r = rows.next();
            Object f = r.get(featuresAt);
            if (!(f instanceof Vector v)) {
                throw new IllegalArgumentException("column " + featuresCol + ": expected an ml Vector, found "
                        + (f == null ? "null" : f.getClass().getSimpleName()) + " in a row");
            }
            if (dim < 0) dim = v.size();
            else if (v.size() != dim) {
                throw new IllegalArgumentException("column " + featuresCol + ": every vector must have the same size; found "
                        + v.size() + " after " + dim);
            }
            if (v instanceof SparseVector s) {
                allDense = false;
                int[] ix = s.indices();
                double[] vs = s.values();
                for (int k = 0; k < ix.length; k++) {
                    if (vs[k] != 0) {
                        xidx.add(ix[k]);
                        xval.add(checked(vs[k], featuresCol));
                    }
                }
                dense = null; // from now on CSR only
            } else {
                double[] vs = ((DenseVector) v).values();
                for (int k = 0; k < vs.length; k++) {
                    float x = checked(vs[k], featuresCol);
                    if (dense != null) dense.add(x);
                    if (x != 0) {
                        xidx.add(k);
                        xval.add(x);
                    }
                }
            }
            xptr.add(xidx.size);
            List<Object> ys = r.getList(labelsAt);
            if (ys == null) throw new IllegalArgumentException("column " + labelsCol + ": null in a row");
            if (ids) {
                int prev = -1;
                for (Object o : ys) {
                    int id = ((Number) o).intValue();
                    if (id <= prev) {
                        throw new IllegalArgumentException("column " + labelsCol + ": label ids must be >= 0 and strictly increasing "
                                + "within a row, found " + id + " after " + prev);
                    }
                    yids.add(id);
                    yval.add(1f);
                    prev = id;
                    seen = Math.max(seen, id + 1);
                }
            } else {
                seen = Math.max(seen, ys.size());
                for (int j = 0; j < ys.size(); j++) {
                    double t = ((Number) ys.get(j)).doubleValue();
                    if (!(t >= 0 && t <= 1)) {
                        throw new IllegalArgumentException("column " + labelsCol + ": targets must be in [0, 1], found " + t);
                    }
                    if (t > 0) {
                        yids.add(j);
                        yval.add((float) t);
                        if (t != 1) soft = true;
                    }
                }
            }
            yptr.add(yids.size);
            n++;
        }
        if (dim < 0) dim = 0;
        // dense when every row was dense; the dense copy of sparse rows is dropped
        return new Block(n, dim, seen, allDense ? dense.trim() : null, allDense ? null : xptr.trim(),
                allDense ? null : xidx.trim(), allDense ? null : xval.trim(), yptr.trim(), yids.trim(), soft ? yval.trim() : null);
    }

    private static float checked(double v, String col) {
        float x = (float) v;
        if (!Float.isFinite(x)) throw new IllegalArgumentException("column " + col + ": features must be finite, found " + v);
        return x;
    }

    /** Growable int array. */
    static final class IntList {
        int[] a = new int[16];
        int size;

        void add(int v) {
            if (size == a.length) a = java.util.Arrays.copyOf(a, a.length * 2);
            a[size++] = v;
        }

        int[] trim() { return java.util.Arrays.copyOf(a, size); }
    }

    /** Growable float array. */
    static final class FloatList {
        float[] a = new float[16];
        int size;

        void add(float v) {
            if (size == a.length) a = java.util.Arrays.copyOf(a, a.length * 2);
            a[size++] = v;
        }

        float[] trim() { return java.util.Arrays.copyOf(a, size); }
    }
}
