package dev.fewhot.train;

import dev.fewhot.decide.DecisionRule;
import dev.fewhot.model.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Trains {@code members} networks with a {@link NetworkTrainer}, seeds {@code seed ..
 * seed + members - 1}, and joins them into one model that averages their probabilities (one
 * network: the network itself). Under a {@link TimeBudget}, the next network trains only when it
 * fits: the networks trained so far are kept and the ensemble is smaller than planned.
 *
 * @param member  the trainer of each network
 * @param members ensemble size planned, &gt;= 1
 * @param seed    the first network's seed
 * @param budget  the wall-clock budget of the networks ({@link TimeBudget#NONE}: all of them train)
 */
public record EnsembleTrainer(NetworkTrainer member, int members, long seed, TimeBudget budget) {
    public EnsembleTrainer {
        Objects.requireNonNull(member, "member");
        if (members < 1) throw new IllegalArgumentException("--ensemble must be >= 1, got " + members);
        if (budget == null) budget = TimeBudget.NONE;
    }

    /** Without a time budget. */
    public EnsembleTrainer(NetworkTrainer member, int members, long seed) {
        this(member, members, seed, TimeBudget.NONE);
    }

    /**
     * The trained networks of an ensemble.
     *
     * @param networks the networks trained, in seed order
     * @param seed     the first network's seed
     * @param planned  the networks planned (more than trained when the time budget ended the job early)
     */
    public record Result(List<TrainedNetwork> networks, long seed, int planned) {
        public Result {
            networks = List.copyOf(networks);
            if (networks.isEmpty()) throw new IllegalArgumentException("networks must not be empty");
            if (planned < networks.size()) throw new IllegalArgumentException("planned " + planned + " < trained " + networks.size());
        }

        /** All planned networks trained. */
        public Result(List<TrainedNetwork> networks, long seed) {
            this(networks, seed, networks.size());
        }

        /** Whether the time budget left planned networks out. */
        public boolean cutByBudget() { return planned > networks.size(); }

        /** The first network's outcome. */
        public TrainedNetwork first() { return networks.get(0); }

        /** Whether the networks were refit on all the rows. */
        public boolean refit() { return first().refit() != null; }

        /** The ensemble of the held-out networks (their validation scores tune the thresholds). */
        public Model heldOut(Map<String, String> provenance) {
            return join(networks.stream().map(TrainedNetwork::heldOut).toList(), provenance);
        }

        /** The ensemble of the networks kept (refit ones when refit). */
        public Model kept(Map<String, String> provenance) {
            return join(networks.stream().map(TrainedNetwork::kept).toList(), provenance);
        }

        private Model join(List<TrainResult> runs, Map<String, String> provenance) {
            Model first = runs.get(0).model();
            int p = first.config().parameterCount();
            float[] params = new float[Math.multiplyExact(runs.size(), p)];
            for (int k = 0; k < runs.size(); k++) System.arraycopy(runs.get(k).model().parameters(), 0, params, k * p, p);
            return new Model(first.config(), runs.size(), first.transform(), params, seed, first.labelNames(),
                    new DecisionRule.Threshold(0.5), provenance, first.prior());
        }

        /** Each held-out network's best epoch (the epoch kept). */
        public List<Integer> bestEpochs() {
            return networks.stream().map(n -> n.heldOut().bestEpoch()).toList();
        }

        /** Each held-out network's epochs run. */
        public List<Integer> epochsRun() {
            return networks.stream().map(n -> n.heldOut().epochsRun()).toList();
        }

        /** Each refit network's epochs (empty without refit). */
        public List<Integer> refitEpochs() {
            return networks.stream().filter(n -> n.refit() != null).map(n -> n.refit().epochsRun()).toList();
        }

        /** Training seconds of all held-out networks. */
        public double trainSeconds() {
            return networks.stream().mapToDouble(n -> n.heldOut().trainSeconds()).sum();
        }

        /** Training seconds of all refit networks. */
        public double refitSeconds() {
            return networks.stream().filter(n -> n.refit() != null).mapToDouble(n -> n.refit().trainSeconds()).sum();
        }
    }

    /** Trains the networks one after another, the job's clock starting now. */
    public Result train(TrainingListener listener) {
        return train(listener, System.nanoTime());
    }

    /**
     * Trains the networks one after another; before each network after the first, checks that it
     * fits the budget counted from {@code startNanos} ({@link System#nanoTime()} at the job's start).
     */
    public Result train(TrainingListener listener, long startNanos) {
        return train(listener, startNanos, System::nanoTime);
    }

    /** {@link #train(TrainingListener, long)} on a given clock (tests). */
    Result train(TrainingListener listener, long startNanos, java.util.function.LongSupplier clock) {
        TrainingListener l = listener == null ? TrainingListener.NONE : listener;
        List<TrainedNetwork> nets = new ArrayList<>();
        for (int k = 0; k < members; k++) {
            if (k > 0 && budget.limited()) {
                double elapsed = (clock.getAsLong() - startNanos) / 1e9, perNetwork = elapsed / k;
                if (!budget.fitsAnother(elapsed, perNetwork)) {
                    l.budgetReached(k, members, elapsed, perNetwork, budget);
                    break;
                }
            }
            nets.add(member.train(k, members, seed + k, l));
        }
        return new Result(nets, seed, members);
    }
}
