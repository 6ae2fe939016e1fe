package dev.fewhot.decide;

import dev.fewhot.data.LabelSets;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Threshold tuning from aggregated counts: per label, a histogram of all validation scores and
 * one of the positive ones over {@code bins} equal bins of [0, 1], plus the true positives of
 * each rank 1..{@value #MAX_TOP_K}. Histograms of parts of the validation rows add up
 * ({@link #merge}, integer sums: the same whatever the order), so a cluster can tune without
 * bringing the scores together.
 *
 * <p>Candidate thresholds are the bin edges i / bins (bins a power of two, so every edge is an
 * exact float and the bin of a score, floor(score * bins), is exact): the cells scoring at least
 * edge i are exactly those in bins i and above. Each rule chosen here holds only edges, so
 * applied to the validation scores it gives exactly the counts it was chosen on. The choices
 * follow {@link ThresholdTuning} and {@code ThresholdStrategy}, restricted to the edges:
 * <ul>
 * <li>{@link #global}: the highest edge of maximal micro-F1 (the library sweeps every distinct
 *     score and takes a midpoint; both predict the same cells whenever the library's best cut
 *     falls between two bins, and are then within one bin of each other when no gap between
 *     the scores is wider than a bin);</li>
 * <li>{@link #perLabel}: each label's F1-optimal edge, shrunk towards the same frequency prior
 *     {@code s * g * (n_j / mean n)^gamma} fitted on the same (s, gamma) grid by validation
 *     macro-F1, every prior and shrunk threshold rounded to the nearest edge;</li>
 * <li>{@link #pcut}: the highest edge at which the mean predicted labels per row reaches the
 *     target (the library takes the score of the target-th cell, at most one bin above);</li>
 * <li>{@link #topK}: the k in 1..10 of maximal validation micro-F1 (exact: the same counts).</li>
 * </ul>
 */
public final class ScoreHistograms implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The largest k {@link #topK} tries. */
    public static final int MAX_TOP_K = 10;

    private final int labels;
    private final int bins;
    private long rows;
    // labels x (bins + 1) counts, allocated on the first add (an empty part ships no arrays)
    private int[] all;
    private int[] pos;
    private long[] hitsAtRank;

    /**
     * @param labels number of labels (>= 1)
     * @param bins   a power of two in [2, 65536]
     */
    public ScoreHistograms(int labels, int bins) {
        if (labels < 1) throw new IllegalArgumentException("labels must be >= 1, got " + labels);
        if (bins < 2 || bins > 65536 || Integer.bitCount(bins) != 1) {
            throw new IllegalArgumentException("bins must be a power of two in [2, 65536], got " + bins);
        }
        if ((long) labels * (bins + 1) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("labels x (bins + 1) must fit an array, got " + labels + " x " + (bins + 1));
        }
        this.labels = labels;
        this.bins = bins;
    }

    /** 4096 bins, fewer (down to 1024) for many labels: labels x bins stays near 2^21 counts. */
    public static int binsFor(int labels) {
        int b = 4096;
        while (b > 1024 && (long) labels * (b + 1) > (1 << 21)) b >>= 1;
        return b;
    }

    public int labels() { return labels; }

    public int bins() { return bins; }

    /** Validation rows added. */
    public long rows() { return rows; }

    /** The threshold of edge i: i / bins. */
    public double edge(int i) { return (double) i / bins; }

    private void allocate() {
        if (all == null) {
            all = new int[labels * (bins + 1)];
            pos = new int[labels * (bins + 1)];
            hitsAtRank = new long[Math.min(MAX_TOP_K, labels)];
        }
    }

    /**
     * Adds rows: scores of n rows (row-major, n x labels, each in [0, 1]) and their label sets,
     * rows {@code truthFrom .. truthFrom + n} of truth.
     */
    public ScoreHistograms add(float[] scores, int n, LabelSets truth, int truthFrom) {
        if (truth.numLabels() != labels) throw new IllegalArgumentException("truth has " + truth.numLabels() + " labels, expected " + labels);
        if (n < 0 || truthFrom < 0 || truthFrom + n > truth.rows() || (long) n * labels > scores.length) {
            throw new IllegalArgumentException("rows " + truthFrom + ".." + (truthFrom + n) + " out of " + truth.rows()
                    + " label sets and " + scores.length / labels + " score rows");
        }
        if (n == 0) return this;
        allocate();
        int B1 = bins + 1, K = hitsAtRank.length;
        int[] ptr = truth.indptr(), ids = truth.labels(), top = new int[K];
        for (int r = 0; r < n; r++) {
            int off = r * labels;
            for (int j = 0; j < labels; j++) all[j * B1 + bin(scores[off + j], r, j)]++;
            int a = ptr[truthFrom + r], b = ptr[truthFrom + r + 1];
            for (int k = a; k < b; k++) pos[ids[k] * B1 + bin(scores[off + ids[k]], r, ids[k])]++;
            Ranking.topK(scores, off, labels, K, top);
            for (int p = 0; p < K; p++) if (Arrays.binarySearch(ids, a, b, top[p]) >= 0) hitsAtRank[p]++;
        }
        rows += n;
        return this;
    }

    private int bin(float s, int row, int label) {
        if (!(s >= 0f && s <= 1f)) {
            throw new IllegalArgumentException("score of row " + row + ", label " + label + " must be in [0, 1], got " + s);
        }
        return (int) ((double) s * bins); // exact: bins is a power of two
    }

    /** Adds another part's counts into this one (same labels and bins). */
    public ScoreHistograms merge(ScoreHistograms o) {
        if (o.labels != labels || o.bins != bins) {
            throw new IllegalArgumentException("histograms of " + o.labels + " labels x " + o.bins + " bins and "
                    + labels + " x " + bins + " do not add");
        }
        if (o.all == null) return this;
        allocate();
        for (int i = 0; i < all.length; i++) {
            all[i] += o.all[i];
            pos[i] += o.pos[i];
        }
        for (int k = 0; k < hitsAtRank.length; k++) hitsAtRank[k] += o.hitsAtRank[k];
        rows += o.rows;
        return this;
    }

    /** Per label and edge i: cells (or positive cells, when positives) scoring at least edge i. */
    private long[] suffix(boolean positives) {
        int B1 = bins + 1;
        long[] s = new long[labels * B1];
        if (all == null) return s;
        int[] h = positives ? pos : all;
        for (int j = 0; j < labels; j++) {
            long c = 0;
            for (int i = bins; i >= 0; i--) {
                c += h[j * B1 + i];
                s[j * B1 + i] = c;
            }
        }
        return s;
    }

    /** Positives of each label in the validation rows. */
    public long[] positives() {
        long[] s = suffix(true), p = new long[labels];
        for (int j = 0; j < labels; j++) p[j] = s[j * (bins + 1)];
        return p;
    }

    /** The global threshold (an edge) maximising micro-F1, the highest on ties; 1 when no F1 is positive. */
    public double global() {
        long[] a = suffix(false), q = suffix(true);
        int B1 = bins + 1;
        long[] predicted = new long[B1], tp = new long[B1];
        for (int j = 0; j < labels; j++) {
            for (int i = 0; i < B1; i++) {
                predicted[i] += a[j * B1 + i];
                tp[i] += q[j * B1 + i];
            }
        }
        return edge(bestF1Edge(predicted, tp, 0, B1, tp[0]));
    }

    /** The highest edge of maximal F1 = 2 tp / (positives + predicted), as ThresholdTuning's sweep. */
    private int bestF1Edge(long[] predicted, long[] tp, int base, int B1, long positives) {
        double best = 0;
        int at = bins; // threshold 1 when nothing is better
        for (int i = bins; i >= 0; i--) {
            long pr = predicted[base + i];
            double f1 = positives + pr == 0 ? 0 : 2.0 * tp[base + i] / (positives + pr);
            if (f1 > best) {
                best = f1;
                at = i;
            }
        }
        return at;
    }

    /** Per-label thresholds with ThresholdTuning's default shrinkage and minimum support. */
    public DecisionRule.PerLabel perLabel(int[] trainCounts) {
        return perLabel(trainCounts, ThresholdTuning.DEFAULT_SHRINKAGE, ThresholdTuning.DEFAULT_MIN_SUPPORT);
    }

    /**
     * Per-label thresholds: each label's F1-optimal edge shrunk towards the frequency prior (see
     * {@link ThresholdTuning#perLabel}); the prior is fitted over the counts, every threshold an edge.
     *
     * @param trainCounts training positives per label, or null for the global threshold as prior
     */
    public DecisionRule.PerLabel perLabel(int[] trainCounts, double shrinkage, int minSupport) {
        if (!(shrinkage >= 0)) throw new IllegalArgumentException("shrinkage must be >= 0, got " + shrinkage);
        if (trainCounts != null && trainCounts.length != labels) {
            throw new IllegalArgumentException("trainCounts: length must be " + labels + ", got " + trainCounts.length);
        }
        int B1 = bins + 1;
        double g = global();
        long[] a = suffix(false), q = suffix(true);
        long[] counts = new long[labels];
        for (int j = 0; j < labels; j++) counts[j] = q[j * B1];
        int[] prior = new int[labels];
        if (trainCounts == null) {
            Arrays.fill(prior, nearestEdge(g));
        } else {
            prior = frequencyPrior(a, q, counts, trainCounts, g);
        }
        float[] t = new float[labels];
        for (int j = 0; j < labels; j++) {
            if (counts[j] < minSupport) {
                t[j] = (float) edge(prior[j]);
                continue;
            }
            double tj = edge(bestF1Edge(a, q, j * B1, B1, counts[j]));
            t[j] = (float) edge(nearestEdge(ThresholdTuning.shrunk(counts[j], tj, shrinkage, edge(prior[j]))));
        }
        return new DecisionRule.PerLabel(t);
    }

    private int nearestEdge(double t) {
        return (int) Math.round(Math.min(1, Math.max(0, t)) * bins);
    }

    /** ThresholdTuning's prior s g (n_j / mean n)^gamma, (s, gamma) on its grid by validation macro-F1 over the counts. */
    private int[] frequencyPrior(long[] a, long[] q, long[] validCounts, int[] trainCounts, double g) {
        int B1 = bins + 1;
        double mean = ThresholdTuning.meanCount(trainCounts);
        double[] sg = ThresholdTuning.bestPrior((sc, gamma) -> {
            double macro = 0;
            for (int j = 0; j < labels; j++) {
                int e = nearestEdge(ThresholdTuning.priorAt(sc, g, trainCounts[j], mean, gamma));
                long predicted = a[j * B1 + e], d = predicted + validCounts[j];
                macro += d == 0 ? 0 : 2.0 * q[j * B1 + e] / d;
            }
            return macro;
        });
        int[] t = new int[labels];
        for (int j = 0; j < labels; j++) t[j] = nearestEdge(ThresholdTuning.priorAt(sg[0], g, trainCounts[j], mean, sg[1]));
        return t;
    }

    /**
     * The highest edge at which rows get at least {@code targetCardinality} predicted labels on
     * average (0.5 without rows).
     */
    public double pcut(double targetCardinality) {
        if (!(targetCardinality > 0)) throw new IllegalArgumentException("targetCardinality must be > 0, got " + targetCardinality);
        if (rows == 0) return 0.5;
        long cells = rows * labels;
        long want = Math.min(cells, Math.max(1, Math.round(targetCardinality * rows)));
        int B1 = bins + 1;
        long c = 0;
        for (int i = bins; i >= 0; i--) {
            for (int j = 0; j < labels; j++) c += all[j * B1 + i];
            if (c >= want) return edge(i);
        }
        return 0;
    }

    /** Top-k with the k in 1..min(10, labels) of maximal validation micro-F1 (the lower k on ties). */
    public DecisionRule.TopK topK() {
        long positives = 0;
        for (long p : positives()) positives += p;
        int K = Math.min(MAX_TOP_K, labels), bestK = 1;
        double bestF1 = -1;
        long tp = 0;
        for (int k = 1; k <= K; k++) {
            tp += hitsAtRank == null ? 0 : hitsAtRank[k - 1];
            long predicted = rows * k;
            double p = predicted == 0 ? 0 : (double) tp / predicted, r = positives == 0 ? 0 : (double) tp / positives;
            double f = p + r == 0 ? 0 : 2.0 * p * r / (p + r); // SetMetrics' micro F1
            if (f > bestF1) {
                bestF1 = f;
                bestK = k;
            }
        }
        return new DecisionRule.TopK(bestK);
    }
}
