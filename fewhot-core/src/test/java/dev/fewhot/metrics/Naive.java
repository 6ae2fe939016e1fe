package dev.fewhot.metrics;

import dev.fewhot.data.LabelSets;

/** Textbook O(n^2) versions of the ranking measures, straight from the definitions, for cross-checks. */
final class Naive {
    private Naive() { }

    static boolean[][] y(LabelSets t) {
        boolean[][] y = new boolean[t.rows()][t.numLabels()];
        for (int r = 0; r < t.rows(); r++) for (int k = t.indptr()[r]; k < t.indptr()[r + 1]; k++) y[r][t.labels()[k]] = true;
        return y;
    }

    /** Mann-Whitney AUC of (score, label) pairs, ties 1/2; NaN if one class is missing. */
    static double auc(float[] s, boolean[] pos) {
        double u = 0;
        long p = 0, n = 0;
        for (int i = 0; i < s.length; i++) {
            if (pos[i]) p++;
            else n++;
        }
        if (p == 0 || n == 0) return Double.NaN;
        for (int i = 0; i < s.length; i++) {
            if (!pos[i]) continue;
            for (int k = 0; k < s.length; k++) {
                if (pos[k]) continue;
                if (s[i] > s[k]) u += 1;
                else if (s[i] == s[k]) u += 0.5;
            }
        }
        return u / ((double) p * n);
    }

    /** scikit-learn AP: sum over distinct thresholds t (with positives at t) of dR * precision(>= t); 0 without positives. */
    static double ap(float[] s, boolean[] pos) {
        long P = 0;
        for (boolean b : pos) if (b) P++;
        if (P == 0) return 0;
        double ap = 0;
        java.util.TreeSet<Float> th = new java.util.TreeSet<>();
        for (int i = 0; i < s.length; i++) if (pos[i]) th.add(s[i] + 0f);
        for (float t : th) {
            long tp = 0, all = 0, at = 0;
            for (int i = 0; i < s.length; i++) {
                if (s[i] >= t) {
                    all++;
                    if (pos[i]) tp++;
                }
                if (pos[i] && s[i] == t) at++;
            }
            ap += (double) at / P * ((double) tp / all);
        }
        return ap;
    }

    static float[] column(float[] s, int n, int L, int j) {
        float[] c = new float[n];
        for (int r = 0; r < n; r++) c[r] = s[r * L + j];
        return c;
    }

    static boolean[] column(boolean[][] y, int j) {
        boolean[] c = new boolean[y.length];
        for (int r = 0; r < y.length; r++) c[r] = y[r][j];
        return c;
    }

    static boolean[] flat(boolean[][] y) {
        int n = y.length, L = n == 0 ? 0 : y[0].length;
        boolean[] out = new boolean[n * L];
        for (int r = 0; r < n; r++) for (int j = 0; j < L; j++) out[r * L + j] = y[r][j];
        return out;
    }

    /** {lrap, coverage, rankingLoss} means, scikit-learn conventions. */
    static double[] rowMeasures(float[] s, boolean[][] y, int L) {
        int n = y.length;
        double lrap = 0, cov = 0, loss = 0;
        for (int r = 0; r < n; r++) {
            int p = 0;
            for (int j = 0; j < L; j++) if (y[r][j]) p++;
            if (p == 0 || p == L) {
                lrap += 1;
                if (p == L) cov += L;
                continue;
            }
            double lr = 0;
            int mx = 0;
            long bad = 0;
            for (int j = 0; j < L; j++) {
                if (!y[r][j]) continue;
                float v = s[r * L + j];
                int ge = 0, pge = 0;
                for (int k = 0; k < L; k++) {
                    if (s[r * L + k] >= v) {
                        ge++;
                        if (y[r][k]) pge++;
                    }
                }
                lr += (double) pge / ge;
                mx = Math.max(mx, ge);
                for (int k = 0; k < L; k++) if (!y[r][k] && s[r * L + k] >= v) bad++;
            }
            lrap += lr / p;
            cov += mx;
            loss += (double) bad / ((double) p * (L - p));
        }
        return n == 0 ? new double[3] : new double[] {lrap / n, cov / n, loss / n};
    }
}
