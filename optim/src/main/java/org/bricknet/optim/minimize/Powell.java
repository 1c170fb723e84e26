package org.bricknet.optim.minimize;

/**
 * Powell's conjugate-direction method, as scipy's {@code minimize(method='Powell')} without bounds.
 * Starting from the coordinate directions, each iteration minimizes f along every direction in
 * turn with {@link Brent} (tolerance {@code 100·xtol}); then, if the extrapolated point
 * {@code 2x − x_start} promises it, minimizes along {@code x − x_start} and puts that direction in
 * place of the one along which f fell most (Powell's test, as in <i>Numerical Recipes</i>).
 *
 * <p>Stops with success when an iteration lowers f by no more than
 * {@code ftol·(|f_start| + |f|)/2} (defaults {@code xtol = ftol = 1e-4}, as scipy); fails after
 * {@code maxIterations} or {@code maxEvaluations} (both default {@code 1000·n}, as scipy).
 */
public final class Powell implements Minimizer {
    private double xtol = 1e-4;
    private double ftol = 1e-4;
    private int maxIterations;
    private int maxEvaluations;

    /** The relative tolerance of each line minimization is {@code 100·xtol}. */
    public Powell xtol(double xtol) {
        this.xtol = Counted.positive("Powell: xtol", xtol);
        return this;
    }

    public Powell ftol(double ftol) {
        this.ftol = Counted.nonNegative("Powell: ftol", ftol);
        return this;
    }

    public Powell maxIterations(int maxIterations) {
        this.maxIterations = Counted.positive("Powell: maxIterations", maxIterations);
        return this;
    }

    public Powell maxEvaluations(int maxEvaluations) {
        this.maxEvaluations = Counted.positive("Powell: maxEvaluations", maxEvaluations);
        return this;
    }

    @Override
    public String name() {
        return "Powell";
    }

    @Override
    public double bytesNeeded(int n) {
        return 8.0 * n * n + 8.0 * 6 * n;
    }

    @Override
    public OptimizeResult minimize(DifferentiableFunction f, double[] x0) {
        return minimize((ScalarFunction) f, x0);
    }

    /** Minimizes {@code f}, which needs no gradient; njev is 0. */
    public OptimizeResult minimize(ScalarFunction f, double[] x0) {
        double[] x = Counted.checkStart("Powell", f, x0);
        int n = x.length;
        int maxIter = maxIterations > 0 ? maxIterations : 1000 * n;
        int maxFev = maxEvaluations > 0 ? maxEvaluations : 1000 * n;
        Counted fc = new Counted(f);
        double fval = fc.value(x);
        if (!Double.isFinite(fval)) {
            return fc.result(x, fval, null, 0, Status.NOT_FINITE);
        }
        double[][] direc = new double[n][n];
        for (int i = 0; i < n; i++) {
            direc[i][i] = 1;
        }
        double[] x1 = x.clone();
        int iter = 0;
        Status status;
        while (true) {
            double fx = fval;
            int bigind = 0;
            double delta = 0;
            for (int i = 0; i < n; i++) {
                double fx2 = fval;
                fval = lineMinimize(fc, x, direc[i], fval);
                if (fx2 - fval > delta) {
                    delta = fx2 - fval;
                    bigind = i;
                }
            }
            iter++;
            if (2.0 * (fx - fval) <= ftol * (Math.abs(fx) + Math.abs(fval)) + 1e-20) {
                status = Double.isFinite(fval) ? Status.SUCCESS : Status.NOT_FINITE;
                break;
            }
            if (fc.nfev >= maxFev) {
                status = Status.MAX_EVALUATIONS;
                break;
            }
            if (iter >= maxIter) {
                status = Status.MAX_ITERATIONS;
                break;
            }
            if (Double.isNaN(fx) && Double.isNaN(fval)) {
                status = Status.NOT_FINITE;
                break;
            }
            double[] direc1 = new double[n];
            double[] x2 = new double[n];
            for (int i = 0; i < n; i++) {
                direc1[i] = x[i] - x1[i];
                x2[i] = x[i] + direc1[i];
            }
            System.arraycopy(x, 0, x1, 0, n);
            double fx2 = fc.value(x2);
            if (fx > fx2) {
                double t = 2.0 * (fx + fx2 - 2.0 * fval);
                double temp = fx - fval - delta;
                t *= temp * temp;
                temp = fx - fx2;
                t -= delta * temp * temp;
                if (t < 0.0) {
                    fval = lineMinimize(fc, x, direc1, fval);
                    if (Vectors.normInf(direc1) > 0) {
                        direc[bigind] = direc[n - 1];
                        direc[n - 1] = direc1;
                    }
                }
            }
        }
        return fc.result(x, fval, null, iter, status);
    }

    /**
     * Minimizes f along {@code dir} from {@code x}; moves {@code x} to the minimum, scales
     * {@code dir} to the step taken, and returns f there ({@code fval} if {@code dir} is zero).
     */
    private double lineMinimize(Counted fc, double[] x, double[] dir, double fval) {
        if (Vectors.normInf(dir) == 0) {
            return fval;
        }
        double[] trial = new double[x.length];
        ScalarResult m = new Brent()
                .tol(100 * xtol)
                .minimize(
                        (double alpha) -> {
                            Vectors.step(x, alpha, dir, trial);
                            return fc.value(trial);
                        },
                        0,
                        1);
        for (int i = 0; i < x.length; i++) {
            dir[i] *= m.x();
            x[i] += dir[i];
        }
        return m.fun();
    }
}
