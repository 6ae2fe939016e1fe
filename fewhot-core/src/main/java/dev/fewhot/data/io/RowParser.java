package dev.fewhot.data.io;

import dev.fewhot.data.DataFormatException;
import java.util.Arrays;

/**
 * Parses one row line {@code [labels] (ws index:value)*} into reusable buffers, shared by the XC
 * and LIBSVM readers. No allocation per token on valid input (buffers grow by doubling).
 *
 * <p>The label list is the first token when the line does not start with whitespace:
 * comma-separated ids, each optionally {@code id:value} with a soft value in [0, 1] (labels of
 * a row without a value are 1). A line that starts with whitespace, or is empty, has no labels.
 * Ids and indices are converted from the file's base to 0-based. Within a row, ids that are not
 * increasing are sorted (with their values); a repeated id or index is an error.
 */
final class RowParser {
    private final String file;
    private final int labelBase;
    private final int featureBase;
    private final int numLabels;    // -1 when unknown
    private final int numFeatures;  // -1 when unknown

    int[] labels = new int[16];
    float[] labelValues = new float[16];
    private int[] labelCols = new int[16];
    int nLabels;
    boolean soft;

    int[] featIdx = new int[64];
    float[] featVals = new float[64];
    private int[] featCols = new int[64];
    int nnz;

    /** Largest 0-based label id / feature index seen so far, -1 when none. */
    int maxLabel = -1;
    int maxFeature = -1;

    private long[] sortKeys = new long[64];
    private float[] tmpVals = new float[64];
    private int[] tmpCols = new int[64];
    private final int[] err = new int[1];

    private char[] c;
    private int lineStart;
    private int lineEnd;
    private long line;

    RowParser(String file, int labelBase, int featureBase, int numLabels, int numFeatures) {
        this.file = file;
        this.labelBase = labelBase;
        this.featureBase = featureBase;
        this.numLabels = numLabels;
        this.numFeatures = numFeatures;
    }

    /** Parses {@code chars[start..end)}, line number {@code lineNo}. */
    void parse(char[] chars, int start, int end, long lineNo) throws DataFormatException {
        this.c = chars;
        this.lineStart = start;
        this.lineEnd = end;
        this.line = lineNo;
        nLabels = 0;
        nnz = 0;
        soft = false;
        int p = start;
        if (p < end && !Text.isSpace(c[p])) {
            int te = Text.tokenEnd(c, p, end);
            parseLabels(p, te);
            p = te;
        }
        while (true) {
            while (p < end && Text.isSpace(c[p])) p++;
            if (p >= end) break;
            int te = Text.tokenEnd(c, p, end);
            parseFeature(p, te);
            p = te;
        }
        finishLabels();
        finishFeatures();
        // maxima only from lines that parsed completely (a skipped bad line must not widen the data)
        if (nLabels > 0 && labels[nLabels - 1] > maxLabel) maxLabel = labels[nLabels - 1];
        if (nnz > 0 && featIdx[nnz - 1] > maxFeature) maxFeature = featIdx[nnz - 1];
    }

    private void parseLabels(int s, int e) throws DataFormatException {
        int i = s;
        while (true) {
            int is = i;
            int colon = -1;
            while (i < e && c[i] != ',') {
                if (c[i] == ':' && colon < 0) colon = i;
                i++;
            }
            int ie = i;
            if (ie == is) {
                throw error(is, "a label id", i < e ? "',' (an empty item in the label list)"
                        : "the end of the label list after ','");
            }
            int idEnd = colon >= 0 ? colon : ie;
            int id = parseId(is, idEnd, "label id", labelBase, numLabels);
            float v = 1f;
            if (colon >= 0) {
                int vs = colon + 1;
                if (vs == ie) throw error(colon, "a soft label value in [0, 1] after ':'", "nothing in " + Text.quote(c, is, ie));
                v = Text.parseFloat(c, vs, ie, err);
                if (err[0] == Text.BAD_NUMBER) throw error(vs, "a soft label value in [0, 1]", Text.quote(c, vs, ie));
                if (err[0] == Text.NOT_FINITE || v < 0f || v > 1f) {
                    throw error(vs, "a soft label value in [0, 1]", Text.quote(c, vs, ie));
                }
                soft = true;
            }
            if (nLabels == labels.length) growLabels();
            labels[nLabels] = id;
            labelValues[nLabels] = v;
            labelCols[nLabels] = is;
            nLabels++;
            if (i >= e) break;
            i++; // skip ','
            if (i >= e) throw error(i - 1, "a label id after ','", "the end of the label list");
        }
    }

    private void parseFeature(int s, int e) throws DataFormatException {
        int colon = -1;
        for (int i = s; i < e; i++) {
            if (c[i] == ':') { colon = i; break; }
        }
        if (colon < 0) throw error(s, "index:value (a ':' between feature index and value)", Text.quote(c, s, e));
        int idx = parseId(s, colon, "feature index", featureBase, numFeatures);
        int vs = colon + 1;
        if (vs == e) throw error(colon, "a feature value after ':'", "nothing in " + Text.quote(c, s, e));
        float v = Text.parseFloat(c, vs, e, err);
        if (err[0] == Text.BAD_NUMBER) throw error(vs, "a feature value (a decimal number)", Text.quote(c, vs, e));
        if (err[0] == Text.NOT_FINITE) throw error(vs, "a finite feature value", Text.quote(c, vs, e));
        if (nnz == featIdx.length) growFeatures();
        featIdx[nnz] = idx;
        featVals[nnz] = v;
        featCols[nnz] = s;
        nnz++;
    }

