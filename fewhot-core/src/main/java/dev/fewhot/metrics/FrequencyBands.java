package dev.fewhot.metrics;

import java.util.Arrays;
import java.util.Objects;

/**
 * Head, torso and tail labels by TRAINING frequency: the top 10%, the next 40% and the bottom 50%
 * of the labels ranked by decreasing training count.
 *
 * <p>Exact rule, for L labels: rank the labels by decreasing training count, equal counts by
 * increasing label id (so every label has one rank and the split is deterministic; tied labels may
 * fall on both sides of a boundary). The head is the first {@code ceil(L/10)} ranks, the torso the
 * following ranks up to {@code ceil(L/2)}, the tail the remaining {@code floor(L/2)}. For L = 512:
 * 52 / 204 / 256 labels. For L = 1 the single label is head, torso and tail are empty.
 */
public final class FrequencyBands {
    /** Band of a label. */
    public enum Band { HEAD, TORSO, TAIL }

    private final Band[] band;
    private final int[] sizes = new int[3];

    private FrequencyBands(Band[] band) {
        this.band = band;
        for (Band b : band) sizes[b.ordinal()]++;
    }

    /** Bands from per-label training counts. */
    public static FrequencyBands of(int[] trainCounts) {
        Objects.requireNonNull(trainCounts, "trainCounts");
        int L = trainCounts.length;
        long[] keys = new long[L];
        for (int j = 0; j < L; j++) {
            // decreasing count, then increasing id: sort ascending on (-count, id)
            keys[j] = ((long) -trainCounts[j] << 32) | j;
        }
        Arrays.sort(keys);
        int head = (L + 9) / 10, headTorso = (L + 1) / 2;
        Band[] band = new Band[L];
        for (int r = 0; r < L; r++) {
            int j = (int) keys[r];
            band[j] = r < head ? Band.HEAD : r < headTorso ? Band.TORSO : Band.TAIL;
        }
        return new FrequencyBands(band);
    }

    /** Band of label j. */
    public Band band(int j) {
        return band[j];
    }

    /** Number of labels in a band. */
    public int size(Band b) {
        return sizes[b.ordinal()];
    }

    /** Number of labels. */
    public int labels() {
        return band.length;
    }
}
