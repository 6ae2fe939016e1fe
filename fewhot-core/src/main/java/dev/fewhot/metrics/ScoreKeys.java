package dev.fewhot.metrics;

import dev.fewhot.decide.Ranking;
import java.util.Arrays;

/**
 * Scores as int keys whose signed order is the float order ({@code -0.0} = {@code 0.0}), and an
 * LSD radix sort of such keys. NaN is not a valid score (callers reject it).
 */
final class ScoreKeys {
    private ScoreKeys() { }

    /** Number of ints {@link #sort} needs for its histogram. */
    static final int HIST = 3 * 2048;

    static int key(float x) {
        return Ranking.sortKey(x);
    }

    static float value(int key) {
        return Ranking.scoreOf(key);
    }

    /** Sorts a[0..n) ascending (signed), using tmp (length >= n) and hist (length >= HIST). */
    static void sort(int[] a, int n, int[] tmp, int[] hist) {
        if (n < 256) {
            Arrays.sort(a, 0, n);
            return;
        }
        Arrays.fill(hist, 0, HIST, 0);
        for (int i = 0; i < n; i++) {
            int u = a[i] ^ Integer.MIN_VALUE;
            hist[u & 0x7ff]++;
            hist[2048 + ((u >>> 11) & 0x7ff)]++;
            hist[4096 + (u >>> 22)]++;
        }
        int[] src = a, dst = tmp;
        for (int pass = 0; pass < 3; pass++) {
            int shift = 11 * pass, base = 2048 * pass, mask = 0x7ff;
            if (hist[base + (((src[0] ^ Integer.MIN_VALUE) >>> shift) & mask)] == n) continue; // one digit: pass is a no-op
            int sum = 0;
            for (int d = 0; d < 2048; d++) {
                int c = hist[base + d];
                hist[base + d] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                int v = src[i];
                dst[hist[base + (((v ^ Integer.MIN_VALUE) >>> shift) & mask)]++] = v;
            }
            int[] t = src;
            src = dst;
            dst = t;
        }
        if (src != a) System.arraycopy(src, 0, a, 0, n);
    }

    /** First index in [from, to) with a[i] >= key (a sorted ascending), or to. */
    static int lowerBound(int[] a, int from, int to, int key) {
        int lo = from, hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** First index in [from, to) with a[i] > key, or to. */
    static int upperBound(int[] a, int from, int to, int key) {
        return key == Integer.MAX_VALUE ? to : lowerBound(a, from, to, key + 1);
    }

    /** lowerBound by galloping from {@code from}, for a key usually close to from. */
    static int gallop(int[] a, int from, int to, int key) {
        if (from >= to || a[from] >= key) return from;
        int lo = from, step = 1, hi = from + 1;
        while (hi < to && a[hi] < key) {
            lo = hi;
            step <<= 1;
            hi = lo + step;
        }
        if (hi > to) hi = to;
        return lowerBound(a, lo + 1, hi, key);
    }
}
