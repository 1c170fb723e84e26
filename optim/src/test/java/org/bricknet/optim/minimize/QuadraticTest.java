package org.bricknet.optim.minimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The scipy walkthrough: f(x) = x² − 4x + 8 = (x − 2)² + 4 from 1.3; the minimum is f(2) = 4. */
class QuadraticTest {
    static final DifferentiableFunction F = (x, g) -> {
        g[0] = 2 * x[0] - 4;
        return x[0] * x[0] - 4 * x[0] + 8;
    };

    static Stream<Arguments> methods() {
        // Derivative-free methods stop within their xtol (1e-4) of x = 2, so f within 1e-8 of 4.
        return Stream.of(
                Arguments.of(new NelderMead(), 1e-4, 1e-8),
                Arguments.of(new Powell(), 1e-4, 1e-8),
                Arguments.of(new ConjugateGradient(), 1e-8, 1e-14),
                Arguments.of(new Bfgs(), 1e-8, 1e-14),
                Arguments.of(new Lbfgs(), 1e-8, 1e-14),
                // one Newton step lands on 2 (the difference product 2p is exact to ~1e-8)
                Arguments.of(new NewtonCg(), 1e-7, 1e-14),
                // a step of 0.1 shrinks x − 2 by 0.8 per step: stops once |g| = 2|x − 2| ≤ 1e-5
                Arguments.of(new GradientDescent(), 5e-6, 1e-10));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void everyMethodFindsTwo(Minimizer method, double xTol, double fTol) {
        OptimizeResult r = method.minimize(F, new double[] {1.3});
        assertTrue(r.success(), r::toString);
        assertEquals("Optimization terminated successfully.", r.message());
        assertEquals(2.0, r.x()[0], xTol, r::toString);
        assertEquals(4.0, r.fun(), fTol, r::toString);
    }

    @Test
    void separateValueAndGradientAsScipysFunAndJac() {
        int[] calls = new int[2];
        DifferentiableFunction f = DifferentiableFunction.of(
                x -> {
                    calls[0]++;
                    return x[0] * x[0] - 4 * x[0] + 8;
                },
                (x, g) -> {
                    calls[1]++;
                    g[0] = 2 * x[0] - 4;
                });
        OptimizeResult r = new Bfgs().minimize(f, new double[] {1.3});
        assertEquals(2.0, r.x()[0], 1e-8);
        assertEquals(r.nfev(), calls[0]);
        assertEquals(r.njev(), calls[1]);
        // value() alone calls the value code, not the gradient code
        assertEquals(5.0, f.value(new double[] {1}));
        assertEquals(r.nfev() + 1, calls[0]);
        assertEquals(r.njev(), calls[1]);
    }
}
