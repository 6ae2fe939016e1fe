package dev.fewhot.train.sampling;

import dev.fewhot.data.LabelSets;

/**
 * Chooses the order in which an epoch visits the training rows; the trainer cuts it into
 * mini-batches. An implementation must be a pure function of (labels, seed, epoch), so that a
 * run is reproducible and can resume at any epoch boundary, and must return the same number of
 * rows, {@link #epochSize}, every epoch (the learning-rate schedule is laid out in advance).
 */
public interface Sampler {
    /** Rows per epoch for these training labels; default: every row once. */
    default int epochSize(LabelSets labels) {
        return labels.rows();
    }

    /**
     * The epoch's row order: {@link #epochSize} row indices in [0, labels.rows()) (repeats allowed).
     *
     * @param labels training labels
     * @param seed   the run's seed
     * @param epoch  0-based epoch
     */
    int[] order(LabelSets labels, long seed, int epoch);

    /** A short description for provenance, e.g. {@code shuffle}. */
    String describe();

    /**
     * Parses a sampler id: {@code shuffle}, {@code label-aware} (labels drawn uniformly) or
     * {@code label-aware:POWER} (labels drawn by n_j^POWER); also reads what {@link #describe()} wrote.
     */
    static Sampler parse(String id) {
        String v = id == null ? "" : id.trim().toLowerCase(java.util.Locale.ROOT);
        if (v.equals("shuffle")) return shuffle();
        if (v.equals("label-aware")) return LabelAwareSampler.uniform();
        if (v.startsWith("label-aware(power=") && v.endsWith(")")) v = "label-aware:" + v.substring(18, v.length() - 1);
        if (v.startsWith("label-aware:")) {
            try {
                return new LabelAwareSampler(Double.parseDouble(v.substring(12)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--sampler label-aware:POWER needs a number, got '" + id + "'");
            }
        }
        throw new IllegalArgumentException("--sampler must be shuffle, label-aware or label-aware:POWER, got '" + id + "'");
    }

    /** The default: a seeded permutation of all rows. */
    static Sampler shuffle() {
        return ShuffleSampler.INSTANCE;
    }
}
