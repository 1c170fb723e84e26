package org.bricknet.optim.minimize;

/**
 * What {@link Bfgs}, {@link ConjugateGradient} and {@link Lbfgs} share: the settings
 * {@code gtol}, {@code maxIterations} and {@code lineSearch}, and the start of a run (check the
 * arguments, count the evaluations, evaluate at {@code x0}, and stop with
 * {@link Status#NOT_FINITE} if the value or gradient there is not finite). The subclass runs the
 * iterations from there.
 *
 * @param <M> the concrete minimizer, so that the setters return it
 */
abstract class LineSearchMinimizer<M extends LineSearchMinimizer<M>> implements Minimizer {
    private final String method;
    double gtol = 1e-5;
    /** The iteration limit; 0 stands for {@code 200·n}. */
    int maxIterations;

    LineSearch lineSearch;

    /**
     * {@code method} names the class in error messages; {@code maxIterations} is the default limit,
     * 0 for {@code 200·n}.
     */
    LineSearchMinimizer(String method, LineSearch lineSearch, int maxIterations) {
        this.method = method;
        this.lineSearch = lineSearch;
        this.maxIterations = maxIterations;
    }

    /** The gradient tolerance on {@code max|gᵢ|} (default 1e-5). */
    public M gtol(double gtol) {
        this.gtol = Counted.nonNegative(method + ": gtol", gtol);
        return self();
    }

    /** The iteration limit (default {@code 200·n} for BFGS and CG, 15000 for L-BFGS). */
    public M maxIterations(int maxIterations) {
        this.maxIterations = Counted.positive(method + ": maxIterations", maxIterations);
        return self();
    }

    public M lineSearch(LineSearch lineSearch) {
        this.lineSearch = lineSearch;
        return self();
    }

    @Override
    public final OptimizeResult minimize(DifferentiableFunction f, double[] x0) {
        double[] x = Counted.checkStart(method, f, x0);
        checkDimension(x.length);
        Counted fc = new Counted(f);
        double[] g = new double[x.length];
        double fx = fc.valueAndGradient(x, g);
        if (!Double.isFinite(fx) || !Vectors.allFinite(g)) {
            return fc.result(x, fx, g, 0, Status.NOT_FINITE);
        }
        int maxIter = maxIterations > 0 ? maxIterations : 200 * x.length;
        return iterate(fc, x, fx, g, maxIter);
    }

    /** Refuses a dimension the method cannot hold, before anything is evaluated; by default none. */
    void checkDimension(int n) {}

    /**
     * Runs the iterations from {@code x} (a copy of {@code x0}), where {@code fc} has given the
     * finite value {@code fx} and gradient {@code g}, for at most {@code maxIter} iterations.
     */
    abstract OptimizeResult iterate(Counted fc, double[] x, double fx, double[] g, int maxIter);

    @SuppressWarnings("unchecked") // M is the class itself: Bfgs extends LineSearchMinimizer<Bfgs>
    private M self() {
        return (M) this;
    }
}
