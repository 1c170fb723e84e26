package org.bricknet.optim.minimize;

import java.util.function.DoubleUnaryOperator;

/**
 * Brent's one-dimensional minimizer, as scipy's {@code brent}: first a bracket {@code a < b < c}
 * with {@code φ(b) ≤ φ(a), φ(c)}, grown from {@code (0, 1)} by golden-ratio steps and parabolic
 * extrapolation (at most 110 times the last step); then, inside it, parabolic interpolation through
 * the three best points when it lands well inside, else a golden-section step
 * ({@code 0.381966} of the larger part). It stops when the bracket is within
 * {@code 2·(tol·|x| + 1e-11)} of the best point, or after 500 iterations.
 */
final class Brent {
    private static final double GOLD = 1.618034;
    private static final double CGOLD = 0.3819660;
    private static final double MINTOL = 1.0e-11;

    /** The minimizer found and φ there. */
    record Minimum(double x, double value) {}

    private Brent() {}

    static Minimum minimize(DoubleUnaryOperator phi, double tol) {
        double[] br = bracket(phi);
        double xa = br[0];
        double xb = br[1];
        double xc = br[2];
        double fb = br[4];
        double x = xb;
        double w = xb;
        double v = xb;
        double fx = fb;
        double fw = fb;
        double fv = fb;
        double a = Math.min(xa, xc);
        double b = Math.max(xa, xc);
        double deltax = 0;
        double rat = 0;
        for (int iter = 0; iter < 500; iter++) {
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
            double fu = phi.applyAsDouble(u);
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
        }
        return new Minimum(x, fx);
    }

    /** {@code {xa, xb, xc, fa, fb, fc}} with {@code fb} below both ends, as scipy's {@code bracket}. */
    static double[] bracket(DoubleUnaryOperator phi) {
        double xa = 0;
        double xb = 1;
        double fa = phi.applyAsDouble(xa);
        double fb = phi.applyAsDouble(xb);
        if (fa < fb) {
            double t = xa;
            xa = xb;
            xb = t;
            t = fa;
            fa = fb;
            fb = t;
        }
        double xc = xb + GOLD * (xb - xa);
        double fc = phi.applyAsDouble(xc);
        for (int iter = 0; fc < fb && iter <= 1000; iter++) {
            double tmp1 = (xb - xa) * (fb - fc);
            double tmp2 = (xb - xc) * (fb - fa);
            double val = tmp2 - tmp1;
            double denom = Math.abs(val) < 1e-21 ? 2e-21 : 2 * val;
            double w = xb - ((xb - xc) * tmp2 - (xb - xa) * tmp1) / denom;
            double wlim = xb + 110 * (xc - xb);
            double fw;
            if ((w - xc) * (xb - w) > 0) {
                fw = phi.applyAsDouble(w);
                if (fw < fc) {
                    return new double[] {xb, w, xc, fb, fw, fc};
                } else if (fw > fb) {
                    return new double[] {xa, xb, w, fa, fb, fw};
                }
                w = xc + GOLD * (xc - xb);
                fw = phi.applyAsDouble(w);
            } else if ((w - wlim) * (wlim - xc) >= 0) {
                w = wlim;
                fw = phi.applyAsDouble(w);
            } else if ((w - wlim) * (xc - w) > 0) {
                fw = phi.applyAsDouble(w);
                if (fw < fc) {
                    xb = xc;
                    xc = w;
                    w = xc + GOLD * (xc - xb);
                    fb = fc;
                    fc = fw;
                    fw = phi.applyAsDouble(w);
                }
            } else {
                w = xc + GOLD * (xc - xb);
                fw = phi.applyAsDouble(w);
            }
            xa = xb;
            xb = xc;
            xc = w;
            fa = fb;
            fb = fc;
            fc = fw;
        }
        return new double[] {xa, xb, xc, fa, fb, fc};
    }
}
