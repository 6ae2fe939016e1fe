package dev.fewhot;

import dev.fewhot.train.EnsembleTrainer;
import dev.fewhot.train.TrainResult;
import java.util.List;

/**
 * The outcome of a training job: the model and what each network did.
 *
 * @param model    the trained model
 * @param plan     the resolved settings
 * @param networks the networks (held-out runs, and refit runs when refit)
 * @param seconds  wall time of {@link TrainingPlan#run()}
 */
public record Training(FewHotModel model, TrainingPlan plan, EnsembleTrainer.Result networks, double seconds) {
    /** The first network's held-out run. */
    public TrainResult first() { return networks.first().heldOut(); }

    /** Epochs each held-out network ran. */
    public List<Integer> epochsRun() { return networks.epochsRun(); }

    /** The epoch each held-out network kept. */
    public List<Integer> bestEpochs() { return networks.bestEpochs(); }

    /** Training rows per second over all held-out networks. */
    public double samplesPerSecond() {
        double rows = 0, sec = 0;
        for (var n : networks.networks()) {
            rows += n.heldOut().samplesPerSecond() * n.heldOut().trainSeconds();
            sec += n.heldOut().trainSeconds();
        }
        return rows / Math.max(sec, 1e-9);
    }

    /**
     * One line on every network: e.g. {@code 5 networks: epochs run [19, 17, 22, 18, 20], kept
     * [14, 12, 17, 13, 15]}.
     */
    public String describeNetworks() {
        int k = networks.networks().size();
        if (k == 1) {
            return first().epochsRun() + " epochs (kept epoch " + first().bestEpoch() + ")";
        }
        return k + " networks: epochs run " + epochsRun() + ", kept epochs " + bestEpochs();
    }
}
