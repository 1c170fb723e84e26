package org.bricknet.optim.minimize;

import java.util.function.DoubleUnaryOperator;

/**
 * Three points {@code xa, xb, xc} around a minimum of a function of one variable, with
 * {@code f(xb)} below {@code f(xa)} and {@code f(xc)}, and the evaluations it took to find them:
 * scipy's {@code bracket}. {@link #find} walks downhill from {@code (xa, xb)}: the third point is
 * {@code xb + 1.618034·(xb − xa)}, and while f keeps falling it extrapolates a parabola through the
 * last three points (at most {@code 110·(xc − xb)} beyond xc) or takes another golden step. The
 * bracket may lie outside {@code [xa, xb]}.
 *
 * @param found false when f kept falling for 1000 steps (scipy raises "Too many iterations.") or
 *     was NaN at an end
 */
public record Bracket(double xa, double xb, double xc, double fa, double fb, double fc, int nfev, boolean found) {
    private static final double GOLD = 1.618034;
    private static final double GROW_LIMIT = 110;
    private static final int MAX_ITERATIONS = 1000;

    /** scipy's {@code bracket(f, xa, xb)}. */
    public static Bracket find(DoubleUnaryOperator f, double xa, double xb) {
        if (!Double.isFinite(xa) || !Double.isFinite(xb) || xa == xb) {
            throw new IllegalArgumentException(
                    "Bracket: expected two distinct finite starting points, got " + xa + " and " + xb);
        }
        double fa = f.applyAsDouble(xa);
        double fb = f.applyAsDouble(xb);
        if (fa < fb) {
            double t = xa;
            xa = xb;
            xb = t;
            t = fa;
            fa = fb;
            fb = t;
        }
        double xc = xb + GOLD * (xb - xa);
        double fc = f.applyAsDouble(xc);
        int nfev = 3;
        int iter = 0;
        while (fc < fb) {
            double tmp1 = (xb - xa) * (fb - fc);
            double tmp2 = (xb - xc) * (fb - fa);
            double val = tmp2 - tmp1;
            double denom = Math.abs(val) < 1e-21 ? 2e-21 : 2 * val;
            double w = xb - ((xb - xc) * tmp2 - (xb - xa) * tmp1) / denom;
            double wlim = xb + GROW_LIMIT * (xc - xb);
            if (iter > MAX_ITERATIONS) {
                return new Bracket(xa, xb, xc, fa, fb, fc, nfev, false);
            }
            iter++;
            double fw;
            if ((w - xc) * (xb - w) > 0) {
                fw = f.applyAsDouble(w);
                nfev++;
                if (fw < fc) {
                    return done(xb, w, xc, fb, fw, fc, nfev);
                } else if (fw > fb) {
                    return done(xa, xb, w, fa, fb, fw, nfev);
                }
                w = xc + GOLD * (xc - xb);
                fw = f.applyAsDouble(w);
                nfev++;
            } else if ((w - wlim) * (wlim - xc) >= 0) {
                w = wlim;
                fw = f.applyAsDouble(w);
                nfev++;
            } else if ((w - wlim) * (xc - w) > 0) {
                fw = f.applyAsDouble(w);
                nfev++;
                if (fw < fc) {
                    xb = xc;
                    xc = w;
                    w = xc + GOLD * (xc - xb);
                    fb = fc;
                    fc = fw;
                    fw = f.applyAsDouble(w);
                    nfev++;
                }
            } else {
                w = xc + GOLD * (xc - xb);
                fw = f.applyAsDouble(w);
                nfev++;
            }
            xa = xb;
            xb = xc;
            xc = w;
            fa = fb;
            fb = fc;
            fc = fw;
        }
        return done(xa, xb, xc, fa, fb, fc, nfev);
    }

    private static Bracket done(double xa, double xb, double xc, double fa, double fb, double fc, int nfev) {
        boolean ok = !Double.isNaN(fa) && !Double.isNaN(fb) && !Double.isNaN(fc);
        return new Bracket(xa, xb, xc, fa, fb, fc, nfev, ok);
    }

    /**
     * The bracket scipy's {@code brent} and {@code golden} start from: {@link #find} from
     * {@code (0, 1)} for no points, from the two points given, or the three given points checked
     * ({@code xa < xb < xc} after ordering the ends, {@code f(xb) < f(xa), f(xc)}) and evaluated.
     */
    static Bracket of(String who, DoubleUnaryOperator f, double... brack) {
        if (brack == null || brack.length == 0) {
            return find(f, 0, 1);
        }
        if (brack.length == 2) {
            return find(f, brack[0], brack[1]);
        }
        if (brack.length != 3) {
            throw new IllegalArgumentException(who + ": expected a bracket of 2 or 3 points, got " + brack.length);
        }
        double xa = Math.min(brack[0], brack[2]);
        double xc = Math.max(brack[0], brack[2]);
        double xb = brack[1];
        if (!(xa < xb && xb < xc)) {
            throw new IllegalArgumentException(who + ": expected bracketing points with xa < xb < xc, got " + brack[0]
                    + ", " + xb + ", " + brack[2]);
        }
        double fa = f.applyAsDouble(xa);
        double fb = f.applyAsDouble(xb);
        double fc = f.applyAsDouble(xc);
        if (!(fb < fa && fb < fc)) {
            throw new IllegalArgumentException(who + ": expected f(xb) < f(xa) and f(xb) < f(xc), got f(" + xa + ") = "
                    + fa + ", f(" + xb + ") = " + fb + ", f(" + xc + ") = " + fc);
        }
        return new Bracket(xa, xb, xc, fa, fb, fc, 3, true);
    }
}
