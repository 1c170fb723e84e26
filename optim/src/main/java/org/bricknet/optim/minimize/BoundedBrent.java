package org.bricknet.optim.minimize;

import java.util.function.DoubleUnaryOperator;

/**
 * Brent's method on an interval, as scipy's {@code fminbound} and
 * {@code minimize_scalar(method='bounded')}: it starts at the golden-section point
 * {@code x1 + 0.381966·(x2 − x1)} and, never leaving {@code [x1, x2]}, takes parabolic steps when
 * they land well inside and golden-section steps otherwise. It stops when the interval is within
 * {@code 2·(√2.2e-16·|x| + xatol/3)} of the best point (default {@code xatol = 1e-5}, absolute), or
 * after {@code maxEvaluations} (default 500). The minimum may be at an end of the interval.
 */
public final class BoundedBrent {
    private double xatol = 1e-5;
    private int maxEvaluations = 500;

    /** The absolute tolerance on x (default 1e-5). */
    public BoundedBrent xatol(double xatol) {
        this.xatol = Counted.nonNegative("BoundedBrent: xatol", xatol);
        return this;
    }

    public BoundedBrent maxEvaluations(int maxEvaluations) {
        this.maxEvaluations = Counted.positive("BoundedBrent: maxEvaluations", maxEvaluations);
        return this;
    }

    /** Minimizes {@code f} over {@code [x1, x2]}; both finite, {@code x1 ≤ x2}. */
    public ScalarResult minimize(DoubleUnaryOperator f, double x1, double x2) {
        if (f == null) {
            throw new IllegalArgumentException("BoundedBrent: expected a function to minimize, got null");
        }
        if (!Double.isFinite(x1) || !Double.isFinite(x2)) {
            throw new IllegalArgumentException("BoundedBrent: expected finite bounds, got " + x1 + " and " + x2);
        }
        if (x1 > x2) {
            throw new IllegalArgumentException("BoundedBrent: expected lower <= upper, got " + x1 + " > " + x2);
        }
        double sqrtEps = Math.sqrt(2.2e-16);
        double goldenMean = 0.5 * (3.0 - Math.sqrt(5.0));
        double a = x1;
        double b = x2;
        double fulc = a + goldenMean * (b - a);
        double nfc = fulc;
        double xf = fulc;
        double rat = 0;
        double e = 0;
        double x = xf;
        double fx = f.applyAsDouble(x);
        int num = 1;
        double fu = Double.POSITIVE_INFINITY;
        double ffulc = fx;
        double fnfc = fx;
        double xm = 0.5 * (a + b);
        double tol1 = sqrtEps * Math.abs(xf) + xatol / 3.0;
        double tol2 = 2.0 * tol1;
        Status status = Status.SOLUTION_FOUND;
        while (Math.abs(xf - xm) > tol2 - 0.5 * (b - a)) {
            boolean golden = true;
            if (Math.abs(e) > tol1) {
                golden = false;
                double r = (xf - nfc) * (fx - ffulc);
                double q = (xf - fulc) * (fx - fnfc);
                double p = (xf - fulc) * q - (xf - nfc) * r;
                q = 2.0 * (q - r);
                if (q > 0.0) {
                    p = -p;
                }
                q = Math.abs(q);
                r = e;
                e = rat;
                if (Math.abs(p) < Math.abs(0.5 * q * r) && p > q * (a - xf) && p < q * (b - xf)) {
                    rat = (p + 0.0) / q;
                    x = xf + rat;
                    if (x - a < tol2 || b - x < tol2) {
                        rat = tol1 * sign(xm - xf);
                    }
                } else {
                    golden = true;
                }
            }
            if (golden) {
                e = xf >= xm ? a - xf : b - xf;
                rat = goldenMean * e;
            }
            x = xf + sign(rat) * Math.max(Math.abs(rat), tol1);
            fu = f.applyAsDouble(x);
            num++;
            if (fu <= fx) {
                if (x >= xf) {
                    a = xf;
                } else {
                    b = xf;
                }
                fulc = nfc;
                ffulc = fnfc;
                nfc = xf;
                fnfc = fx;
                xf = x;
                fx = fu;
            } else {
                if (x < xf) {
                    a = x;
                } else {
                    b = x;
                }
                if (fu <= fnfc || nfc == xf) {
                    fulc = nfc;
                    ffulc = fnfc;
                    nfc = x;
                    fnfc = fu;
                } else if (fu <= ffulc || fulc == xf || fulc == nfc) {
                    fulc = x;
                    ffulc = fu;
                }
            }
            xm = 0.5 * (a + b);
            tol1 = sqrtEps * Math.abs(xf) + xatol / 3.0;
            tol2 = 2.0 * tol1;
            if (num >= maxEvaluations) {
                status = Status.MAX_EVALUATIONS;
                break;
            }
        }
        if (Double.isNaN(xf) || Double.isNaN(fx) || Double.isNaN(fu)) {
            status = Status.NOT_FINITE;
        }
        return new ScalarResult(xf, fx, num, num, status);
    }

    /** {@code np.sign(v) + (v == 0)}: 1 for v ≥ 0, −1 below. */
    private static double sign(double v) {
        return v >= 0 ? 1 : -1;
    }
}
