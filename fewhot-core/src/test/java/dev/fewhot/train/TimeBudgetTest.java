package dev.fewhot.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The time budget: its option form, and the ensemble keeping only the networks that fit. */
class TimeBudgetTest {
    @Test
    void parsesDurationsAndNone() {
        assertEquals(300, TimeBudget.parse("5m").seconds());
        assertEquals(300, TimeBudget.parse("300s").seconds());
        assertEquals(300, TimeBudget.parse("300").seconds(), "a bare number is seconds");
        assertEquals(5400, TimeBudget.parse("1h30m").seconds());
        assertEquals(150, TimeBudget.parse("2.5m").seconds());
        assertEquals(0.25, TimeBudget.parse("250ms").seconds());
        assertEquals(90, TimeBudget.parse(" 1M30S ").seconds(), "any case, spaces around");
        assertFalse(TimeBudget.parse("none").limited());
        assertTrue(TimeBudget.parse("1s").limited());
        assertEquals("5m", TimeBudget.DEFAULT.id());
        assertEquals("none", TimeBudget.NONE.id());
        assertEquals("90s", TimeBudget.parse("1m30s").id());
        assertEquals("2h", TimeBudget.parse("120m").id());
    }

    @Test
    void refusesWhatIsNotAPositiveDuration() {
        for (String bad : new String[] {"", "0", "0s", "-5m", "5 minutes", "m", "5x", "5m 3", "1h-2m", "s5"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TimeBudget.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("--time-budget must be a positive duration (e.g. 90s, 5m, 1h30m) or none, got '"),
                    e.getMessage());
        }
        String longValue = "9".repeat(200) + "q";
        String msg = assertThrows(IllegalArgumentException.class, () -> TimeBudget.parse(longValue)).getMessage();
        assertTrue(msg.length() < 150, "long values are cut: " + msg);
        assertThrows(IllegalArgumentException.class, () -> new TimeBudget(0));
        assertThrows(IllegalArgumentException.class, () -> new TimeBudget(Double.NaN));
    }

    @Test
    void theEnsembleTrainsOnlyTheNetworksThatFit() {
        long[] clock = {0};
        List<int[]> reached = new ArrayList<>();
        TrainingListener l = new TrainingListener() {
            @Override
            public void budgetReached(int trained, int planned, double elapsed, double perNetwork, TimeBudget budget) {
                reached.add(new int[] {trained, planned, (int) Math.round(elapsed), (int) Math.round(perNetwork)});
            }
        };
        // a fake clock: each network takes 70 s; budget 300 s: after 4 networks (280 s) a fifth would end at 350 s
        List<Long> seeds = new ArrayList<>();
        NetworkTrainer member = (index, count, seed, listener) -> {
            seeds.add(seed);
            clock[0] += 70_000_000_000L;
            return network();
        };
        EnsembleTrainer.Result r = new EnsembleTrainer(member, 5, 10, new TimeBudget(300)).train(l, 0, () -> clock[0]);
        assertEquals(4, r.networks().size());
        assertEquals(5, r.planned());
        assertTrue(r.cutByBudget());
        assertEquals(List.of(10L, 11L, 12L, 13L), seeds, "the networks that train keep their seeds");
        assertEquals(1, reached.size());
        assertEquals(List.of(4, 5, 280, 70), List.of(reached.get(0)[0], reached.get(0)[1], reached.get(0)[2], reached.get(0)[3]));

        // the first network always trains, even past the budget
        clock[0] = 0;
        seeds.clear();
        EnsembleTrainer.Result one = new EnsembleTrainer(member, 5, 0, new TimeBudget(30)).train(null, 0, () -> clock[0]);
        assertEquals(1, one.networks().size());

        // no budget: every network
        clock[0] = 0;
        EnsembleTrainer.Result all = new EnsembleTrainer(member, 5, 0, TimeBudget.NONE).train(null, 0, () -> clock[0]);
        assertEquals(5, all.networks().size());
        assertFalse(all.cutByBudget());
        // a budget that fits exactly: 5 x 60 s = 300 s
        clock[0] = 0;
        NetworkTrainer sixty = (index, count, seed, listener) -> {
            clock[0] += 60_000_000_000L;
            return network();
        };
        assertEquals(5, new EnsembleTrainer(sixty, 5, 0, TimeBudget.DEFAULT).train(null, 0, () -> clock[0]).networks().size());
    }

    /** A network's outcome without a model (the ensemble only counts them here). */
    private static TrainedNetwork network() {
        TrainResult r = new TrainResult(null, 1, 1, 0, List.of(0.0), List.of(), 0, 0, "java", List.of(), java.util.Map.of());
        return new TrainedNetwork(r, null);
    }
}
