package org.bricknet.examples.minimize;

import org.bricknet.optim.minimize.JacobianFunction;
import org.bricknet.optim.minimize.ResidualFunction;

/**
 * Rosenbrock as a least-squares problem, as MINPACK's test set has it: for {@code i = 0 … n − 2}
 * the residuals {@code r₂ᵢ = 10·(xᵢ₊₁ − xᵢ²)} and {@code r₂ᵢ₊₁ = 1 − xᵢ}, so that
 * {@code Σ r² = f(x)} of {@link org.bricknet.optim.minimize.Rosenbrock}; the Jacobian has
 * {@code −20·xᵢ} and 10 in row 2i, −1 in row 2i + 1.
 */
public final class RosenbrockResiduals implements ResidualFunction, JacobianFunction {

    /** The number of residuals for n variables: {@code 2·(n − 1)}; n is at most 2³⁰ (one array holds them). */
    public static int count(int n) {
        if (n < 2 || n > 1 << 30) {
            throw new IllegalArgumentException("RosenbrockResiduals: expected 2 to 2^30 variables, got " + n);
        }
        return 2 * (n - 1);
    }

    @Override
    public double[] residuals(double[] x) {
        double[] r = new double[count(x.length)];
        for (int i = 0; i < x.length - 1; i++) {
            r[2 * i] = 10 * (x[i + 1] - x[i] * x[i]);
            r[2 * i + 1] = 1 - x[i];
        }
        return r;
    }

    @Override
    public double[][] jacobian(double[] x) {
        double[][] j = new double[count(x.length)][x.length];
        for (int i = 0; i < x.length - 1; i++) {
            j[2 * i][i] = -20 * x[i];
            j[2 * i][i + 1] = 10;
            j[2 * i + 1][i] = -1;
        }
        return j;
    }
}
