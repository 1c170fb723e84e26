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
 * {@code rtol = 1e-6}, {@code atol = 1e-8}, {@code kinkFactor = 100}, from
 * {@code examples/.../ToleranceMeasurementTest} (right gradients, every element, 40 seeds each):
 * <ul>
 *   <li>Affine, Relu (inputs at least 0.1 from 0), Sigmoid, Swish, SoftmaxWithLoss: largest absolute
 *       error 1.7e-9; largest relative error 7.5e-7 among elements of magnitude 1e-4 or more, where
 *       the absolute error is rounding noise below 1e-9. The worst element uses 6 % of the default
 *       allowance. The former {@code atol = 1e-9} left it at 26 %, a margin of only 4, and the noise
 *       grows with {@code |f|}, so {@code atol} went up to 1e-8.
 *   <li>The book's TwoLayerNet(30, 20, 10) (weights of std 0.01 and of std 1) through the checker:
 *       passes with rtol and atol 10 times tighter (and kinkFactor 10 times larger); 17 of 36,650
 *       elements skipped as kinks (with std 0.01 a hidden unit sat within one step of ReLU's kink:
 *       unchecked, those 17 were relative errors up to 0.11). TwoLayerNet(784, 50, 10) on 3 inputs
 *       in [0, 1): largest absolute error 6.4e-11 over all 42,112 elements.
 *   <li>A wrong backward is off by whole percents (a 1 % factor is a relative error of 1e-2),
 *       four orders of magnitude above {@code rtol}.
 * </ul>
 * Raise {@code atol} for a scalar {@code |f|} far above 100 (rounding noise {@code ≈ 2e-11·|f|}).
 *
 * <h2>Kinks</h2>
 * Where {@code f} has a kink (ReLU at 0, a max-pool tie) inside the step, the central difference
 * averages two different slopes and disagrees with any analytic convention. Before an element is
 * called a failure, the one-sided differences {@code forward = (f(x+h) − f(x)) / h} and
 * {@code backward = (f(x) − f(x−h)) / h} are compared. At a smooth point they differ by about
 * {@code h·|f''|}; across a kink by the jump of the slope times the part of the step beyond the
 * kink, and then the central difference misses the slope on {@code x}'s side by half that. So an
 * element that breaks the tolerance is reported as skipped, not failed, when both
 * <ol>
 *   <li>{@code |forward − backward| > kinkFactor · max(atol, rtol·max(|forward|, |backward|))}:
 *       the slopes disagree by far more than the tolerance, and
 *   <li>{@code |forward − backward| >= |a − n|}: their disagreement accounts for the error.
 * </ol>
 * A wrong gradient at a smooth point is still a failure: it would need {@code h·|f''|} above both
 * {@code kinkFactor} tolerances and its own error {@code |a − n|}, so only errors below
 * {@code 1e-5·|f''|} could hide, never the whole-percent errors of a wrong backward. Why 100: a
 * larger factor turns more near-edge crossings (a kink inside the step by a hair, whose split is
 * small) into false failures; a smaller one lets more strongly curved smooth points through the
 * first test (with 100 it takes {@code |f''| > 10·|f'|}), where the second test still guards.
 * {@link Checker} applies this rule at the usual step and, to a failing element, at two smaller
 * ones, where a kink on the point keeps its split and a smooth point's shrinks (see there).
 *
 * @param rtol the largest relative error that passes
 * @param atol the largest absolute error that passes whatever the relative error
 * @param kinkFactor how many tolerances the one-sided differences must disagree by for a kink
 */
public record Tolerance(double rtol, double atol, double kinkFactor) {
    public static final double DEFAULT_RTOL = 1e-6;
    public static final double DEFAULT_ATOL = 1e-8;
    public static final double DEFAULT_KINK_FACTOR = 100;

    /** The defaults: {@code rtol = 1e-6, atol = 1e-8, kinkFactor = 100}. */
    public static final Tolerance DEFAULT = new Tolerance(DEFAULT_RTOL, DEFAULT_ATOL, DEFAULT_KINK_FACTOR);

    public Tolerance {
        if (!(rtol >= 0) || !(atol >= 0) || !(kinkFactor >= 1)) {
            throw new IllegalArgumentException("Tolerance: expected rtol >= 0, atol >= 0, kinkFactor >= 1, got " + rtol
                    + ", " + atol + ", " + kinkFactor);
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

    /**
     * Whether an element with analytic {@code a} and central difference {@code n}, whose one-sided
     * slopes are {@code forward} and {@code backward}, sits on a kink (see the class comment).
     */
    public boolean isKink(double a, double n, double forward, double backward) {
        double split = Math.abs(forward - backward);
        return split > kinkFactor * allowed(forward, backward) && split >= Math.abs(a - n);
    }

    /** {@code |a − n| / max(|a|, |n|)}, 0 when both are 0. */
    public static double relativeError(double a, double n) {
        double abs = Math.abs(a - n);
        return abs == 0 ? 0 : abs / Math.max(Math.abs(a), Math.abs(n));
    }
}
