package dev.fewhot.train;

import dev.fewhot.data.Dataset;
import dev.fewhot.data.Subsets;
import java.util.List;
import java.util.Objects;

/**
 * A cross-fitted ensemble: network k trains on every row outside fold k and early-stops on fold
 * k, so that each training row is held out by exactly one network. Every network sees
 * (K - 1) / K of the rows, the networks see different rows, and the decision rule is tuned on all
 * the rows' held-out scores (each row scored by the network that did not train on it) instead of
 * one shared validation split: on a few hundred rows, K times as many rows to tune on.
 *
 * @param folds    the row indices of each fold in {@code rows} ({@link Subsets#folds})
 * @param rows     all the training rows
 * @param networks per fold, the trainer of that fold's network (training on the other folds,
 *                 validating on this one)
 */
public record CrossFitTrainer(int[][] folds, Dataset rows, List<NetworkTrainer> networks) implements NetworkTrainer {
    public CrossFitTrainer {
        Objects.requireNonNull(folds, "folds");
        Objects.requireNonNull(rows, "rows");
        networks = List.copyOf(networks);
        if (networks.size() != folds.length) {
            throw new IllegalArgumentException(folds.length + " folds but " + networks.size() + " network trainers");
        }
    }

    /** The fold's training rows (every other fold) and validation rows (the fold), in row order. */
    public static Dataset[] foldData(Dataset rows, int[] fold) {
        return new Dataset[] {Subsets.select(rows, Subsets.complement(rows.rows(), fold)), Subsets.select(rows, fold)};
    }

    @Override
    public TrainedNetwork train(int index, int count, long seed, TrainingListener listener) {
        if (index >= networks.size()) {
            throw new IllegalArgumentException("network " + index + " of a cross-fit over " + networks.size() + " folds");
        }
        return networks.get(index).train(index, count, seed, listener);
    }
}
