package org.bricknet.optim.minimize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LbfgsbTest {

    /**
     * {@code (x − 2)²} with {@code x ≤ 1} from 0, by hand: g = −4, one breakpoint at t = 1/4 where x
     * reaches 1, and it is the only variable, so the Cauchy point is 1 with nothing left free; the
     * line search's first trial (step 1, the whole way) has f = 1 ≤ 4 − 1e-3·4 and |f'| = 2 ≤ 0.9·4;
     * there the projected gradient is 0: PGTOL after one iteration and two evaluations.
     */
    @Test
    void anActiveBoundByHand() {
        DifferentiableFunction f = (x, g) -> {
            g[0] = 2 * (x[0] - 2);
            return (x[0] - 2) * (x[0] - 2);
        };
        OptimizeResult r = new Lbfgsb().bounds(Double.NEGATIVE_INFINITY, 1).minimize(f, new double[] {0});
        assertEquals(1.0, r.x()[0]);
        assertEquals(1.0, r.fun());
        assertArrayEquals(new double[] {-2}, r.jac());
        assertEquals(Status.PGTOL, r.status());
        assertEquals("CONVERGENCE: NORM_OF_PROJECTED_GRADIENT_<=_PGTOL", r.message());
        assertEquals(1, r.nit());
        assertEquals(2, r.nfev());
        assertEquals("", r.note());
    }

    /**
     * scipy 1.10.1's {@code minimize(rosen, x0, method='L-BFGS-B', jac=rosen_der, bounds=...)} from
     * the classic start, without bounds, with {@code x ≤ 0.5} (active at the solution), in the box
     * [0, 0.5] and with {@code x ≥ 1.5} (both outside the start): the same iterations, evaluations
     * and message, and x within 1e-6.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "lbfgsb-2, 2, -Infinity, Infinity",
        "lbfgsb-10, 10, -Infinity, Infinity",
        "lbfgsb-upper-0.5-2, 2, -Infinity, 0.5",
        "lbfgsb-upper-0.5-10, 10, -Infinity, 0.5",
        "lbfgsb-box-0-0.5-2, 2, 0, 0.5",
        "lbfgsb-box-0-0.5-10, 10, 0, 0.5",
        "lbfgsb-lower-1.5-2, 2, 1.5, Infinity",
        "lbfgsb-lower-1.5-10, 10, 1.5, Infinity"
    })
    void rosenbrockAsScipy(String fixture, int n, double lower, double upper) {
        JsonNode s = ScipyFixtures.get("rosenbrock", fixture);
        OptimizeResult r = new Lbfgsb().bounds(lower, upper).minimize(new Rosenbrock(), Rosenbrock.classicStart(n));
        assertTrue(r.success(), r::toString);
        assertEquals(s.get("message").asText(), r.message());
        assertArrayEquals(ScipyFixtures.vector(s.get("x")), r.x(), 1e-6, r::toString);
        // |Δf| ≤ |projected ∇f|·|Δx| + the active bound's share, both far below 1e-6 here
        assertEquals(s.get("fun").asDouble(), r.fun(), 1e-6 * Math.max(1, Math.abs(r.fun())), r::toString);
        assertEquals(s.get("nit").asInt(), r.nit(), r::toString);
        assertEquals(s.get("nfev").asInt(), r.nfev(), r::toString);
        assertEquals(s.get("njev").asInt(), r.njev(), r::toString);
    }

    /**
     * Without bounds, L-BFGS-B is L-BFGS: with L-BFGS-B's line search (c1 = 1e-3, c2 = 0.9,
     * xtol = 0.1, steps up to 1e10, 20 evaluations) bricknet's {@link Lbfgs} evaluates f at the same
     * points in the same order. The directions come from different arithmetic (the two-loop recursion
     * against the compact form), so the points agree to rounding: within 1e-12 for the first 10
     * evaluations (measured: 6e-15), and within 1e-5 to the end (measured: 5e-10 in 2-D, 9e-7 in
     * 10-D), as rounding differences grow along Rosenbrock's valley.
     */
    @ParameterizedTest(name = "{0}-D")
    @ValueSource(ints = {2, 10})
    void withoutBoundsTheIteratesAreLbfgss(int n) {
        List<double[]> a = new ArrayList<>();
        List<double[]> b = new ArrayList<>();
        Rosenbrock f = new Rosenbrock();
        OptimizeResult ra = new Lbfgsb()
                .minimize(
                        (x, g) -> {
                            a.add(x.clone());
                            return f.valueAndGradient(x, g);
                        },
                        Rosenbrock.classicStart(n));
        OptimizeResult rb = new Lbfgs()
                .lineSearch(new LineSearch(1e-3, 0.9, 20, 0, 1e10, 0.1))
                .minimize(
                        (x, g) -> {
                            b.add(x.clone());
                            return f.valueAndGradient(x, g);
                        },
                        Rosenbrock.classicStart(n));
        assertEquals(ra.nit(), rb.nit());
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i), i < 10 ? 1e-12 : 1e-5, "evaluation " + i);
        }
    }

    @Test
    void aFixedVariableStaysFixed() {
        OptimizeResult r = new Lbfgsb()
                .bounds(new double[] {Double.NEGATIVE_INFINITY, 0.7}, new double[] {Double.POSITIVE_INFINITY, 0.7})
                .minimize(new Rosenbrock(), Rosenbrock.classicStart(2));
        assertTrue(r.success(), r::toString);
        assertEquals(0.7, r.x()[1]);
        // 100·(0.7 − x²)² + (1 − x)² is least where its derivative −400x(0.7 − x²) − 2(1 − x) is 0
        double x = r.x()[0];
        assertEquals(0, -400 * x * (0.7 - x * x) - 2 * (1 - x), 1e-4, r::toString);
    }

    @Test
    void aStartOutsideTheBoundsIsProjectedWithANote() {
        OptimizeResult r = new Lbfgsb().bounds(0, 0.5).minimize(new Rosenbrock(), new double[] {-1.2, 1, 0.25});
        assertEquals(
                "x0 was outside the bounds at 2 of 3 coordinates (x0[0] = -1.2 < lower 0.0); started from its"
                        + " projection onto the bounds, as scipy does",
                r.note());
        assertTrue(r.toString().endsWith("note: " + r.note()), r::toString);
    }

    @Test
    void badBoundsAreOneLineErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Lbfgsb().bounds(1, 0));
        assertEquals("Lbfgsb: expected lower <= upper, got lower = 1.0 > upper = 0.0", e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class, () -> new Lbfgsb().bounds(new double[] {0, 2}, new double[] {1, 1}));
        assertEquals("Lbfgsb: expected lower <= upper, got lower[1] = 2.0 > upper[1] = 1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Lbfgsb().bounds(Double.NaN, 1));
        assertEquals(
                "Lbfgsb: expected a lower bound below +∞ and an upper bound above −∞, got lower = NaN, upper = 1.0",
                e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> new Lbfgsb()
                        .bounds(new double[] {0, 0}, new double[] {1, 1})
                        .minimize(new Rosenbrock(), Rosenbrock.classicStart(3)));
        assertEquals("Lbfgsb: expected bounds for the 3 variables of x0, got 2", e.getMessage());
    }

    /** f = −x is NaN beyond 5; the bound 10 is beyond that: the line searches back off, and the run ends. */
    @Test
    void nonFiniteValuesEndTheRunWithAStatus() {
        DifferentiableFunction f = (x, g) -> {
            g[0] = x[0] < 5 ? -1 : Double.NaN;
            return x[0] < 5 ? -x[0] : Double.NaN;
        };
        OptimizeResult r = new Lbfgsb().bounds(0, 10).minimize(f, new double[] {0});
        assertTrue(Double.isFinite(r.fun()), r::toString);
        assertTrue(r.nfev() < 200, r::toString);
        OptimizeResult nan = new Lbfgsb().minimize((x, g) -> Double.NaN, new double[] {0});
        assertEquals(Status.NOT_FINITE, nan.status());
    }
}
