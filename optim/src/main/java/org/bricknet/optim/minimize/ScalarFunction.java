package org.bricknet.optim.minimize;

/**
 * A function {@code f: ℝⁿ → ℝ} known by its values only: what the derivative-free minimizers
 * ({@link NelderMead}, {@link Powell}) need. It must not change {@code x}.
 */
@FunctionalInterface
public interface ScalarFunction {

    /** {@code f(x)}; may be NaN or infinite, which the minimizers report rather than loop on. */
    double value(double[] x);
}
