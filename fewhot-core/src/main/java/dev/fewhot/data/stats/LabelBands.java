package dev.fewhot.data.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Head / torso / tail bands of labels by training frequency: the labels are ranked by n_j,
 * most frequent first (equal counts: lower id first); the first {@code ceil(0.1 L)} are the
 * head, the labels up to rank {@code ceil(0.5 L)} the torso, and the rest (the bottom 50%) the
 * tail. Labels with equal counts can fall into different bands at a boundary.
 */
public final class LabelBands {
    /** A frequency band. */
    public enum Band {
        HEAD("head"), TORSO("torso"), TAIL("tail");

        private final String id;

        Band(String id) { this.id = id; }

        /** Lower-case name, for tables and JSON. */
        public String id() { return id; }
    }

    /** Share of labels in the head. */
    public static final double HEAD_SHARE = 0.1;
    /** Share of labels in head and torso together. */
    public static final double HEAD_AND_TORSO_SHARE = 0.5;

    private LabelBands() { }

    /** The band of every label. */
    public static Band[] of(int[] counts) {
        int L = counts.length;
        Integer[] order = new Integer[L];
        for (int j = 0; j < L; j++) order[j] = j;
        Arrays.sort(order, Comparator.<Integer>comparingInt(j -> -counts[j]).thenComparingInt(j -> j));
        int head = (int) Math.ceil(HEAD_SHARE * L), torso = (int) Math.ceil(HEAD_AND_TORSO_SHARE * L);
        Band[] b = new Band[L];
        for (int r = 0; r < L; r++) b[order[r]] = r < head ? Band.HEAD : r < torso ? Band.TORSO : Band.TAIL;
        return b;
    }

    /** True for the tail labels ({@link #of}). */
    public static boolean[] tailMask(int[] counts) {
        Band[] b = of(counts);
        boolean[] m = new boolean[b.length];
        for (int j = 0; j < b.length; j++) m[j] = b[j] == Band.TAIL;
        return m;
    }
}
