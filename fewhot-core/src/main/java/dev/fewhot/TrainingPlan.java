package dev.fewhot;

import dev.fewhot.data.AttributeEncoding;
import dev.fewhot.data.Dataset;
import dev.fewhot.loss.LossSpec;
import dev.fewhot.model.InputTransform;
import dev.fewhot.model.Model;
import dev.fewhot.model.ModelConfig;
import dev.fewhot.train.AutoRecipe;
import dev.fewhot.train.EnsembleTrainer;
import dev.fewhot.train.Refit;
import dev.fewhot.train.Thresholds;
import dev.fewhot.train.TrainerConfig;
import dev.fewhot.train.TimeBudget;
import dev.fewhot.train.TrainingListener;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A training job with every setting resolved ({@link FewHotTrainer#plan}): what {@link #run()}
 * will do, for printing before it starts.
 *
 * @param recipe      the auto recipe, or null when it is off
 * @param applied     the recipe's choices the job applies (the settings the user left unset)
 * @param chosen      their values by key (loss=asl, hidden=1024, ...), in the recipe's order
 * @param train       the rows the held-out networks train on (after the split and ML-ROS)
 * @param valid       the validation rows, or null
 * @param refitRows   the rows the refit networks train on, or null without refit
 * @param loss        the loss for the training rows
 * @param model       the architecture
 * @param trainer     the training settings of the first network
 * @param input       the input transform
 * @param members     ensemble size
 * @param refit       refit mode
 * @param thresholds  how the decision rule is chosen
 * @param provenance  what the model will record, before the per-network facts {@code epochs_run},
 *                    {@code epochs_kept} (and for ensembles {@code member_best_epochs}; with refit
 *                    {@code refit_epochs}, {@code refit_rows}) are added
 * @param ensemble    the trainer of the networks
 * @param listener    receives the training events
 * @param encoding    the training file's attribute encoding the model will carry, or null
 * @param folds       with a cross-fitted ensemble, the row indices of each network's held-out
 *                    fold in {@code train} (network k validates on fold k); else null
 * @param forest      the forest grown on all the training rows and blended with the networks
 *                    (their share chosen on the held-out rows), or null for none
 * @param stacking    whether a second level ({@link dev.fewhot.decide.Stacking}) is tried on the
 *                    held-out rows' probabilities and kept when it pays
 */
public record TrainingPlan(AutoRecipe recipe, Set<AutoRecipe.Choice> applied, Map<String, String> chosen, Dataset train,
                           Dataset valid, Dataset refitRows, LossSpec loss, ModelConfig model, TrainerConfig trainer,
                           InputTransform.Kind input, int members, Refit refit, Thresholds thresholds,
                           Map<String, String> provenance, EnsembleTrainer ensemble, TrainingListener listener,
                           AttributeEncoding encoding, int[][] folds, dev.fewhot.forest.ForestSettings forest,
                           boolean stacking) {
    /** Whether the auto recipe chose some settings. */
    public boolean auto() { return recipe != null; }

    /**
     * The job's wall time estimated from its first epoch's: every network runs all its epochs (with
     * early stopping, an upper bound), each refit its share of the rows, and a time budget ends the
     * job after the first network that passes it.
     *
     * @param firstEpochSeconds the first epoch's wall time (validation pass included)
     */
    public double estimateSeconds(double firstEpochSeconds) {
        double perNetwork = perNetworkSeconds(firstEpochSeconds);
        double all = perNetwork * members;
        TimeBudget budget = ensemble.budget();
        return budget.limited() ? Math.min(all, Math.max(perNetwork, budget.seconds())) : all;
    }

    /** One line saying what {@link #estimateSeconds} assumed, for printing. */
    public String describeEstimate(double firstEpochSeconds) {
        boolean stops = trainer.earlyStopping().enabled() && (valid != null || folds != null);
        String each = (stops ? "up to " : "") + trainer.epochs() + " epochs" + (refitRows != null ? " and a refit" : "");
        String line = String.format(java.util.Locale.ROOT, "the job should take %s%.0f s (%d network%s, %s each%s)",
                stops ? "at most about " : "about ", estimateSeconds(firstEpochSeconds), members, members == 1 ? "" : "s", each,
                stops ? "; early stopping usually ends sooner" : "");
        TimeBudget budget = ensemble.budget();
        if (budget.limited() && members > 1) {
            line += "; time budget " + budget.id() + (perNetworkSeconds(firstEpochSeconds) * members > budget.seconds()
                    ? ": only the networks that fit it train" : "");
        }
        return line;
    }

    private double perNetworkSeconds(double firstEpochSeconds) {
        double refitShare = refitRows == null ? 0 : (double) refitRows.rows() / Math.max(1, train.rows());
        return firstEpochSeconds * trainer.epochs() * (1 + refitShare);
    }

    /**
     * Grows the forest (if any; its time counts against the time budget), trains the networks,
     * joins them, blends and tunes the decision rule.
     */
    public Training run() {
        long t0 = System.nanoTime();
        dev.fewhot.forest.ForestTrainer.Fit grown = FewHotTrainer.growForest(this);
        EnsembleTrainer.Result r = ensemble.train(listener, t0);
        Map<String, String> prov = new LinkedHashMap<>(provenance);
        if (r.cutByBudget()) {
            // the model holds the networks that fit the budget
            int trained = r.networks().size();
            if (trained > 1) prov.put("ensemble", String.valueOf(trained));
            else prov.remove("ensemble");
            prov.put("ensemble_planned", String.valueOf(members));
        }
        // "epochs" is the most each network may run; these say what each ran and kept
        prov.put("epochs_run", r.epochsRun().toString());
        prov.put("epochs_kept", r.bestEpochs().toString());
        if (r.networks().size() > 1) prov.put("member_best_epochs", r.bestEpochs().toString());
        if (refitRows != null) {
            prov.put("refit_epochs", r.refitEpochs().toString());
            prov.put("refit_rows", String.valueOf(refitRows.rows()));
        }
        Model m = FewHotTrainer.finish(r, this, prov, grown).withEncoding(encoding);
        return new Training(new FewHotModel(m, trainer.threads()), this, r, (System.nanoTime() - t0) / 1e9);
    }
}
