package org.bricknet.optim.minimize;

/**
 * The residuals {@code r(x) ∈ ℝᵐ} of a least-squares problem, {@code min ½·Σ rᵢ(x)²}: what
 * {@link LevenbergMarquardt} minimizes, as the {@code func} of scipy's {@code leastsq}. Every call
 * must return a new array of the same length m, at least the number of parameters n; it must not
 * change x.
 */
@FunctionalInterface
public interface ResidualFunction {

    /** The m residuals at x. */
    double[] residuals(double[] x);
}
