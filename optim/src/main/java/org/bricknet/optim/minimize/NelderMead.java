package org.bricknet.optim.minimize;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The downhill simplex of Nelder and Mead, step for step as scipy's
 * {@code minimize(method='Nelder-Mead')} with {@code adaptive=False}: reflection {@code ρ = 1},
 * expansion {@code χ = 2}, contraction {@code ψ = 1/2}, shrink {@code σ = 1/2}. The first simplex
 * is {@code x0} and, for each coordinate {@code k}, {@code x0} with {@code x0[k]} made 5% larger
 * (or {@code 0.00025} if it is 0). With {@code x̄} the centroid of all but the worst vertex
 * {@code x_w}, the trial points are {@code x̄ + ρ(x̄ − x_w)} (reflect), {@code x̄ + ρχ(x̄ − x_w)}
 * (expand), {@code x̄ + ψρ(x̄ − x_w)} (contract outside), {@code x̄ − ψ(x̄ − x_w)} (contract
 * inside).
 *
 * <p>Stops with success when every vertex is within {@code xatol} of the best, coordinate by
 * coordinate, and every value within {@code fatol} of the best (both default 1e-4, as scipy);
 * fails after {@code maxIterations} or {@code maxEvaluations} (both default {@code 200·n}). NaN
 * values sort as the worst.
 */
public final class NelderMead implements Minimizer {
    private double xatol = 1e-4;
    private double fatol = 1e-4;
    private int maxIterations;
    private int maxEvaluations;

    public NelderMead xatol(double xatol) {
        this.xatol = Counted.nonNegative("NelderMead: xatol", xatol);
        return this;
    }

    public NelderMead fatol(double fatol) {
        this.fatol = Counted.nonNegative("NelderMead: fatol", fatol);
        return this;
    }

    /** The iteration limit (default {@code 200·n}). */
    public NelderMead maxIterations(int maxIterations) {
        this.maxIterations = Counted.positive("NelderMead: maxIterations", maxIterations);
        return this;
    }

    /** The function-evaluation limit (default {@code 200·n}). */
    public NelderMead maxEvaluations(int maxEvaluations) {
        this.maxEvaluations = Counted.positive("NelderMead: maxEvaluations", maxEvaluations);
        return this;
    }

    @Override
    public String name() {
        return "Nelder-Mead";
    }

    @Override
    public double bytesNeeded(int n) {
        return 8.0 * (n + 1.0) * n + 8.0 * 8 * n;
    }

    @Override
    public OptimizeResult minimize(DifferentiableFunction f, double[] x0) {
        return minimize((ScalarFunction) f, x0);
    }

    /** Minimizes {@code f}, which needs no gradient; njev is 0. */
    public OptimizeResult minimize(ScalarFunction f, double[] x0) {
        double[] start = Counted.checkStart("NelderMead", f, x0);
        int n = start.length;
        int maxIter = maxIterations > 0 ? maxIterations : 200 * n;
        int maxFev = maxEvaluations > 0 ? maxEvaluations : 200 * n;
        Counted fc = new Counted(f);
        double[][] sim = new double[n + 1][];
        double[] fsim = new double[n + 1];
        sim[0] = start;
        for (int k = 0; k < n; k++) {
            double[] v = start.clone();
            v[k] = v[k] != 0 ? 1.05 * v[k] : 0.00025;
            sim[k + 1] = v;
        }
        for (int k = 0; k <= n; k++) {
            fsim[k] = fc.value(sim[k]);
        }
        if (!Double.isFinite(fsim[0])) {
            return fc.result(start, fsim[0], null, 0, Status.NOT_FINITE);
        }
        sort(sim, fsim);
        double[] xbar = new double[n];
        int iterations = 1;
        while (fc.nfev < maxFev && iterations < maxIter) {
            if (converged(sim, fsim)) {
                break;
            }
            Arrays.fill(xbar, 0);
            for (int k = 0; k < n; k++) {
                Vectors.axpy(1.0 / n, sim[k], xbar);
            }
            double[] worst = sim[n];
            double[] xr = along(xbar, worst, 2, -1);
            double fxr = fc.value(xr);
            if (fxr < fsim[0]) {
                double[] xe = along(xbar, worst, 3, -2);
                double fxe = fc.value(xe);
                if (fxe < fxr) {
                    replaceWorst(sim, fsim, xe, fxe);
                } else {
                    replaceWorst(sim, fsim, xr, fxr);
                }
            } else if (fxr < fsim[n - 1]) {
                replaceWorst(sim, fsim, xr, fxr);
            } else {
                boolean shrink;
                if (fxr < fsim[n]) {
                    double[] xc = along(xbar, worst, 1.5, -0.5);
                    double fxc = fc.value(xc);
                    shrink = !(fxc <= fxr);
                    if (!shrink) {
                        replaceWorst(sim, fsim, xc, fxc);
                    }
                } else {
                    double[] xcc = along(xbar, worst, 0.5, 0.5);
                    double fxcc = fc.value(xcc);
                    shrink = !(fxcc < fsim[n]);
                    if (!shrink) {
                        replaceWorst(sim, fsim, xcc, fxcc);
                    }
                }
                if (shrink) {
                    for (int j = 1; j <= n; j++) {
                        for (int i = 0; i < n; i++) {
                            sim[j][i] = sim[0][i] + 0.5 * (sim[j][i] - sim[0][i]);
                        }
                        fsim[j] = fc.value(sim[j]);
                    }
                }
            }
            sort(sim, fsim);
            iterations++;
        }
        Status status = fc.nfev >= maxFev
                ? Status.MAX_EVALUATIONS
                : iterations >= maxIter ? Status.MAX_ITERATIONS : Status.SUCCESS;
        if (status == Status.SUCCESS && !Double.isFinite(fsim[0])) {
            status = Status.NOT_FINITE;
        }
        return fc.result(sim[0], fsim[0], null, iterations, status);
    }

    /** Both tests of the class comment; the O(n) value test first, the O(n²) spread test stops early. */
    private boolean converged(double[][] sim, double[] fsim) {
        for (int j = 1; j < sim.length; j++) {
            if (!(Math.abs(fsim[0] - fsim[j]) <= fatol)) {
                return false;
            }
        }
        for (int j = 1; j < sim.length; j++) {
            for (int i = 0; i < sim[0].length; i++) {
                if (!(Math.abs(sim[j][i] - sim[0][i]) <= xatol)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** {@code a·xbar + b·worst}. */
    private static double[] along(double[] xbar, double[] worst, double a, double b) {
        double[] out = new double[xbar.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = a * xbar[i] + b * worst[i];
        }
        return out;
    }

    private static void replaceWorst(double[][] sim, double[] fsim, double[] x, double fx) {
        sim[sim.length - 1] = x;
        fsim[fsim.length - 1] = fx;
    }

    /** Sorts the vertices by value, best first, NaN last (a stable sort). */
    private static void sort(double[][] sim, double[] fsim) {
        Integer[] order = new Integer[fsim.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> Double.isNaN(fsim[i]) ? Double.POSITIVE_INFINITY : fsim[i]));
        double[][] s = sim.clone();
        double[] fs = fsim.clone();
        for (int i = 0; i < order.length; i++) {
            sim[i] = s[order[i]];
            fsim[i] = fs[order[i]];
        }
    }
}
