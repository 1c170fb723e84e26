package org.bricknet.optim.minimize;

/**
 * The bounds {@code lᵢ ≤ xᵢ ≤ uᵢ} of an {@link Lbfgsb} run, with {@code lbfgsb.f}'s kind of each
 * variable ({@code nbd}: 0 free, 1 lower bound only, 2 both, 3 upper only), and what L-BFGS-B asks
 * of them: projecting a point, the projected gradient's norm ({@code projgr}), the longest step
 * along a direction that stays inside, and clipping a trial point.
 */
final class Box {
    final double[] l;
    final double[] u;
    final int[] nbd;

    /** The box of {@code l} and {@code u} (infinities for no bound), already checked. */
    Box(double[] l, double[] u) {
        this.l = l;
        this.u = u;
        nbd = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            boolean hasL = l[i] != Double.NEGATIVE_INFINITY;
            boolean hasU = u[i] != Double.POSITIVE_INFINITY;
            nbd[i] = hasL ? (hasU ? 2 : 1) : (hasU ? 3 : 0);
        }
    }

    /** Refuses NaN, +∞ as a lower bound, −∞ as an upper one, and {@code l > u}, naming {@code at}. */
    static void check(double l, double u, String at) {
        if (Double.isNaN(l) || Double.isNaN(u) || l == Double.POSITIVE_INFINITY || u == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("Lbfgsb: expected a lower bound below +∞ and an upper bound above −∞,"
                    + " got lower" + at + " = " + l + ", upper" + at + " = " + u);
        }
        if (l > u) {
            throw new IllegalArgumentException(
                    "Lbfgsb: expected lower <= upper, got lower" + at + " = " + l + " > upper" + at + " = " + u);
        }
    }

    /** Moves x into the box; says what moved, or returns "" if nothing did. */
    String project(double[] x) {
        int moved = 0;
        String first = "";
        for (int i = 0; i < x.length; i++) {
            double p = Math.min(Math.max(x[i], l[i]), u[i]);
            if (p != x[i]) {
                if (moved++ == 0) {
                    first = "x0[" + i + "] = " + x[i] + (x[i] < l[i] ? " < lower " + l[i] : " > upper " + u[i]);
                }
                x[i] = p;
            }
        }
        return moved == 0
                ? ""
                : "x0 was outside the bounds at " + moved + " of " + x.length + " coordinates (" + first
                        + "); started from its projection onto the bounds, as scipy does";
    }

    /** The largest component of the gradient projected onto the box ({@code projgr}); NaN if g has one. */
    double projectedGradientNorm(double[] x, double[] g) {
        double norm = 0;
        for (int i = 0; i < x.length; i++) {
            double gi = g[i];
            if (Double.isNaN(gi)) {
                return gi;
            }
            if (nbd[i] != 0) {
                if (gi < 0) {
                    if (nbd[i] >= 2) {
                        gi = Math.max(x[i] - u[i], gi);
                    }
                } else if (nbd[i] <= 2) {
                    gi = Math.min(x[i] - l[i], gi);
                }
            }
            norm = Math.max(norm, Math.abs(gi));
        }
        return norm;
    }

    /** The longest step {@code α ≤ start} with {@code x + α·d} inside the box (0 if d leaves it at once). */
    double maxStep(double[] x, double[] d, double start) {
        double stpmx = start;
        for (int i = 0; i < x.length; i++) {
            double a1 = d[i];
            if (nbd[i] != 0) {
                if (a1 < 0 && nbd[i] <= 2) {
                    double a2 = l[i] - x[i];
                    if (a2 >= 0) {
                        stpmx = 0;
                    } else if (a1 * stpmx < a2) {
                        stpmx = a2 / a1;
                    }
                } else if (a1 > 0 && nbd[i] >= 2) {
                    double a2 = u[i] - x[i];
                    if (a2 <= 0) {
                        stpmx = 0;
                    } else if (a1 * stpmx > a2) {
                        stpmx = a2 / a1;
                    }
                }
            }
        }
        return stpmx;
    }

    /** {@code out = t + stp·d}, clipped into the box. */
    void clippedStep(double[] t, double stp, double[] d, double[] out) {
        for (int i = 0; i < t.length; i++) {
            double xi = stp * d[i] + t[i];
            if (nbd[i] == 1 || nbd[i] == 2) {
                xi = Math.max(xi, l[i]);
            }
            if (nbd[i] == 2 || nbd[i] == 3) {
                xi = Math.min(xi, u[i]);
            }
            out[i] = xi;
        }
    }
}
