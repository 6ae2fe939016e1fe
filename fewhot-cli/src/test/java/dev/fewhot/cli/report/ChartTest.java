package dev.fewhot.cli.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Axis ticks and labels, chart marks, escaping. */
class ChartTest {
    static String[] labels(Axis a) {
        return IntStream.range(0, a.ticks().length).mapToObj(a::tickLabel).toArray(String[]::new);
    }

    @Test
    void linearTicksAreNiceAndLabelledWithTheirDecimals() {
        assertArrayEquals(new String[] {"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"}, labels(Axis.linear(0, 1)));
        assertArrayEquals(new String[] {"0", "20", "40", "60", "80", "100"}, labels(Axis.linear(0, 100)));
        assertArrayEquals(new String[] {"0.00", "0.05", "0.10", "0.15", "0.20"}, labels(Axis.linear(0, 0.2)));
        assertEquals(0.5, Axis.linear(0, 2).frac(1), 1e-12);
        assertTrue(Axis.linear(3, 3).hi() > 3, "a degenerate range is widened");
    }

    @Test
    void logTicksArePowersOfTenWithMoreBetweenThemOverShortRanges() {
        assertArrayEquals(new String[] {"1", "10", "100", "1000", "10000", "1e5", "1e6"}, labels(Axis.log(0.5, 2e6)));
        assertArrayEquals(new String[] {"20", "50", "100", "200", "500", "1000"}, labels(Axis.log(14, 1100)));
        assertEquals(8, Axis.log(2, 9).ticks().length, "2..9 gets the integers 2, 3, ..., 9");
        assertEquals(0.5, Axis.log(1, 100).frac(10), 1e-12);
        assertFalse(Axis.log(1, 10).accepts(0));
        assertTrue(Axis.linear(0, 1).accepts(-3) && !Axis.linear(0, 1).accepts(Double.NaN));
    }

    @Test
    void marksAreDrawnSkippedAndEscaped() {
        Chart c = new Chart(400, 300, Axis.linear(0, 1), Axis.log(1, 100)).title("a < b & \"c\"");
        String svg = c.dots(new double[] {0.5, 0.5, Double.NaN}, new double[] {10, 0, 10}, null,
                new String[] {"<x>", null, null}, 3, Chart.BLUE).vline(0.25, Chart.RED, "t <", 0).svg();
        assertEquals(1, svg.split("<circle", -1).length - 1, "0 on a log axis and NaN are skipped");
        assertTrue(svg.contains("a &lt; b &amp; &quot;c&quot;") && svg.contains("<title>&lt;x&gt;</title>")
                && svg.contains("t &lt;"), svg);
        assertFalse(svg.contains("a < b"));
        // the dot at y = 10 sits half-way up a 1..100 log axis: plot area 50..248 px
        assertTrue(svg.contains("cy=\"149.0\""), svg);
    }
}
