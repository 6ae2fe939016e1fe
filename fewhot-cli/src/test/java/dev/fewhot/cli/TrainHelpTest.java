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
                "(auto: up to 100 with early stopping; otherwise 5)",     // --epochs
                "(auto: 0.5; otherwise 0)",                               // --dropout
                "(auto: adamw; otherwise adam)",                          // --optimizer
                "(auto: 5; otherwise 0)",                                 // --patience
                "(auto: 5 when rows x stored values per row <= 5e7, else 1; otherwise 1)", // --ensemble
                "(auto: on for asl, off for bce; otherwise off)",         // --refit
                "(auto: per-label; otherwise none: threshold 0.5)",       // --tune-thresholds
                "auto: 10%, at least 100 rows, at most 25%; otherwise none"}) { // --valid-split
            assertTrue(help.contains(expected), "train --help lacks '" + expected + "'");
        }
        assertFalse(help.contains("Epochs (default 5)"), "the manual default alone would mislead");
    }
}
