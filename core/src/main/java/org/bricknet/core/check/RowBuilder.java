package org.bricknet.core.check;

import org.bricknet.core.Tensor;

/**
 * Accumulates the comparisons of one tensor into a {@link GradientReport.Row}: counts, maxima, and
 * the worst element, the one whose error is the largest multiple of its allowed error.
 */
final class RowBuilder {
    private final Tolerance tol;
    private int checked;
    private int skipped;
    private int failures;
    private double maxAbs;
    private double maxRel;
    private double worstBadness = -1;
    private int worst = -1;
    private double worstAnalytic;
    private double worstNumerical;

    RowBuilder(Tolerance tol) {
        this.tol = tol;
    }

    /**
     * One comparison at {@code index}: analytic {@code a}, central difference {@code n}, and the
     * one-sided slopes that decide whether a disagreement is a kink.
     */
    void add(int index, double a, double n, double forward, double backward) {
        add(index, a, n, !tol.passes(a, n) && tol.isKink(a, n, forward, backward));
    }

    /** One comparison whose point has already been judged a kink or not ({@code kink} counts only if it fails). */
    void add(int index, double a, double n, boolean kink) {
        checked++;
        boolean ok = tol.passes(a, n);
        if (!ok && kink) {
            skipped++;
            return;
        }
        double abs = Math.abs(a - n);
        double rel = Tolerance.relativeError(a, n);
        if (Double.isNaN(abs)) {
            abs = Double.POSITIVE_INFINITY;
            rel = Double.POSITIVE_INFINITY;
        }
        if (!ok) {
            failures++;
        }
        double allowed = tol.allowed(a, n);
        double badness = allowed > 0 ? abs / allowed : abs == 0 ? 0 : Double.POSITIVE_INFINITY;
        if (Double.isNaN(badness)) {
            badness = Double.POSITIVE_INFINITY;
        }
        if (badness > worstBadness) {
            worstBadness = badness;
            worst = index;
            worstAnalytic = a;
            worstNumerical = n;
        }
        maxAbs = Math.max(maxAbs, abs);
        if (abs > tol.atol()) {
            maxRel = Math.max(maxRel, rel);
        }
    }

    GradientReport.Row build(String name, Tensor value, boolean directional) {
        int[] at = worst < 0 ? new int[0] : directional ? new int[] {worst} : value.multiIndex(worst);
        return new GradientReport.Row(
                name,
                value.shape(),
                checked,
                skipped,
                failures,
                maxAbs,
                maxRel,
                at,
                worstAnalytic,
                worstNumerical,
                directional,
                null);
    }
}
