package org.bricknet.core.check;

/**
 * The pass rule of a gradient check, and the rule that calls a point a kink.
 *
 * <h2>Pass</h2>
 * An analytic value {@code a} and a numerical value {@code n} agree when the relative error
 * {@code |a − n| / max(|a|, |n|)} is at most {@code rtol}, or the absolute error {@code |a − n|} is
 * at most {@code atol}. The absolute floor is for values near zero: a central difference carries an
 * absolute rounding error of about {@code ε·|f| / h ≈ 2e-11·|f|} (ε = 2.2e-16, h = 1e-5, see
 * {@link org.bricknet.core.NumericalGradient}), which for a gradient element below about 1e-4 is
 * alone a relative error above 1e-6 and says nothing about the analytic gradient.
 *
 * <h2>Defaults, from measurements</h2>
 * DEFAULTS_MEASUREMENT
 *
 * <h2>Kinks</h2>
 * Where {@code f} has a kink (ReLU at 0, a max-pool tie) inside the step, the central difference
 * averages two different slopes and disagrees with any analytic convention. Before an element is
 * called a failure, the one-sided differences {@code (f(x+h) − f(x)) / h} and
 * {@code (f(x) − f(x−h)) / h} are compared: at a smooth point they differ by about {@code h·|f''|},
 * at a kink by the jump of the slope. When they differ by more than {@code kinkFactor} times the
 * element's tolerance {@code max(atol, rtol·max(|forward|, |backward|))}, the element is reported as
 * skipped, not failed. A wrong gradient at a smooth point is still a failure: its one-sided
 * differences agree (a curvature {@code |f''|} of about {@code kinkFactor·rtol·|f'| / h = 100·|f'|}
 * would be needed to look like a kink with the defaults).
 *
 * @param rtol the largest relative error that passes
 * @param atol the largest absolute error that passes whatever the relative error
 * @param kinkFactor how many tolerances the one-sided differences must disagree by for a kink
 */
public record Tolerance(double rtol, double atol, double kinkFactor) {
    public static final double DEFAULT_RTOL = 1e-6;
    public static final double DEFAULT_ATOL = 1e-9;
    public static final double DEFAULT_KINK_FACTOR = 1e3;

    /** The defaults: {@code rtol = 1e-6, atol = 1e-9, kinkFactor = 1e3}. */
    public static final Tolerance DEFAULT = new Tolerance(DEFAULT_RTOL, DEFAULT_ATOL, DEFAULT_KINK_FACTOR);

    public Tolerance {
        if (!(rtol >= 0) || !(atol >= 0) || !(kinkFactor >= 1)) {
            throw new IllegalArgumentException("Tolerance: expected rtol >= 0, atol >= 0, kinkFactor >= 1, got "
                    + rtol + ", " + atol + ", " + kinkFactor);
        }
    }

    /** The given tolerances with the default kink factor. */
    public static Tolerance of(double rtol, double atol) {
        return new Tolerance(rtol, atol, DEFAULT_KINK_FACTOR);
    }

    /** The largest difference that passes for values {@code a} and {@code n}. */
    public double allowed(double a, double n) {
        return Math.max(atol, rtol * Math.max(Math.abs(a), Math.abs(n)));
    }

    /** Whether {@code a} and {@code n} agree (NaN never does). */
    public boolean passes(double a, double n) {
        return Math.abs(a - n) <= allowed(a, n);
    }

    /** Whether one-sided slopes {@code forward} and {@code backward} disagree like a kink. */
    public boolean isKink(double forward, double backward) {
        return Math.abs(forward - backward) > kinkFactor * allowed(forward, backward);
    }

    /** {@code |a − n| / max(|a|, |n|)}, 0 when both are 0. */
    public static double relativeError(double a, double n) {
        double abs = Math.abs(a - n);
        return abs == 0 ? 0 : abs / Math.max(Math.abs(a), Math.abs(n));
    }
}
