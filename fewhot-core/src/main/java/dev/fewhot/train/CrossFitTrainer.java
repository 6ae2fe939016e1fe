package dev.fewhot.train;

import dev.fewhot.data.Dataset;
import dev.fewhot.data.Subsets;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * A cross-fitted ensemble: network k trains on every row outside fold k and early-stops on fold
 * k, so that each training row is held out by exactly one network. Every network sees
 * (K - 1) / K of the rows, the networks see different rows, and the decision rule is tuned on all
 * the rows' held-out scores (each row scored by the network that did not train on it) instead of
 * one shared validation split: on a few hundred rows, K times as many rows to tune on. A fold's
 * rows are copied when its network starts and dropped when it ends.
 *
 * @param folds   the row indices of each fold in {@code rows} ({@link Subsets#folds})
 * @param rows    all the training rows
 * @param network the trainer of one network from its training rows (every other fold) and its
 *                validation rows (its fold)
 */
public record CrossFitTrainer(int[][] folds, Dataset rows, BiFunction<Dataset, Dataset, NetworkTrainer> network)
        implements NetworkTrainer {
    public CrossFitTrainer {
        Objects.requireNonNull(folds, "folds");
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(network, "network");
    }

    @Override
    public TrainedNetwork train(int index, int count, long seed, TrainingListener listener) {
        if (index >= folds.length) {
            throw new IllegalArgumentException("network " + index + " of a cross-fit over " + folds.length + " folds");
        }
        int[] fold = folds[index];
        Dataset train = Subsets.select(rows, Subsets.complement(rows.rows(), fold)), valid = Subsets.select(rows, fold);
        return network.apply(train, valid).train(index, count, seed, listener);
    }
}
