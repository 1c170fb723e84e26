package org.bricknet.optim.minimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * scipy's documented examples of {@code fminbound}, {@code brent}, {@code golden} and
 * {@code bracket}, against the numbers scipy 1.10.1 gives ({@code scipy_fixtures.json}): the same
 * minimizer, value and counts. The algorithms are scipy's step for step, so x agrees to the last
 * bits; the tolerance 1e-12 only allows for {@code Math.exp}-free rounding of the same operations.
 */
class ScalarMinimizersTest {
    static final DoubleUnaryOperator SQ1 = x -> (x - 1) * (x - 1);
    static final DoubleUnaryOperator SQ = x -> x * x;

    private static void assertScipy(JsonNode s, ScalarResult r) {
        assertEquals(s.get("x").asDouble(), r.x(), 1e-12, r::toString);
        assertEquals(s.get("fun").asDouble(), r.fun(), 1e-12, r::toString);
        assertEquals(s.get("nfev").asInt(), r.nfev(), r::toString);
        if (s.has("nit")) {
            assertEquals(s.get("nit").asInt(), r.nit(), r::toString);
        }
        assertTrue(r.success(), r::toString);
    }

    @Test
    void fminboundAsScipy() {
        assertScipy(ScipyFixtures.get("scalar", "fminbound-(x-1)^2--4-4"), new BoundedBrent().minimize(SQ1, -4, 4));
        ScalarResult atEnd = new BoundedBrent().minimize(SQ1, 3, 4);
        assertScipy(ScipyFixtures.get("scalar", "fminbound-(x-1)^2-3-4"), atEnd);
        assertEquals("Solution found.", atEnd.message());
    }

    @Test
    void brentAsScipy() {
        assertScipy(ScipyFixtures.get("scalar", "brent-x^2-(1,2)"), new Brent().minimize(SQ, 1, 2));
        assertScipy(ScipyFixtures.get("scalar", "brent-x^2-(-1,0.5,2)"), new Brent().minimize(SQ, -1, 0.5, 2));
        assertScipy(ScipyFixtures.get("scalar", "brent-(x-1)^2-default"), new Brent().minimize(SQ1));
    }

    @Test
    void goldenAsScipy() {
        assertScipy(ScipyFixtures.get("scalar", "golden-x^2-(1,2)"), new Golden().minimize(SQ, 1, 2));
        assertScipy(ScipyFixtures.get("scalar", "golden-x^2-(-1,0.5,2)"), new Golden().minimize(SQ, -1, 0.5, 2));
    }

    @Test
    void bracketAsScipy() {
        for (String name : new String[] {"bracket-10x^2+3x+5-(0,1)", "bracket-(x-10)^2-(0,1)"}) {
            JsonNode s = ScipyFixtures.get("scalar", name);
            DoubleUnaryOperator f =
                    name.startsWith("bracket-10") ? x -> 10 * x * x + 3 * x + 5 : x -> (x - 10) * (x - 10);
            Bracket b = Bracket.find(f, 0, 1);
            double[] got = {b.xa(), b.xb(), b.xc(), b.fa(), b.fb(), b.fc()};
            String[] keys = {"xa", "xb", "xc", "fa", "fb", "fc"};
            for (int i = 0; i < keys.length; i++) {
                assertEquals(
                        s.get(keys[i]).asDouble(), got[i], 1e-12 * Math.max(1, Math.abs(got[i])), name + " " + keys[i]);
            }
            assertEquals(s.get("nfev").asInt(), b.nfev(), name);
            assertTrue(b.found());
        }
    }

    @Test
    void badBracketsAndBoundsAreRefusedWithOneLine() {
        IllegalArgumentException order =
                assertThrows(IllegalArgumentException.class, () -> new Brent().minimize(SQ, 1, 0.5, 2));
        assertEquals("Brent: expected bracketing points with xa < xb < xc, got 1.0, 0.5, 2.0", order.getMessage());
        IllegalArgumentException values =
                assertThrows(IllegalArgumentException.class, () -> new Golden().minimize(SQ, 1, 1.5, 2));
        assertTrue(
                values.getMessage().startsWith("Golden: expected f(xb) < f(xa) and f(xb) < f(xc), got f(1.0) = 1.0"),
                values.getMessage());
        IllegalArgumentException bounds =
                assertThrows(IllegalArgumentException.class, () -> new BoundedBrent().minimize(SQ, 2, 1));
        assertEquals("BoundedBrent: expected lower <= upper, got 2.0 > 1.0", bounds.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Brent().minimize(SQ, 1, 2, 3, 4));
    }

    @Test
    void aFunctionFallingForEverEndsWithAStatus() {
        ScalarResult r = new Brent().minimize(x -> -x);
        assertFalse(r.success(), r::toString);
        assertEquals(Status.MAX_ITERATIONS, r.status());
        ScalarResult nan = new BoundedBrent().minimize(x -> Double.NaN, 0, 1);
        assertEquals(Status.NOT_FINITE, nan.status(), nan::toString);
    }
}
