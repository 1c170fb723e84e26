package org.bricknet.optim.minimize;

/**
 * The Jacobian of a {@link ResidualFunction}, {@code J[i][j] = ∂rᵢ/∂xⱼ}: m rows (one per
 * residual) of n columns (one per parameter), as scipy's {@code leastsq(Dfun=...)} with
 * {@code col_deriv=False}. It must not change x.
 */
@FunctionalInterface
public interface JacobianFunction {

    /** The m × n Jacobian at x, a new array. */
    double[][] jacobian(double[] x);
}
