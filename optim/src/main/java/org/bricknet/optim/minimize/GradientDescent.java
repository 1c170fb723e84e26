package org.bricknet.optim.minimize;

/**
 * Gradient descent with a fixed step: {@code x₊ = x − η·∇f(x)}, one evaluation per iteration, no
 * line search. It converges only if {@code η} is below {@code 2/L} for the gradient's Lipschitz
 * constant {@code L}; too large a step makes f grow or overflow, which ends the run with
 * {@link Status#NOT_FINITE}.
 *
 * <p>Defaults: step {@code η = 0.1}, success when {@code max|gᵢ| ≤ gtol = 1e-5}, at most
 * {@code maxIterations = 10000} steps.
 */
public final class GradientDescent implements Minimizer {
    private double learningRate = 0.1;
    private double gtol = 1e-5;
    private int maxIterations = 10000;

    /** The fixed step η (default 0.1). */
    public GradientDescent learningRate(double eta) {
        this.learningRate = Counted.positive("GradientDescent: learningRate", eta);
        return this;
    }

    public GradientDescent gtol(double gtol) {
        this.gtol = Counted.nonNegative("GradientDescent: gtol", gtol);
        return this;
    }

    public GradientDescent maxIterations(int maxIterations) {
        this.maxIterations = Counted.positive("GradientDescent: maxIterations", maxIterations);
        return this;
    }

    @Override
    public String name() {
        return "GD";
    }

    @Override
    public double bytesNeeded(int n) {
        return 8.0 * 4 * n;
    }

    @Override
    public OptimizeResult minimize(DifferentiableFunction f, double[] x0) {
        double[] x = Counted.checkStart("GradientDescent", f, x0);
        Counted fc = new Counted(f);
        double[] g = new double[x.length];
        double fx = fc.valueAndGradient(x, g);
        int nit = 0;
        while (true) {
            if (!Double.isFinite(fx) || !Vectors.allFinite(g)) {
                return fc.result(x, fx, g, nit, Status.NOT_FINITE);
            }
            if (Vectors.normInf(g) <= gtol) {
                return fc.result(x, fx, g, nit, Status.SUCCESS);
            }
            if (nit >= maxIterations) {
                return fc.result(x, fx, g, nit, Status.MAX_ITERATIONS);
            }
            Vectors.axpy(-learningRate, g, x);
            fx = fc.valueAndGradient(x, g);
            nit++;
        }
    }
}
