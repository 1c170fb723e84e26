package org.bricknet.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The range every numeric option must lie in, checked before any work: a usage error (exit 2)
 * that names the option, the range and the value given.
 */
final class Bounds {
    private Bounds() {}

    /** {@code value} in {@code [min, max]}. */
    static int in(CommandLine cl, String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ParameterException(
                    cl,
                    option + " must be "
                            + (max == Integer.MAX_VALUE ? "at least " + min : "in [" + min + ", " + max + "]")
                            + ", got " + value);
        }
        return value;
    }

    /** A finite {@code value} in {@code [min, max]} ({@code (min, max]} when {@code openBelow}). */
    static double in(CommandLine cl, String option, double value, double min, double max, boolean openBelow) {
        boolean low = openBelow ? value > min : value >= min;
        if (!(low && value <= max) || !Double.isFinite(value)) {
            throw new ParameterException(
                    cl,
                    option + " must be a finite number " + (openBelow ? "> " : ">= ") + text(min)
                            + (max == Double.MAX_VALUE ? "" : " and <= " + text(max)) + ", got " + value);
        }
        return value;
    }

    private static String text(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
