package org.bricknet.examples.minimize;

import java.util.Arrays;
import java.util.Locale;

/**
 * Bounds as the {@code minimize} command takes and shows them: one number for every coordinate,
 * or one per coordinate separated by commas; {@code inf} and {@code -inf} (or {@code Infinity})
 * for none.
 */
public final class BoundsText {
    private BoundsText() {}

    /** A number as Java reads it, or {@code inf}/{@code -inf}; NaN when it is none. */
    public static double number(String s) {
        String t = s.strip().toLowerCase(Locale.ROOT);
        if (t.equals("inf") || t.equals("+inf") || t.equals("infinity") || t.equals("+infinity")) {
            return Double.POSITIVE_INFINITY;
        }
        if (t.equals("-inf") || t.equals("-infinity")) {
            return Double.NEGATIVE_INFINITY;
        }
        if (!t.matches("[-+]?[0-9.]+(e[-+]?[0-9]+)?")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /**
     * The bounds {@code text} gives for n coordinates ({@code fallback} for all when it is null);
     * an {@link IllegalArgumentException} naming {@code option} for anything else, for NaN, and for
     * +∞ as a lower bound or −∞ as an upper one.
     */
    public static double[] parse(String option, String text, int n, double fallback, boolean lower) {
        double[] b = new double[n];
        if (text == null) {
            Arrays.fill(b, fallback);
            return b;
        }
        String[] parts = text.split(",", -1);
        if (parts.length != 1 && parts.length != n) {
            throw new IllegalArgumentException(option + ": expected one number for every coordinate or " + n
                    + " numbers separated by commas, got " + parts.length);
        }
        double forbidden = lower ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            String part = parts[parts.length == 1 ? 0 : i];
            double v = number(part);
            if (Double.isNaN(v) || v == forbidden) {
                throw new IllegalArgumentException(option + ": expected a number (or " + (lower ? "-inf" : "inf")
                        + " for none), got '" + part.strip() + "'");
            }
            b[i] = v;
        }
        return b;
    }

    /** {@code "x <= 0.5 in every coordinate"} when all coordinates share their bounds, else both vectors. */
    public static String describe(double[] l, double[] u) {
        boolean same = Arrays.stream(l).distinct().count() == 1
                && Arrays.stream(u).distinct().count() == 1;
        if (!same) {
            return "lower " + Reports.vector(l) + ", upper " + Reports.vector(u);
        }
        String lo = l[0] == Double.NEGATIVE_INFINITY ? "" : l[0] + " <= ";
        String hi = u[0] == Double.POSITIVE_INFINITY ? "" : " <= " + u[0];
        return lo.isEmpty() && hi.isEmpty() ? "none" : lo + "x" + hi + " in every coordinate";
    }
}
