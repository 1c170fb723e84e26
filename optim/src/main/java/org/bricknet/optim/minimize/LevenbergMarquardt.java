package org.bricknet.optim.minimize;

/**
 * Levenberg-Marquardt for {@code min ½·Σ rᵢ(x)²}, as MINPACK's {@code lmder} (with a
 * {@link JacobianFunction}) and {@code lmdif} (without: forward differences), which scipy's
 * {@code leastsq} runs. Each outer iteration factors the Jacobian {@code J·P = Q·R} (Householder
 * with column pivoting); the inner loop finds, for a trust region of radius {@code Δ} in the
 * scaled norm {@code |D·p|}, the parameter λ with {@code (JᵀJ + λ·DᵀD)·p = −Jᵀr} and
 * {@code |D·p| ≈ Δ} ({@link Minpack#lmpar}), tries {@code x + p}, and grows or shrinks Δ by the
 * ratio of actual to predicted reduction; a step is taken when that ratio is at least 1e-4.
 * Scaling is MINPACK's {@code mode = 1}: {@code D = diag(|column j of J|)}, each never decreasing.
 * A forward-difference column is {@code (r(x + h·eⱼ) − r(x))/h} with {@code h = √epsfcn·|xⱼ|}
 * ({@code √epsfcn} when xⱼ = 0).
 *
 * <p>Defaults are scipy's: {@code ftol = xtol = 1.49012e-8}, {@code gtol = 0}, {@code factor = 100}
 * (the first Δ is {@code factor·|D·x0|}), {@code epsfcn = ε}, at most {@code 200·(n + 1)}
 * evaluations of r without a Jacobian and {@code 100·(n + 1)} with one. It stops when both the
 * actual and predicted relative reductions of the sum of squares are at most ftol
 * ({@link Status#LM_FTOL}), when Δ is at most {@code xtol·|D·x|} ({@link Status#LM_XTOL}), when
 * the residuals are orthogonal to J's columns within gtol ({@link Status#LM_GTOL}), or fails on the
 * evaluation limit, on tolerances too small for doubles, or on non-finite residuals or Jacobian
 * ({@link Status#NOT_FINITE}; a trial point with non-finite residuals is only a rejected step).
 */
public final class LevenbergMarquardt {
    private double ftol = 1.49012e-8;
    private double xtol = 1.49012e-8;
    private double gtol = 0;
    private double factor = 100;
    private double epsfcn = Minpack.EPSMCH;
    private int maxEvaluations;

    public LevenbergMarquardt ftol(double ftol) {
        this.ftol = Counted.nonNegative("LevenbergMarquardt: ftol", ftol);
        return this;
    }

    public LevenbergMarquardt xtol(double xtol) {
        this.xtol = Counted.nonNegative("LevenbergMarquardt: xtol", xtol);
        return this;
    }

    public LevenbergMarquardt gtol(double gtol) {
        this.gtol = Counted.nonNegative("LevenbergMarquardt: gtol", gtol);
        return this;
    }

    /** The first trust-region radius in units of {@code |D·x0|} (default 100). */
    public LevenbergMarquardt factor(double factor) {
        this.factor = Counted.positive("LevenbergMarquardt: factor", factor);
        return this;
    }

    /** The relative error of the residuals, which sets the difference step √epsfcn (default ε). */
    public LevenbergMarquardt epsfcn(double epsfcn) {
        this.epsfcn = Counted.positive("LevenbergMarquardt: epsfcn", epsfcn);
        return this;
    }

    /** The most evaluations of the residuals (default {@code 200·(n + 1)}, or {@code 100·(n + 1)} with a Jacobian). */
    public LevenbergMarquardt maxEvaluations(int maxEvaluations) {
        this.maxEvaluations = Counted.positive("LevenbergMarquardt: maxEvaluations", maxEvaluations);
        return this;
    }

    /**
     * About how many bytes a run with n parameters and m residuals holds at its peak: the Jacobian
     * twice (as the function returns it and by columns), the covariance and its factor, and the
     * vectors; a double, so that it cannot overflow.
     */
    public double bytesNeeded(int n, long m) {
        return 8.0 * (2.0 * m * n + 2.0 * n * n + 6.0 * m + 10.0 * n);
    }

    /** Minimizes with a forward-difference Jacobian ({@code lmdif}). */
    public LeastSquaresResult minimize(ResidualFunction f, double[] x0) {
        return minimize(f, null, x0);
    }

    /** Minimizes with the Jacobian {@code jac} ({@code lmder}), or by differences if it is null. */
    public LeastSquaresResult minimize(ResidualFunction f, JacobianFunction jac, double[] x0) {
        double[] x = Counted.checkStart("LevenbergMarquardt", f, x0);
        return new LmRun(f, jac, x, ftol, xtol, gtol, factor, epsfcn, maxEvaluations).run();
    }
}
