package org.bricknet.optim.minimize;

/**
 * A function {@code f: ℝⁿ → ℝ} with its gradient {@code ∇f}, computed together because they
 * usually share work (a network's forward pass feeds its backward pass). Minimizers count one
 * call as one function evaluation (nfev) and one gradient evaluation (njev).
 */
@FunctionalInterface
public interface DifferentiableFunction extends ScalarFunction {

    /**
     * Writes {@code ∇f(x)} into {@code gradient} (of the length of {@code x}) and returns
     * {@code f(x)}. It must not change {@code x}.
     */
    double valueAndGradient(double[] x, double[] gradient);

    /** {@code f(x)} alone; by default through {@link #valueAndGradient} into a scratch array. */
    @Override
    default double value(double[] x) {
        return valueAndGradient(x, new double[x.length]);
    }

    /** A function from separate value and gradient code, such as scipy's {@code fun} and {@code jac}. */
    static DifferentiableFunction of(ScalarFunction value, GradientFunction gradient) {
        return new DifferentiableFunction() {
            @Override
            public double valueAndGradient(double[] x, double[] g) {
                gradient.gradient(x, g);
                return value.value(x);
            }

            @Override
            public double value(double[] x) {
                return value.value(x);
            }
        };
    }

    /** The gradient part of {@link #of}: writes {@code ∇f(x)} into {@code gradient}. */
    @FunctionalInterface
    interface GradientFunction {
        void gradient(double[] x, double[] gradient);
    }
}
