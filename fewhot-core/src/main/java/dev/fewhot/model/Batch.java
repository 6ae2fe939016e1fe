package dev.fewhot.model;

import dev.fewhot.data.CsrMatrix;
import dev.fewhot.data.DenseMatrix;
import dev.fewhot.data.Features;

/**
 * A reusable mini-batch of input rows, dense (n x D row-major) or sparse (CSR), filled from a
 * {@link Features} matrix by a list of row indices without allocation once its buffers have
 * grown to the largest batch.
 */
public final class Batch {
    private final int dim;
    private final boolean sparse;
    private final InputTransform transform;
    private int rows;
    private float[] dense = new float[0];
    private int[] indptr = new int[1];
    private int[] indices = new int[0];
    private float[] values = new float[0];

    /**
     * @param dim    feature dimension
     * @param sparse whether rows are kept as CSR
     */
    public Batch(int dim, boolean sparse) {
        this(dim, sparse, null);
    }

    /**
     * @param dim       feature dimension
     * @param sparse    whether rows are kept as CSR
     * @param transform applied to every row as it is copied in, or null
     */
    public Batch(int dim, boolean sparse, InputTransform transform) {
        if (transform != null && sparse && transform.center() != null) {
            throw new IllegalArgumentException("a centred input transform needs a dense batch");
        }
        if (transform != null && transform.dim() != dim) {
            throw new IllegalArgumentException("input transform has " + transform.dim() + " columns, the batch " + dim);
        }
        this.dim = dim;
        this.sparse = sparse;
        this.transform = transform;
    }

    /** A batch shaped for the given features (sparse when they are CSR). */
    public static Batch forFeatures(Features f) {
        return new Batch(f.cols(), f instanceof CsrMatrix);
    }

    /** A batch shaped for the given features that applies transform (or none when null) to each row. */
    public static Batch forFeatures(Features f, InputTransform transform) {
        return new Batch(f.cols(), keepsSparse(f, transform), transform);
    }

    /** Whether a batch of these features stays CSR (sparse input not centred by the transform). */
    public static boolean keepsSparse(Features f, InputTransform transform) {
        return f instanceof CsrMatrix && (transform == null || transform.center() == null);
    }

    /** The input transform, or null. */
    public InputTransform transform() { return transform; }

    public int rows() { return rows; }
    public int dim() { return dim; }
    public boolean isSparse() { return sparse; }
    /** Dense rows (n x dim), valid when not sparse. */
    public float[] dense() { return dense; }
    public int[] indptr() { return indptr; }
    public int[] indices() { return indices; }
    public float[] values() { return values; }

    /** Fills the batch with rows {@code order[from .. from + n)} of {@code x}. */
    public void fill(Features x, int[] order, int from, int n) {
        rows = n;
        if (x instanceof DenseMatrix d) {
            if (sparse) throw new IllegalStateException("dense features into a sparse batch");
            ensureDense(n);
            float[] src = d.data();
            for (int i = 0; i < n; i++) {
                int r = order == null ? from + i : order[from + i];
                System.arraycopy(src, r * dim, dense, i * dim, dim);
                if (transform != null) transform.applyDense(dense, i * dim);
            }
        } else {
            CsrMatrix c = (CsrMatrix) x;
            int[] ptr = c.indptr(), idx = c.indices();
            float[] val = c.values();
            if (!sparse) {
                ensureDense(n);
                java.util.Arrays.fill(dense, 0, n * dim, 0f);
                for (int i = 0; i < n; i++) {
                    int r = order == null ? from + i : order[from + i];
                    for (int k = ptr[r]; k < ptr[r + 1]; k++) dense[i * dim + idx[k]] = val[k];
                    if (transform != null) transform.applyDense(dense, i * dim);
                }
                return;
            }
            if (indptr.length < n + 1) indptr = new int[n + 1];
            int nnz = 0;
            for (int i = 0; i < n; i++) {
                int r = order == null ? from + i : order[from + i];
                nnz += ptr[r + 1] - ptr[r];
            }
            if (indices.length < nnz) {
                indices = new int[nnz];
                values = new float[nnz];
            }
            int at = 0;
            indptr[0] = 0;
            for (int i = 0; i < n; i++) {
                int r = order == null ? from + i : order[from + i];
                int len = ptr[r + 1] - ptr[r];
                System.arraycopy(idx, ptr[r], indices, at, len);
                System.arraycopy(val, ptr[r], values, at, len);
                if (transform != null) transform.applySparse(indices, values, at, at + len);
                at += len;
                indptr[i + 1] = at;
            }
        }
    }

    private void ensureDense(int n) {
        if (dense.length < n * dim) dense = new float[n * dim];
    }
}
