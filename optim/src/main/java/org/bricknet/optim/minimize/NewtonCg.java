package org.bricknet.optim.minimize;

import java.util.Arrays;

/**
 * Newton-CG, a truncated Newton method, as scipy's {@code minimize(method='Newton-CG')} (Nocedal
 * &amp; Wright, Algorithm 7.1). Each iteration solves the Newton equations {@code ∇²f·p = −∇f}
 * approximately by conjugate gradients started from {@code p = 0}, stopping when the residual's
 * 1-norm is at most {@code η·|∇f|₁} with {@code η = min(0.5, √|∇f|₁)}, when the curvature
 * {@code pᵀ∇²f·p} along a CG direction is 0 (to {@code 3ε}) or negative (on the first CG step it
 * then takes the steepest-descent step {@code (gᵀg / |curvature|)·(−g)}), or after {@code 20·n}
 * CG steps ({@link Status#CG_NOT_CONVERGED}). A strong Wolfe line search along p
 * ({@code c1 = 1e-4, c2 = 0.9}, steps in {@code [1e-8, 50]}, first trial {@code 1} and later
 * {@code min(1, 1.01·2·(f − f_prev)/gᵀp)}: scipy's {@code line_search_wolfe1}) gives the step.
 *
 * <p>The Hessian-vector products come from the function when it implements
 * {@link HessianVectorProduct} (or from the one passed to {@link #minimize(DifferentiableFunction,
 * HessianVectorProduct, double[])}), counted in {@code nhev}; otherwise they are forward differences
 * of the gradient, scipy's {@code approx_fhess_p}: {@code ∇²f·v ≈ (∇f(x + ε·v) − ∇f(x)) / ε} with
 * {@code ε = √(2.2e-16) ≈ 1.49e-8} (not scaled by |v|), one gradient evaluation each, counted in
 * {@code njev} and not in {@code nfev}, as scipy counts them (each costs one
 * {@code valueAndGradient} call all the same).
 *
 * <p>Stops with success when the last step's 1-norm is at most {@code n·xtol} (default
 * {@code xtol = 1e-5}, scipy's "average relative error"); fails after {@code maxIterations}
 * (default {@code 200·n}), when the line search finds no step ({@link Status#PRECISION_LOSS};
 * scipy would then try its second line search, {@code line_search_wolfe2}, which is not built here),
 * or when f, its gradient or a Hessian-vector product is NaN or infinite ({@link Status#NOT_FINITE}).
 * A zero Newton step (the gradient is exactly zero, or too small to move x in doubles) ends the run
 * with success after counting the iteration, as scipy's does (its line search then finds its
 * cached values); a product whose difference step does not move x is 0 and costs no evaluation.
 */
public final class NewtonCg implements Minimizer {
    private static final double EPS = Math.ulp(1.0);
    private final LineSearch lineSearch = new LineSearch(LineSearch.C1, LineSearch.C2_QUASI_NEWTON, 100, 1e-8, 50);
    private double xtol = 1e-5;
    private double epsilon = Gradients.EPSILON;
    private int maxIterations;

    /** The average tolerance on the step: success when {@code |step|₁ ≤ n·xtol} (default 1e-5). */
    public NewtonCg xtol(double xtol) {
        this.xtol = Counted.positive("NewtonCg: xtol", xtol);
        return this;
    }

    /** The step of the finite-difference Hessian-vector products (default {@code √ε ≈ 1.49e-8}). */
    public NewtonCg epsilon(double epsilon) {
        this.epsilon = Counted.positive("NewtonCg: epsilon", epsilon);
        return this;
    }

    /** The iteration limit (default {@code 200·n}). */
    public NewtonCg maxIterations(int maxIterations) {
        this.maxIterations = Counted.positive("NewtonCg: maxIterations", maxIterations);
        return this;
    }

    @Override
    public String name() {
        return "Newton-CG";
    }

    @Override
    public double bytesNeeded(int n) {
        return 8.0 * 16 * n;
    }

    /** Minimizes {@code f}, with its own Hessian-vector products if it has them, else differences. */
    @Override
    public OptimizeResult minimize(DifferentiableFunction f, double[] x0) {
        return minimize(f, f instanceof HessianVectorProduct h ? h : null, x0);
    }

