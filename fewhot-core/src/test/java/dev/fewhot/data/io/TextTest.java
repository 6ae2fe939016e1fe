package dev.fewhot.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TextTest {
    private final int[] err = new int[1];

    private float parse(String s) {
        char[] c = s.toCharArray();
        return Text.parseFloat(c, 0, c.length, err);
    }

    private static int bits(float f) {
        return Float.floatToRawIntBits(f);
    }

    @Test
    void formattedFloatsReadBackIdentically() {
        Random rnd = new Random(42);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            float v = DataAssert.anyFinite(rnd);
            sb.setLength(0);
            Text.appendFloat(sb, v);
            float back = parse(sb.toString());
            assertEquals(0, err[0], sb::toString);
            assertEquals(bits(v), bits(back), sb::toString);
            assertEquals(bits(v), bits(Float.parseFloat(sb.toString())), sb::toString);
        }
    }

    @Test
    void decimalStringsMatchTheJdk() {
        Random rnd = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            StringBuilder sb = new StringBuilder();
            if (rnd.nextInt(4) == 0) sb.append('-');
            int intDigits = rnd.nextInt(12);
            for (int k = 0; k < intDigits; k++) sb.append((char) ('0' + rnd.nextInt(10)));
            if (intDigits == 0 || rnd.nextBoolean()) {
                sb.append('.');
                int frac = 1 + rnd.nextInt(14);
                for (int k = 0; k < frac; k++) sb.append((char) ('0' + rnd.nextInt(10)));
            }
            if (rnd.nextInt(3) == 0) sb.append(rnd.nextBoolean() ? 'e' : 'E').append(rnd.nextInt(81) - 40);
            String s = sb.toString();
            float want = Float.parseFloat(s);
            float got = parse(s);
            if (Float.isInfinite(want)) {
                assertEquals(Text.NOT_FINITE, err[0], s);
            } else {
                assertEquals(0, err[0], s);
                assertEquals(bits(want), bits(got), s);
            }
        }
    }

    @Test
    void hardCasesMatchTheJdk() {
        String[] cases = {"0", "-0", "+1", "1.", ".5", "1e10", "1E-10", "3.4028235e38", "3.4028236e38",
            "1.4e-45", "7e-46", "1e-50", "0.000000000000000000000000000000000000001", "16777217",
            "16777216.5", "33554435", "1.00000005960464477539062", "1.000000059604644775390625",
            "1.0000000596046447753906251", "123456789012345678901234567890", "8388608.5", "0.1", "0.3",
            "2.5e-45", "1e+0", "00012.5000"};
        for (String s : cases) {
            float want = Float.parseFloat(s);
            float got = parse(s);
            if (Float.isInfinite(want)) {
                assertEquals(Text.NOT_FINITE, err[0], s);
            } else {
                assertEquals(0, err[0], s);
                assertEquals(bits(want), bits(got), s);
            }
        }
    }

    @Test
    void rejectsMalformedAndNonFinite() {
        for (String s : new String[] {"", "-", ".", "abc", "1x", "1e", "1e+", "1.2.3", "0x10", "1f", "1d", "--1", "1,5", "e5"}) {
            assertTrue(Float.isNaN(parse(s)), s);
            assertEquals(Text.BAD_NUMBER, err[0], s);
        }
        for (String s : new String[] {"NaN", "nan", "-inf", "Infinity", "+INF", "1e39", "-1e100000"}) {
            assertTrue(Float.isNaN(parse(s)), s);
            assertEquals(Text.NOT_FINITE, err[0], s);
        }
    }

    @Test
    void quotesAreCut() {
        String q = Text.quote("x".repeat(100));
        assertEquals(Text.QUOTE_MAX + 2, q.length());
        assertTrue(q.endsWith("...'"));
        assertEquals("'ab'", Text.quote("ab"));
    }
}
