package org.bricknet.optim.minimize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.bricknet.core.testing.Seeds;
import org.junit.jupiter.api.Test;

class GradientsTest {

    @Test
    void approxGradientByHand() {
        // f = x0² + 3·x1 at (1, 2), eps = 1e-3: ((1.001)² − 1) / 1e-3 = 2.001, and 3
        double[] g = Gradients.approxGradient(x -> x[0] * x[0] + 3 * x[1], new double[] {1, 2}, 1e-3);
        assertArrayEquals(new double[] {2.001, 3}, g, 1e-9);
    }

    /**
     * Rosenbrock at random points in [−2, 2]ⁿ: the forward difference errs by about
     * {@code ε·|f''|/2 ≤ 1.5e-8 · 4800 / 2 ≈ 4e-5} per coordinate (f'' ≤ 1200x² + 400 + 2 there),
     * so a correct gradient checks below 1e-4·√n; the largest component scaled by 1.5 checks above 1e-2.
     */
    @Property(tries = 50, seed = Seeds.FIXED)
    void checkGradIsSmallForTheRightGradientAndLargeForAWrongOne(
            @ForAll @IntRange(min = 2, max = 12) int n, @ForAll long seed) {
        Random r = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = -2 + 4 * r.nextDouble();
        }
        Rosenbrock f = new Rosenbrock();
        assertTrue(Gradients.checkGrad(f, x) < 1e-4 * Math.sqrt(n));
        double[] g = new double[n];
        f.valueAndGradient(x, g);
        int wrong = 0;
        for (int i = 1; i < n; i++) {
            wrong = Math.abs(g[i]) > Math.abs(g[wrong]) ? i : wrong;
        }
        int worst = wrong;
        DifferentiableFunction broken = (p, out) -> {
            double v = f.valueAndGradient(p, out);
            out[worst] *= 1.5;
            return v;
        };
        assertTrue(Gradients.checkGrad(broken, x) > Math.max(1e-2, 0.4 * Math.abs(g[wrong])));
    }

    @Test
    void checkGradLeavesThePointAlone() {
        double[] x = {0.5, -0.25};
        Gradients.checkGrad(new Rosenbrock(), x);
        assertArrayEquals(new double[] {0.5, -0.25}, x);
    }

    @Test
    void badArgumentsSayWhatWasExpected() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Gradients.approxGradient(x -> 0, new double[] {1}, 0));
        assertEquals("approxGradient: expected a finite step eps > 0, got 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Gradients.approxGradient(x -> 0, new double[0], 1e-8));
        assertEquals(
                "approxGradient: expected a point with at least one coordinate, got an empty array", e.getMessage());
    }
}
