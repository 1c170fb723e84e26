package org.bricknet.optim.minimize;

import java.util.Arrays;

/**
 * The Rosenbrock function in {@code n ≥ 2} dimensions, scipy's {@code rosen} and {@code rosen_der}:
 * <pre>
 *   f(x) = Σᵢ₌₀ⁿ⁻² 100·(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)²,
 *   ∂f/∂xⱼ = 200·(xⱼ − xⱼ₋₁²) − 400·xⱼ·(xⱼ₊₁ − xⱼ²) − 2·(1 − xⱼ)   (terms outside 0..n−1 dropped).
 * </pre>
 * Its minimum is 0, at all ones, at the end of a long curved valley. Its Hessian is tridiagonal,
 * and {@link #hessianTimes} is scipy's {@code rosen_hess_prod}:
 * <pre>
 *   (H·p)ⱼ = −400·xⱼ₋₁·pⱼ₋₁ + (202 + 1200·xⱼ² − 400·xⱼ₊₁)·pⱼ − 400·xⱼ·pⱼ₊₁
 * </pre>
 * for the rows between; the first row has {@code 2 + 1200·x₀² − 400·x₁} on the diagonal and no
 * term before it, the last {@code 200} on the diagonal and no term after it.
 */
public final class Rosenbrock implements DifferentiableFunction, HessianVectorProduct {

    @Override
    public double valueAndGradient(double[] x, double[] g) {
        int n = x.length;
        if (n < 2 || g.length != n) {
            throw new IllegalArgumentException("Rosenbrock: expected a point of at least 2 coordinates and a gradient"
                    + " of the same length, got " + n + " and " + g.length);
        }
        Arrays.fill(g, 0);
        double f = 0;
        for (int i = 0; i < n - 1; i++) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            f += 100 * a * a + b * b;
            g[i] += -400 * x[i] * a - 2 * b;
            g[i + 1] += 200 * a;
        }
        return f;
    }

    @Override
    public void hessianTimes(double[] x, double[] p, double[] out) {
        int n = x.length;
        if (n < 2 || p.length != n || out.length != n) {
            throw new IllegalArgumentException("Rosenbrock: expected a point of at least 2 coordinates and a vector and"
                    + " an output of the same length, got " + n + ", " + p.length + " and " + out.length);
        }
        out[0] = (1200 * x[0] * x[0] - 400 * x[1] + 2) * p[0] - 400 * x[0] * p[1];
        for (int j = 1; j < n - 1; j++) {
            out[j] = -400 * x[j - 1] * p[j - 1]
                    + (202 + 1200 * x[j] * x[j] - 400 * x[j + 1]) * p[j]
                    - 400 * x[j] * p[j + 1];
        }
        out[n - 1] = -400 * x[n - 2] * p[n - 2] + 200 * p[n - 1];
    }

    /** The classic start {@code (−1.2, 1, −1.2, 1, ...)} in {@code n} dimensions. */
    public static double[] classicStart(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 2 == 0 ? -1.2 : 1.0;
        }
        return x;
    }
}
