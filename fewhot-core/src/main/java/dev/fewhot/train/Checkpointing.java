package dev.fewhot.train;

import java.io.IOException;

/**
 * Checkpoint settings of a run: where states go, how often, and the state to resume from.
 *
 * @param everyBatches write a checkpoint after every this many optimiser steps (0: only at the
 *                     end of each epoch); a checkpoint is always written at each epoch's end and
 *                     when the loop finishes
 * @param sink         receives each state (e.g. writes it atomically), or null for none
 * @param resumeFrom   the state to continue from, or null to start afresh
 */
public record Checkpointing(int everyBatches, Sink sink, TrainingState resumeFrom) {
    /** Receives checkpoints. The arrays in the state are copies the sink may keep. */
    @FunctionalInterface
    public interface Sink {
        void save(TrainingState state) throws IOException;
    }

    /** No checkpoints, no resume. */
    public static final Checkpointing NONE = new Checkpointing(0, null, null);

    public Checkpointing {
        if (everyBatches < 0) throw new IllegalArgumentException("everyBatches must be >= 0, got " + everyBatches);
    }
}
