package org.bricknet.examples.minimize;

import org.bricknet.optim.minimize.DifferentiableFunction;
import org.bricknet.optim.minimize.HessianVectorProduct;

/**
 * {@code f(x) = Σᵢ (xᵢ² − 4xᵢ + 8)}: scipy's walkthrough function ({@link FminDemo}) in every
 * coordinate; gradient {@code 2x − 4}, Hessian {@code 2·I}, minimum {@code 4·n} at all twos.
 */
public final class Quadratic implements DifferentiableFunction, HessianVectorProduct {
    @Override
    public double valueAndGradient(double[] x, double[] g) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            g[i] = 2 * x[i] - 4;
            s += x[i] * x[i] - 4 * x[i] + 8;
        }
        return s;
    }

    @Override
    public void hessianTimes(double[] x, double[] v, double[] out) {
        for (int i = 0; i < v.length; i++) {
            out[i] = 2 * v[i];
        }
    }
}
