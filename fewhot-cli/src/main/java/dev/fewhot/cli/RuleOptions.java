package dev.fewhot.cli;

import dev.fewhot.decide.DecisionRule;
import picocli.CommandLine.Option;

/** {@code --top-k K | --threshold T}: a decision rule that overrides the model's own. */
final class RuleOptions {
    @Option(names = "--top-k", paramLabel = "K", description = "Predict the K best labels of each row.")
    Integer topK;
    @Option(names = "--threshold", paramLabel = "T", description = "Predict labels scoring at least T.")
    Double threshold;

    /** The rule to apply: the option given, else the model's. */
    static DecisionRule resolve(RuleOptions o, DecisionRule modelRule) {
        if (o != null && o.topK != null) return new DecisionRule.TopK(o.topK);
        if (o != null && o.threshold != null) return new DecisionRule.Threshold(o.threshold);
        return modelRule;
    }
}
