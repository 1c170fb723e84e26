package org.bricknet.optim.minimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** NaN, infinity and empty or non-finite start points end cleanly: a message or an exception. */
class BadInputTest {

    static Stream<Minimizer> methods() {
        return Stream.of(
                new NelderMead(),
                new Powell(),
                new ConjugateGradient(),
                new Bfgs(),
                new Lbfgs(),
                new GradientDescent(),
                new NewtonCg(),
                new Lbfgsb());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void aFunctionThatIsNaNAtTheStartEndsAtOnce(Minimizer m) {
        OptimizeResult r = m.minimize(
                (x, g) -> {
                    g[0] = Double.NaN;
                    return Double.NaN;
                },
                new double[] {1});
        assertEquals(Status.NOT_FINITE, r.status());
        assertEquals("NaN or infinite result encountered.", r.message());
        assertFalse(r.success());
        assertEquals(0, r.nit());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void aFunctionThatIsInfiniteAtTheStartEndsAtOnce(Minimizer m) {
        OptimizeResult r = m.minimize(
                (x, g) -> {
                    g[0] = 1;
                    return Double.POSITIVE_INFINITY;
                },
                new double[] {1});
        assertEquals(Status.NOT_FINITE, r.status());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void aFunctionThatTurnsNaNDownhillEndsInBoundedTime(Minimizer m) {
        // f = −x falls for ever, and is NaN beyond x = 5: no method may loop.
        DifferentiableFunction f = (x, g) -> {
            g[0] = x[0] < 5 ? -1 : Double.NaN;
            return x[0] < 5 ? -x[0] : Double.NaN;
        };
        OptimizeResult r = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> m.minimize(f, new double[] {0}));
        assertFalse(r.success() && Double.isNaN(r.fun()), r::toString);
        assertTrue(r.nfev() < 100_000, r::toString);
    }

    @Test
    void aTooLargeFixedStepOverflowsAndSaysSo() {
        // x² with η = 1.5: x₊ = x − 3x = −2x doubles |x| until f overflows.
        OptimizeResult r = new GradientDescent()
                .learningRate(1.5)
                .minimize(
                        (x, g) -> {
                            g[0] = 2 * x[0];
                            return x[0] * x[0];
                        },
                        new double[] {1});
        assertEquals(Status.NOT_FINITE, r.status());
        assertTrue(r.nit() < 1100, r::toString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void badStartPointsAreIllegalArguments(Minimizer m) {
        DifferentiableFunction f = QuadraticTest.F;
        String name = m.getClass().getSimpleName();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> m.minimize(f, new double[] {0, Double.NaN}));
        assertEquals(name + ": expected a finite start point, got NaN at index 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.minimize(f, new double[0]));
        assertEquals(
                name + ": expected a start point with at least one coordinate, got an empty array", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.minimize(f, null));
        assertEquals(name + ": expected a start point, got null", e.getMessage());
    }

    @Test
    void theStartPointIsNotChanged() {
        double[] x0 = Rosenbrock.classicStart(2);
        new Powell().minimize(new Rosenbrock(), x0);
        new Bfgs().minimize(new Rosenbrock(), x0);
        assertEquals(-1.2, x0[0]);
        assertEquals(1.0, x0[1]);
    }

    @Test
    void bfgsRefusesMoreVariablesThanItsMatrixHoldsBeforeEvaluating() {
        int[] calls = new int[1];
        DifferentiableFunction f = (x, g) -> {
            calls[0]++;
            return 0;
        };
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new Bfgs().minimize(f, new double[46341]));
        assertEquals(
                "Bfgs: expected at most 46340 variables (its n×n matrix is one Java array), got 46341; use Lbfgs",
                e.getMessage());
        assertEquals(0, calls[0]);
    }

    /** The memory estimates count what each method holds: BFGS's matrix, Nelder-Mead's simplex, vectors. */
    @Test
    void memoryEstimatesGrowAsTheMethodsHold() {
        assertEquals(8.0e10 + 8 * 14 * 1e5, new Bfgs().bytesNeeded(100_000));
        assertTrue(new NelderMead().bytesNeeded(100_000) > 8.0e10);
        assertTrue(new Powell().bytesNeeded(100_000) > 8.0e10);
        assertEquals(8.0 * 35 * 1e6, new Lbfgs().bytesNeeded(1_000_000));
        // an n as large as an int holds: 2e9² doubles do not overflow the estimate
        assertEquals(3.2e19, new Bfgs().bytesNeeded(2_000_000_000), 1e16);
        for (Minimizer m : methods().toList()) {
            assertTrue(m.bytesNeeded(1000) >= 8.0 * 2 * 1000, m.name());
        }
    }

    @Test
    void badOptionsAreIllegalArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Lbfgs().history(0));
        assertEquals("Lbfgs: history: expected a count > 0, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GradientDescent().learningRate(Double.NaN));
        assertEquals("GradientDescent: learningRate: expected a finite number > 0, got NaN", e.getMessage());
    }
}
