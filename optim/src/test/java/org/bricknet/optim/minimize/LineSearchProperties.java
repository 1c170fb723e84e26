package org.bricknet.optim.minimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.bricknet.core.testing.Seeds;
import org.junit.jupiter.api.Test;

/** The returned step is checked against both strong Wolfe conditions by evaluating f anew. */
class LineSearchProperties {

    /** f(x) = ½xᵀAx + bᵀx with A = MᵀM + 0.1·I, symmetric positive definite. */
    static DifferentiableFunction randomQuadratic(int n, Random r) {
        double[][] m = new double[n][n];
        for (double[] row : m) {
            for (int j = 0; j < n; j++) {
                row[j] = r.nextGaussian();
            }
        }
        double[][] a = new double[n][n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = r.nextGaussian();
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    a[i][j] += m[k][i] * m[k][j];
                }
            }
            a[i][i] += 0.1;
        }
        return (x, g) -> {
            double f = 0;
            for (int i = 0; i < n; i++) {
                g[i] = b[i] + Vectors.dot(a[i], x);
                f += x[i] * (0.5 * Vectors.dot(a[i], x) + b[i]);
            }
            return f;
        };
    }

    @Property(tries = 200, seed = Seeds.FIXED)
    void stepsSatisfyBothStrongWolfeConditions(
            @ForAll @IntRange(min = 2, max = 8) int n,
            @ForAll boolean rosenbrock,
            @ForAll boolean conjugateGradient,
            @ForAll @DoubleRange(min = 1e-3, max = 10) @Scale(4) double alpha0,
            @ForAll long seed) {
        Random r = new Random(seed);
        DifferentiableFunction f = rosenbrock ? new Rosenbrock() : randomQuadratic(n, r);
        double[] x = new double[n];
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = -2 + 4 * r.nextDouble();
        }
        double[] g = new double[n];
        double fx = f.valueAndGradient(x, g);
        for (int i = 0; i < n; i++) {
            p[i] = -g[i] + 0.5 * Vectors.norm2(g) / Math.sqrt(n) * r.nextGaussian();
        }
        if (Vectors.dot(g, p) >= 0) {
            for (int i = 0; i < n; i++) {
                p[i] = -p[i];
            }
        }
        double c2 = conjugateGradient ? LineSearch.C2_CONJUGATE_GRADIENT : LineSearch.C2_QUASI_NEWTON;
        LineSearch search = new LineSearch(LineSearch.C1, c2);
        LineSearch.Step step = search.search(f, x.clone(), fx, g.clone(), p, alpha0);
        assertTrue(step.found, "no step found");
        double[] xa = new double[n];
        Vectors.step(x, step.alpha, p, xa);
        double[] ga = new double[n];
        double fa = f.valueAndGradient(xa, ga);
        double slope0 = Vectors.dot(g, p);
        assertTrue(step.alpha > 0);
        assertTrue(fa <= fx + LineSearch.C1 * step.alpha * slope0, "sufficient decrease");
        assertTrue(Math.abs(Vectors.dot(ga, p)) <= c2 * Math.abs(slope0), "curvature");
        assertEquals(fa, step.value, 0.0);
        assertTrue(step.evaluations >= 1 && step.evaluations <= 40);
    }

    @Test
    void backsOffFromNaN() {
        // f = (x − 3)² for x < 4, NaN beyond: from 0 along +1 a first trial of 10 lands in the NaN.
        DifferentiableFunction f = (x, g) -> {
            g[0] = x[0] < 4 ? 2 * (x[0] - 3) : Double.NaN;
            return x[0] < 4 ? (x[0] - 3) * (x[0] - 3) : Double.NaN;
        };
        LineSearch.Step step =
                new LineSearch(1e-4, 0.9).search(f, new double[] {0}, 9, new double[] {-6}, new double[] {1}, 10);
        assertTrue(step.found);
        assertTrue(step.alpha < 4 && Math.abs(2 * (step.alpha - 3)) <= 0.9 * 6);
    }

    @Test
    void anAscentDirectionIsRefusedWithoutEvaluating() {
        LineSearch.Step step = new LineSearch(1e-4, 0.9)
                .search(
                        (x, g) -> {
                            throw new AssertionError("evaluated");
                        },
                        new double[] {1},
                        1,
                        new double[] {2},
                        new double[] {1},
                        1);
        assertFalse(step.found);
        assertEquals(0, step.evaluations);
    }

    @Test
    void constantsMustBeOrdered() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LineSearch(0.5, 0.1));
        assertEquals("LineSearch: expected 0 < c1 < c2 < 1, got c1 = 0.5, c2 = 0.1", e.getMessage());
    }
}
