package org.bricknet.optim.minimize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rosenbrock from the classic start. 1e-6 accuracy in x needs a tighter gtol than scipy's 1e-5:
 * near the minimum the Hessian's smallest eigenvalue is about 0.4, so {@code |x − 1| ≲ |g| / 0.4};
 * the tests pass gtol = 1e-9 (and ftol = 0 to L-BFGS, whose f-test would otherwise stop first).
 */
class RosenbrockTest {

    @Test
    void valueAndGradientByHand() {
        // at (-1.2, 1): a = 1 - 1.44 = -0.44, b = 2.2; f = 100·0.1936 + 4.84 = 24.2
        // g0 = -400·(-1.2)·(-0.44) - 2·2.2 = -215.6, g1 = 200·(-0.44) = -88
        double[] g = new double[2];
        assertEquals(24.2, new Rosenbrock().valueAndGradient(new double[] {-1.2, 1}, g), 1e-12);
        assertArrayEquals(new double[] {-215.6, -88}, g, 1e-12);
        assertArrayEquals(new double[] {-1.2, 1, -1.2}, Rosenbrock.classicStart(3));
    }

    static Stream<Arguments> gradientMethods() {
        return Stream.of(2, 10)
                .flatMap(n -> Stream.of(
                        Arguments.of(n, new Bfgs().gtol(1e-9)),
                        Arguments.of(n, new Lbfgs().gtol(1e-9).ftol(0)),
                        Arguments.of(n, new ConjugateGradient().gtol(1e-9))));
    }

    @ParameterizedTest(name = "{1} in {0}-D")
    @MethodSource("gradientMethods")
    void gradientMethodsReachTheMinimum(int n, Minimizer method) {
        OptimizeResult r = method.minimize(new Rosenbrock(), Rosenbrock.classicStart(n));
        assertTrue(r.success(), r::toString);
        for (double xi : r.x()) {
            assertEquals(1.0, xi, 1e-6, r::toString);
        }
        assertTrue(r.fun() < 1e-10, r::toString);
        assertEquals(r.nfev(), r.njev());
    }

    @Test
    void nelderMeadReachesTheMinimumIn2d() {
        OptimizeResult r = new NelderMead().minimize(new Rosenbrock(), Rosenbrock.classicStart(2));
        assertTrue(r.success(), r::toString);
        assertArrayEquals(new double[] {1, 1}, r.x(), 1e-4, r::toString);
        assertEquals(0, r.njev());
    }

    @Test
    void powellReachesTheMinimumIn2d() {
        OptimizeResult r = new Powell().minimize(new Rosenbrock(), Rosenbrock.classicStart(2));
        assertTrue(r.success(), r::toString);
        assertArrayEquals(new double[] {1, 1}, r.x(), 1e-6, r::toString);
    }

    @Test
    void withScipyDefaultsCountsStayAtOrBelowScipys() {
        // scipy 1.10.1, minimize(rosen, x0, jac=rosen_der): L-BFGS-B 2-D nfev 44, 10-D nfev 88;
        // Nelder-Mead 2-D nit 85, nfev 159.
        assertTrue(new Lbfgs()
                        .minimize(new Rosenbrock(), Rosenbrock.classicStart(2))
                        .nfev()
                <= 44);
        assertTrue(new Lbfgs()
                        .minimize(new Rosenbrock(), Rosenbrock.classicStart(10))
                        .nfev()
                <= 88);
        OptimizeResult nm = new NelderMead().minimize(new Rosenbrock(), Rosenbrock.classicStart(2));
        assertEquals(85, nm.nit());
        assertEquals(159, nm.nfev());
    }

    @Test
    void iterationLimitIsReportedInWords() {
        OptimizeResult r = new Bfgs().maxIterations(3).minimize(new Rosenbrock(), Rosenbrock.classicStart(2));
        assertEquals(Status.MAX_ITERATIONS, r.status());
        assertEquals("Maximum number of iterations has been exceeded.", r.message());
        assertEquals(3, r.nit());
        OptimizeResult nm = new NelderMead().maxEvaluations(20).minimize(new Rosenbrock(), Rosenbrock.classicStart(2));
        assertEquals("Maximum number of function evaluations has been exceeded.", nm.message());
    }
}
