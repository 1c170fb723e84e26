package org.bricknet.optim.minimize;

/**
 * Finite-difference gradients and the gradient check, as scipy's {@code approx_fprime} and
 * {@code check_grad}.
 *
 * <p>{@link #approxGradient} uses forward differences, {@code (f(x + ε·eᵢ) − f(x)) / ε}: n + 1
 * evaluations, error about {@code ε·|f''|/2 + 2u·|f|/ε} ({@code u = 1.1e-16}), smallest near
 * {@code ε = √(2.2e-16) ≈ 1.49e-8}, where it is about {@code 1e-8} for values and curvatures of
 * order one. For tighter checks, core's {@code NumericalGradient} uses central differences.
 */
public final class Gradients {
    /** scipy's default step: the square root of the machine epsilon. */
    public static final double EPSILON = Math.sqrt(Math.ulp(1.0));

    private Gradients() {}

    /** The forward-difference gradient of {@code f} at {@code x} with step {@code eps}; x is unchanged. */
    public static double[] approxGradient(ScalarFunction f, double[] x, double eps) {
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException("approxGradient: expected a point with at least one coordinate, got "
                    + (x == null ? "null" : "an empty array"));
        }
        if (!(eps > 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("approxGradient: expected a finite step eps > 0, got " + eps);
        }
        double[] xp = x.clone();
        double f0 = f.value(xp);
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            xp[i] = x[i] + eps;
            g[i] = (f.value(xp) - f0) / eps;
            xp[i] = x[i];
        }
        return g;
    }

    /**
     * {@code |∇f(x) − approxGradient(f, x, EPSILON)|₂}, as scipy's {@code check_grad}: about
     * {@code 1e-7} or less for a correct gradient of a well-scaled function, of the order of the
     * gradient itself for a wrong one.
     */
    public static double checkGrad(DifferentiableFunction f, double[] x) {
        double[] approx = approxGradient(f, x, EPSILON);
        double[] g = new double[x.length];
        f.valueAndGradient(x.clone(), g);
        double sum = 0;
        for (int i = 0; i < g.length; i++) {
            double d = g[i] - approx[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }
}
