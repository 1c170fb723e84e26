package org.bricknet.optim.minimize;

/**
 * The Rosenbrock function in {@code n ≥ 2} dimensions, scipy's {@code rosen} and {@code rosen_der}:
 * <pre>
 *   f(x) = Σᵢ₌₀ⁿ⁻² 100·(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)²,
 *   ∂f/∂xⱼ = 200·(xⱼ − xⱼ₋₁²) − 400·xⱼ·(xⱼ₊₁ − xⱼ²) − 2·(1 − xⱼ)   (terms outside 0..n−1 dropped).
 * </pre>
 * Its minimum is 0, at all ones, at the end of a long curved valley.
 */
public final class Rosenbrock implements DifferentiableFunction {

    @Override
    public double valueAndGradient(double[] x, double[] g) {
        int n = x.length;
        if (n < 2 || g.length != n) {
            throw new IllegalArgumentException("Rosenbrock: expected a point of at least 2 coordinates and a gradient"
                    + " of the same length, got " + n + " and " + g.length);
        }
        java.util.Arrays.fill(g, 0);
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

    /** The classic start {@code (−1.2, 1, −1.2, 1, ...)} in {@code n} dimensions. */
    public static double[] classicStart(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 2 == 0 ? -1.2 : 1.0;
        }
        return x;
    }
}
