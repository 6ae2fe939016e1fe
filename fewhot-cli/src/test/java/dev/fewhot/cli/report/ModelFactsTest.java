package dev.fewhot.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's epochs line describes every network: the maximum, and what each ran and kept. */
class ModelFactsTest {
    @Test
    void epochsOfEveryNetwork() {
        assertEquals("100", EvalReport.epochs(Map.of("epochs", "100")), "older models record the maximum only");
        assertEquals("at most 100; ran [19, 17], kept [14, 12]",
                EvalReport.epochs(Map.of("epochs", "100", "epochs_run", "[19, 17]", "epochs_kept", "[14, 12]")));
        assertEquals("at most 100; ran [19, 17], kept [14, 12], refit [14, 12]", EvalReport.epochs(Map.of("epochs", "100",
                "epochs_run", "[19, 17]", "epochs_kept", "[14, 12]", "refit_epochs", "[14, 12]")));
    }
}
