package org.bricknet.optim.minimize;

import java.util.function.DoubleUnaryOperator;

/**
 * Brent's minimizer of a function of one variable, as scipy's {@code brent} and
 * {@code minimize_scalar(method='brent')}: from a {@link Bracket} {@code a < b < c} with
 * {@code f(b)} below both ends, parabolic interpolation through the three best points when it
 * lands well inside, else a golden-section step ({@code 0.381966} of the larger part). It stops
 * when the interval is within {@code 2·(tol·|x| + 1e-11)} of the best point x (default
 * {@code tol = 1.48e-8}), or after {@code maxIterations} (default 500). {@link Powell} minimizes
 * along each line with it.
 */
public final class Brent {
    private static final double CGOLD = 0.3819660;
    private static final double MINTOL = 1.0e-11;
    private double tol = 1.48e-8;
    private int maxIterations = 500;

    /** The relative tolerance on x (default 1.48e-8). */
    public Brent tol(double tol) {
        this.tol = Counted.nonNegative("Brent: tol", tol);
        return this;
    }

    public Brent maxIterations(int maxIterations) {
        this.maxIterations = Counted.positive("Brent: maxIterations", maxIterations);
        return this;
    }

    /**
     * Minimizes {@code f} from the bracket scipy's {@code brack} describes: none (a search from
     * {@code (0, 1)}), two points to search from, or three points {@code xa < xb < xc} with
     * {@code f(xb) < f(xa), f(xc)} (an {@link IllegalArgumentException} if not).
     */
    public ScalarResult minimize(DoubleUnaryOperator f, double... brack) {
        if (f == null) {
            throw new IllegalArgumentException("Brent: expected a function to minimize, got null");
        }
        return minimize(f, Bracket.of("Brent", f, brack));
    }

    /** Minimizes {@code f} inside the bracket {@code br}. */
    public ScalarResult minimize(DoubleUnaryOperator f, Bracket br) {
        double x = br.xb();
        double w = x;
        double v = x;
        double fx = br.fb();
        double fw = fx;
        double fv = fx;
        double a = Math.min(br.xa(), br.xc());
        double b = Math.max(br.xa(), br.xc());
        double deltax = 0;
        double rat = 0;
        int nfev = br.nfev();
        int iter = 0;
        while (iter < maxIterations) {
            double tol1 = tol * Math.abs(x) + MINTOL;
            double tol2 = 2 * tol1;
            double xmid = 0.5 * (a + b);
            if (Math.abs(x - xmid) < tol2 - 0.5 * (b - a)) {
                break;
            }
            if (Math.abs(deltax) <= tol1) {
                deltax = x >= xmid ? a - x : b - x;
                rat = CGOLD * deltax;
            } else {
                double tmp1 = (x - w) * (fx - fv);
                double tmp2 = (x - v) * (fx - fw);
                double p = (x - v) * tmp2 - (x - w) * tmp1;
                tmp2 = 2 * (tmp2 - tmp1);
                if (tmp2 > 0) {
                    p = -p;
                }
                tmp2 = Math.abs(tmp2);
                double dxTemp = deltax;
                deltax = rat;
                if (p > tmp2 * (a - x) && p < tmp2 * (b - x) && Math.abs(p) < Math.abs(0.5 * tmp2 * dxTemp)) {
                    rat = p / tmp2;
                    double u = x + rat;
                    if (u - a < tol2 || b - u < tol2) {
                        rat = xmid - x >= 0 ? tol1 : -tol1;
                    }
                } else {
                    deltax = x >= xmid ? a - x : b - x;
                    rat = CGOLD * deltax;
                }
            }
            double u = Math.abs(rat) < tol1 ? (rat >= 0 ? x + tol1 : x - tol1) : x + rat;
            double fu = f.applyAsDouble(u);
            nfev++;
            if (fu > fx || Double.isNaN(fu)) {
                if (u < x) {
                    a = u;
                } else {
                    b = u;
                }
                if (fu <= fw || w == x) {
                    v = w;
                    w = u;
                    fv = fw;
                    fw = fu;
                } else if (fu <= fv || v == x || v == w) {
                    v = u;
                    fv = fu;
                }
            } else {
                if (u >= x) {
                    a = x;
                } else {
                    b = x;
                }
                v = w;
                w = x;
                x = u;
                fv = fw;
                fw = fx;
                fx = fu;
            }
            iter++;
        }
        Status status = Double.isNaN(x) || Double.isNaN(fx)
                ? Status.NOT_FINITE
                : !br.found() || iter >= maxIterations ? Status.MAX_ITERATIONS : Status.SUCCESS;
        return new ScalarResult(x, fx, iter, nfev, status);
    }
}
