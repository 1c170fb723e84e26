package org.bricknet.core;

/** Argument checks that say what was expected and what came. */
public final class Checks {
    private Checks() {}

    /** {@code value} must be finite and greater than 0. */
    public static double positive(String who, String what, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(who + ": expected a " + what + " that is finite and > 0, got " + value);
        }
        return value;
    }

    /** {@code value} must be finite and at least 0. */
    public static double nonNegative(String who, String what, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(who + ": expected a " + what + " that is finite and >= 0, got " + value);
        }
        return value;
    }

    /** {@code value} must lie in [0, 1). */
    public static double fraction(String who, String what, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(who + ": expected a " + what + " in [0, 1), got " + value);
        }
        return value;
    }

    /** {@code value} must be at least 1. */
    public static int atLeastOne(String who, String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(who + ": expected " + what + " >= 1, got " + value);
        }
        return value;
    }
}