    /**
     * Parses the id {@code c[s..e)} written with {@code base} and returns it 0-based, checked
     * against {@code [0, limit)} ({@code limit} -1: any id whose count fits an int).
     */
    private int parseId(int s, int e, String what, int base, int limit) throws DataFormatException {
        if (s == e) throw error(s, "a " + what + " before ':'", "nothing");
        int i = s;
        if (c[i] == '-') throw error(s, "a non-negative " + what, Text.quote(c, s, e));
        long v = 0;
        for (; i < e; i++) {
            char ch = c[i];
            if (ch < '0' || ch > '9') throw error(s, "a " + what + " (a non-negative integer)", Text.quote(c, s, e));
            if (v <= Integer.MAX_VALUE) v = v * 10 + (ch - '0');
        }
        if (v > Integer.MAX_VALUE) {
            throw error(s, "a " + what + " within the int range (at most " + Integer.MAX_VALUE + ")", Text.quote(c, s, e));
        }
        long id = v - base;
        if (id < 0 || (limit >= 0 ? id >= limit : id >= Integer.MAX_VALUE)) {
            throw error(s, "a " + what + " " + range(base, limit), Text.quote(c, s, e));
        }
        return (int) id;
    }

    private static String range(int base, int limit) {
        if (limit >= 0) return "in [" + base + ", " + ((long) base + limit) + ")";
        return "in [" + base + ", " + ((long) base + Integer.MAX_VALUE) + ")"
                + (base == 1 ? " (1-based)" : "");
    }

    private void finishLabels() throws DataFormatException {
        int n = nLabels;
        if (!isIncreasing(labels, n)) sortRow(labels, labelValues, labelCols, n);
        for (int k = 1; k < n; k++) {
            if (labels[k] == labels[k - 1]) duplicate("label id", labelCols[k - 1], labelCols[k]);
        }
    }

    private void finishFeatures() throws DataFormatException {
        int n = nnz;
        if (!isIncreasing(featIdx, n)) sortRow(featIdx, featVals, featCols, n);
        for (int k = 1; k < n; k++) {
            if (featIdx[k] == featIdx[k - 1]) duplicate("feature index", featCols[k - 1], featCols[k]);
        }
    }

    private void duplicate(String what, int colA, int colB) throws DataFormatException {
        int first = Math.min(colA, colB), second = Math.max(colA, colB);
        int e = second;
        while (e < lineEnd && !Text.isSpace(c[e]) && c[e] != ',' && c[e] != ':') e++;
        throw error(second, "each " + what + " at most once in a row",
                Text.quote(c, second, e) + " again (first at column " + (first - lineStart + 1) + ")");
    }

    private static boolean isIncreasing(int[] a, int n) {
        for (int k = 1; k < n; k++) if (a[k] <= a[k - 1]) return false;
        return true;
    }

    /**
     * Insertion sort of ids[0..n) ascending with their values (stable), for rows of few entries:
     * the CSV reader's labels, the ARFF reader's features when the encoding orders them unlike the file.
     */
    static void sortFew(int[] ids, float[] vals, int n) {
        for (int i = 1; i < n; i++) {
            int id = ids[i];
            float v = vals[i];
            int j = i - 1;
            while (j >= 0 && ids[j] > id) {
                ids[j + 1] = ids[j];
                vals[j + 1] = vals[j];
                j--;
            }
            ids[j + 1] = id;
            vals[j + 1] = v;
        }
    }

    /** Sorts ids ascending with their values and columns (stable for equal ids). */
    private void sortRow(int[] ids, float[] vals, int[] cols, int n) {
        if (sortKeys.length < n) {
            int cap = Math.max(n, sortKeys.length * 2);
            sortKeys = new long[cap];
            tmpVals = new float[cap];
            tmpCols = new int[cap];
        }
        for (int k = 0; k < n; k++) sortKeys[k] = ((long) ids[k] << 32) | k;
        Arrays.sort(sortKeys, 0, n);
        for (int k = 0; k < n; k++) {
            int from = (int) sortKeys[k];
            ids[k] = (int) (sortKeys[k] >>> 32);
            tmpVals[k] = vals[from];
            tmpCols[k] = cols[from];
        }
        System.arraycopy(tmpVals, 0, vals, 0, n);
        System.arraycopy(tmpCols, 0, cols, 0, n);
    }

    private void growLabels() {
        int cap = labels.length * 2;
        labels = Arrays.copyOf(labels, cap);
        labelValues = Arrays.copyOf(labelValues, cap);
        labelCols = Arrays.copyOf(labelCols, cap);
    }

    private void growFeatures() {
        int cap = featIdx.length * 2;
        featIdx = Arrays.copyOf(featIdx, cap);
        featVals = Arrays.copyOf(featVals, cap);
        featCols = Arrays.copyOf(featCols, cap);
    }

    private DataFormatException error(int pos, String expected, String found) {
        return new DataFormatException(file, line, pos - lineStart + 1, expected, found);
    }
}
