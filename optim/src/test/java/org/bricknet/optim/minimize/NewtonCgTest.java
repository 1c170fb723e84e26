package org.bricknet.optim.minimize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NewtonCgTest {
    /** {@code f = ½xᵀAx − bᵀx} with {@code A = [[3, 1], [1, 2]]}, {@code b = (1, 1)}: minimum at (1/5, 2/5). */
    static final DifferentiableFunction QUADRATIC = (x, g) -> {
        g[0] = 3 * x[0] + x[1] - 1;
        g[1] = x[0] + 2 * x[1] - 1;
        return 0.5 * (3 * x[0] * x[0] + 2 * x[0] * x[1] + 2 * x[1] * x[1]) - x[0] - x[1];
    };

    static final HessianVectorProduct A = (x, v, out) -> {
        out[0] = 3 * v[0] + v[1];
        out[1] = v[0] + 2 * v[1];
    };

    /**
     * By hand from x0 = 0: g = (−1, −1); CG from p = −g = (1, 1): Ap = (4, 3), α = |g|²/pᵀAp = 2/7,
     * residual (1/7, −1/7) of 1-norm 2/7 ≤ η·|g|₁ = 1, so the direction is (2/7, 2/7), along which
     * f is least at step 1 (φ'(1) = 0): x1 = (2/7, 2/7), f = −2/7, one evaluation. Then g = (1/7,
     * −1/7), η = 0.5, CG from p = (−1/7, 1/7): Ap = (−2/7, 1/7), α = (2/49)/(3/49) = 2/3, residual
     * (−1/21, −1/21) of 1-norm 2/21 ≤ 1/7; direction (−2/21, 2/21), first trial min(1, 1.01·2·Δf/gᵀp)
     * = 1 is again exact: x2 = (4/21, 8/21).
     */
    @Test
    void twoIterationsByHand() {
        OptimizeResult one = new NewtonCg().maxIterations(1).minimize(QUADRATIC, A, new double[] {0, 0});
        assertArrayEquals(new double[] {2.0 / 7, 2.0 / 7}, one.x(), 1e-15, one::toString);
        assertEquals(-2.0 / 7, one.fun(), 1e-15);
        assertEquals(Status.MAX_ITERATIONS, one.status());
        assertEquals(1, one.nit());
        assertEquals(2, one.nfev());
        assertEquals(2, one.njev());
        assertEquals(1, one.nhev());
        OptimizeResult two = new NewtonCg().maxIterations(2).minimize(QUADRATIC, A, new double[] {0, 0});
        assertArrayEquals(new double[] {4.0 / 21, 8.0 / 21}, two.x(), 1e-15, two::toString);
        assertEquals(3, two.nfev());
        assertEquals(2, two.nhev());
        OptimizeResult all = new NewtonCg().minimize(QUADRATIC, A, new double[] {0, 0});
        assertTrue(all.success(), all::toString);
        assertArrayEquals(new double[] {0.2, 0.4}, all.x(), 1e-9, all::toString);
    }

    /**
     * Without a product the forward differences of this linear gradient are A·p up to rounding
     * (about ε·|g|/1.49e-8 ≈ 1e-8 relative), so the iterates agree with the exact ones to ~1e-8.
     */
    @Test
    void finiteDifferenceProductsFollowTheExactOnes() {
        OptimizeResult fd = new NewtonCg().maxIterations(2).minimize(QUADRATIC, null, new double[] {0, 0});
        assertArrayEquals(new double[] {4.0 / 21, 8.0 / 21}, fd.x(), 1e-7, fd::toString);
        assertEquals(0, fd.nhev());
        assertEquals(3, fd.nfev());
        assertEquals(5, fd.njev(), "3 with the values, one difference per CG step");
    }

    /**
     * scipy 1.10.1's {@code minimize(rosen, x0, method='Newton-CG', jac=rosen_der[, hessp=rosen_hess_prod])}
     * from the classic start: the same iterations and evaluations and x within 1e-6. With
     * differences bricknet evaluates fewer gradients (scipy evaluates ∇f(x) again after each
     * difference).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "newton-cg-fd-2, 2, false",
        "newton-cg-fd-10, 10, false",
        "newton-cg-hessp-2, 2, true",
        "newton-cg-hessp-10, 10, true"
    })
    void rosenbrockAsScipy(String fixture, int n, boolean hessp) {
        JsonNode s = ScipyFixtures.get("rosenbrock", fixture);
        Rosenbrock f = new Rosenbrock();
        OptimizeResult r = new NewtonCg().minimize(f, hessp ? f : null, Rosenbrock.classicStart(n));
        assertTrue(r.success(), r::toString);
        assertEquals(s.get("message").asText(), r.message());
        assertArrayEquals(ScipyFixtures.vector(s.get("x")), r.x(), 1e-6, r::toString);
        // |Δf| ≤ |∇f|·|Δx| with |∇f| below 2e-3 at these points and |Δx| ≤ 1e-6
        assertEquals(s.get("fun").asDouble(), r.fun(), 1e-8, r::toString);
        assertEquals(s.get("nit").asInt(), r.nit(), r::toString);
        assertEquals(s.get("nfev").asInt(), r.nfev(), r::toString);
        if (hessp) {
            assertEquals(s.get("njev").asInt(), r.njev(), r::toString);
            assertEquals(s.get("nhev").asInt(), r.nhev(), r::toString);
        } else {
            assertTrue(r.njev() <= s.get("njev").asInt(), r::toString);
            assertEquals(0, r.nhev());
        }
    }

    /** With xtol = 1e-10 Newton-CG reaches the true minimum (1, …, 1), not only scipy's stopping point. */
    @Test
    void aTighterXtolReachesTheMinimum() {
        OptimizeResult r = new NewtonCg().xtol(1e-10).minimize(new Rosenbrock(), Rosenbrock.classicStart(10));
        assertTrue(r.success(), r::toString);
        for (double xi : r.x()) {
            assertEquals(1.0, xi, 1e-6, r::toString);
        }
    }

    /**
     * {@code f = x⁴/4 − x²/2} from 0.1, where {@code f'' = 3x² − 1 < 0}: the first CG step meets
     * negative curvature and falls back to steepest descent; the run ends at the minimum x = 1.
     */
    @Test
    void negativeCurvatureFallsBackToSteepestDescent() {
        DifferentiableFunction w = (x, g) -> {
            g[0] = x[0] * x[0] * x[0] - x[0];
            return x[0] * x[0] * x[0] * x[0] / 4 - x[0] * x[0] / 2;
        };
        HessianVectorProduct h = (x, v, out) -> out[0] = (3 * x[0] * x[0] - 1) * v[0];
        OptimizeResult r = new NewtonCg().minimize(w, h, new double[] {0.1});
        assertTrue(r.success(), r::toString);
        assertEquals(1.0, r.x()[0], 1e-6, r::toString);
    }

    @Test
    void aNonFiniteHessianProductEndsTheRun() {
        OptimizeResult r = new NewtonCg().minimize(QUADRATIC, (x, v, out) -> out[0] = Double.NaN, new double[] {0, 0});
        assertEquals(Status.NOT_FINITE, r.status());
        assertEquals("NaN or infinite result encountered.", r.message());
        assertEquals(0, r.nit());
    }

    /** At the minimum the gradient is exactly 0: a zero step, counted, and success, as scipy's. */
    @Test
    void aZeroGradientIsSuccessAfterAZeroStep() {
        OptimizeResult r =
                new NewtonCg().minimize(QuadraticTest.F, (x, v, out) -> out[0] = 2 * v[0], new double[] {1.3});
        assertTrue(r.success(), r::toString);
        assertEquals(2.0, r.x()[0]);
        assertEquals(2, r.nit());
        assertEquals(2, r.nfev());
        assertEquals(1, r.nhev());
    }
}