    /** Minimizes {@code f} with the products of {@code hessp}, or by differences of the gradient if it is null. */
    public OptimizeResult minimize(DifferentiableFunction f, HessianVectorProduct hessp, double[] x0) {
        double[] x = Counted.checkStart("NewtonCg", f, x0);
        int n = x.length;
        Counted fc = new Counted(f);
        fc.nhev = 0;
        double[] g = new double[n];
        double fx = fc.valueAndGradient(x, g);
        if (!Double.isFinite(fx) || !Vectors.allFinite(g)) {
            return fc.result(x, fx, g, 0, Status.NOT_FINITE);
        }
        int maxIter = maxIterations > 0 ? maxIterations : 200 * n;
        DifferentiableFunction counted = fc::valueAndGradient;
        double[] xsupi = new double[n];
        double[] ri = new double[n];
        double[] psupi = new double[n];
        double[] ap = new double[n];
        double[] xe = new double[n];
        double[] ge = new double[n];
        double total = n * xtol;
        double update = 2 * total;
        double fPrev = Double.NaN;
        int k = 0;
        while (update > total) {
            if (k >= maxIter) {
                return fc.result(x, fx, g, k, Status.MAX_ITERATIONS);
            }
            double maggrad = norm1(g);
            double termcond = Math.min(0.5, Math.sqrt(maggrad)) * maggrad;
            Arrays.fill(xsupi, 0);
            System.arraycopy(g, 0, ri, 0, n);
            for (int j = 0; j < n; j++) {
                psupi[j] = -g[j];
            }
            double dri0 = Vectors.dot(ri, ri);
            boolean solved = false;
            for (int i = 0; i < 20 * n; i++) {
                if (norm1(ri) <= termcond) {
                    solved = true;
                    break;
                }
                if (hessp == null) {
                    Vectors.step(x, epsilon, psupi, xe);
                    if (Arrays.equals(xe, x)) {
                        Arrays.fill(ap, 0);
                    } else {
                        fc.gradient(xe, ge);
                        for (int j = 0; j < n; j++) {
                            ap[j] = (ge[j] - g[j]) / epsilon;
                        }
                    }
                } else {
                    hessp.hessianTimes(x, psupi, ap);
                    fc.nhev++;
                }
                double curv = Vectors.dot(psupi, ap);
                if (!Double.isFinite(curv)) {
                    return fc.result(x, fx, g, k, Status.NOT_FINITE);
                }
                if (curv >= 0 && curv <= 3 * EPS) {
                    solved = true;
                    break;
                } else if (curv < 0) {
                    if (i == 0) {
                        for (int j = 0; j < n; j++) {
                            xsupi[j] = dri0 / (-curv) * -g[j];
                        }
                    }
                    solved = true;
                    break;
                }
                double alphai = dri0 / curv;
                Vectors.axpy(alphai, psupi, xsupi);
                Vectors.axpy(alphai, ap, ri);
                double dri1 = Vectors.dot(ri, ri);
                double betai = dri1 / dri0;
                for (int j = 0; j < n; j++) {
                    psupi[j] = -ri[j] + betai * psupi[j];
                }
                dri0 = dri1;
            }
            if (!solved) {
                return fc.result(x, fx, g, k, Status.CG_NOT_CONVERGED);
            }
            if (Vectors.normInf(xsupi) == 0) {
                k++;
                break;
            }
            double slope = Vectors.dot(g, xsupi);
            double alpha0 = 1.0;
            if (!Double.isNaN(fPrev) && slope != 0) {
                alpha0 = Math.min(1.0, 1.01 * 2 * (fx - fPrev) / slope);
                if (alpha0 < 0) {
                    alpha0 = 1.0;
                }
            }
            LineSearch.Step step = lineSearch.search(counted, x, fx, g, xsupi, alpha0);
            if (!step.found) {
                return fc.result(x, fx, g, k, Status.PRECISION_LOSS);
            }
            update = 0;
            for (int j = 0; j < n; j++) {
                update += Math.abs(step.alpha * xsupi[j]);
            }
            fPrev = fx;
            x = step.x;
            fx = step.value;
            g = step.gradient;
            k++;
        }
        boolean finite = Double.isFinite(fx) && Vectors.allFinite(x);
        return fc.result(x, fx, g, k, finite ? Status.SUCCESS : Status.NOT_FINITE);
    }

    private static double norm1(double[] v) {
        double s = 0;
        for (double a : v) {
            s += Math.abs(a);
        }
        return s;
    }
}
