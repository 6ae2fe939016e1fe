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
 */
public record TrainingPlan(AutoRecipe recipe, Set<AutoRecipe.Choice> applied, Map<String, String> chosen, Dataset train,
                           Dataset valid, Dataset refitRows, LossSpec loss, ModelConfig model, TrainerConfig trainer,
                           InputTransform.Kind input, int members, Refit refit, Thresholds thresholds,
                           Map<String, String> provenance, EnsembleTrainer ensemble, TrainingListener listener,
                           AttributeEncoding encoding) {
    /** Whether the auto recipe chose some settings. */
    public boolean auto() { return recipe != null; }

    /** Trains the networks, joins them, tunes the decision rule. */
    public Training run() {
        long t0 = System.nanoTime();
        EnsembleTrainer.Result r = ensemble.train(listener);
        Map<String, String> prov = new LinkedHashMap<>(provenance);
        // "epochs" is the most each network may run; these say what each ran and kept
        prov.put("epochs_run", r.epochsRun().toString());
        prov.put("epochs_kept", r.bestEpochs().toString());
        if (members > 1) prov.put("member_best_epochs", r.bestEpochs().toString());
        if (refitRows != null) {
            prov.put("refit_epochs", r.refitEpochs().toString());
            prov.put("refit_rows", String.valueOf(refitRows.rows()));
        }
        Model m = FewHotTrainer.finish(r, this, prov).withEncoding(encoding);
        return new Training(new FewHotModel(m, trainer.threads()), this, r, (System.nanoTime() - t0) / 1e9);
    }
}
