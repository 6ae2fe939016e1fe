package dev.fewhot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code train --help} shows what a plain {@code train} really uses, not only the manual defaults. */
class TrainHelpTest {
    @Test
    void helpListsTheAutoRecipesValues() {
        CliRunner.Result r = CliRunner.run("train", "--help");
        assertEquals(0, r.code(), r.err());
        String help = r.out().replaceAll("\\s+", " ");
        for (String expected : new String[] {
                "(auto: up to 100 with early stopping, 10 in short runs; otherwise 5)",     // --epochs
                "(auto: 0.5, 0 in short runs; otherwise 0)",                               // --dropout
                "(auto: adamw; otherwise adam)",                          // --optimizer
                "(auto: 5, more on small sets so that it covers at least 50 optimiser steps; early stopping only after "
                        + "100 steps; 0 in short runs; otherwise 0)",                      // --patience
                "(auto: 256, or on fewer training rows the largest power of two (at least 16) giving 16 optimiser steps "
                        + "an epoch; otherwise 256)",                     // --batch
                "(auto: 0.001, 0.005 in short runs; otherwise 0.001)",                         // --lr
                "(auto: 5 when rows x stored values per row <= 5e7, else 1, 10 on label-dense sets of fewer than 1000 rows, "
                        + "and 5 in short runs; otherwise 1)", // --ensemble
                "(auto: on for asl networks that are not cross-fitted; off for cross-fitted ensembles, bce and short runs; otherwise off)",         // --refit
                "(auto: the --objective's; otherwise none: threshold 0.5)", // --tune-thresholds
                "macro-f1 (per-label thresholds; auto when label cardinality / labels < 0.1), micro-f1 (one global "
                        + "threshold; auto otherwise)",                   // --objective
                "auto: 10%, at least 100 rows, at most 25%, or folds with --cross-fit; otherwise none", // --valid-split
                "(auto: on with an ensemble, except in short runs and where 10% or more of the training rows have no label; otherwise off)",     // --cross-fit
                "(auto: cosine in short runs, else constant; otherwise constant)", // --schedule
                "(auto: 200 in short runs, else 0; otherwise 0)",         // --warmup
                "result depends on the seed and threads alone (auto: 5m; otherwise none)"}) { // --time-budget
            assertTrue(help.contains(expected), "train --help lacks '" + expected + "'");
        }
        assertFalse(help.contains("Epochs (default 5)"), "the manual default alone would mislead");
    }
}
