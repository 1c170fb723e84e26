package org.bricknet.optim.minimize;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Numbers printed as Python and NumPy print them, so that a result reads like scipy's:
 * {@link #repr} is Python's {@code repr(float)} (the shortest digits that read back to the same
 * double); {@link #array} and {@link #matrix} are NumPy's default {@code print(array)} (up to 8
 * digits after the point, trailing zeros trimmed, scientific when the largest value is at least
 * 1e8, the smallest non-zero below 1e-4 or their ratio above 1000; lines of 75 characters);
 * {@link #resultArray} is how scipy 1.10's {@code OptimizeResult} prints an array (each value
 * {@code format_float_scientific(x, precision=3)}, at most 12 values shown).
 */
final class NumpyFormat {
    private NumpyFormat() {}

    /** Python's {@code repr(x)}: {@code 0.25}, {@code 1e-05}, {@code 2.8076498954082392e-12}. */
    static String repr(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (x == 0) {
            return 1 / x < 0 ? "-0.0" : "0.0";
        }
        BigDecimal d = shortest(x);
        int exponent = d.precision() - d.scale() - 1;
        if (exponent < -4 || exponent >= 16) {
            return scientific(d, Math.max(0, d.precision() - 1)).replace(".e", "e");
        }
        String s = d.toPlainString();
        return s.contains(".") ? s : s + ".0";
    }

    /** {@code format_float_scientific(x, precision=3, pad_left=2, unique=False)}: {@code " 1.000e+00"}. */
    static String scientific3(double x) {
        if (Double.isNaN(x)) {
            return "       nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "       inf" : "      -inf";
        }
        String s = scientific(new BigDecimal(x).round(new MathContext(4, RoundingMode.HALF_EVEN)), 3);
        if (x == 0 && 1 / x < 0) {
            s = "-" + s;
        }
        return s.startsWith("-") ? s : " " + s;
    }

    /** How scipy's {@code OptimizeResult} prints an array whose first line starts at column {@code indent}. */
    static String resultArray(double[] v, int indent) {
        List<String> words = new ArrayList<>();
        boolean summary = v.length > 12;
        for (int i = 0; i < v.length; i++) {
            if (summary && i == 2) {
                words.add("...");
                i = v.length - 3;
                continue;
            }
            words.add(scientific3(v[i]));
        }
        return wrap(words, 75 - indent, " ").replace("\n", "\n" + " ".repeat(indent));
    }

    /** NumPy's {@code print(v)} for a vector. */
    static String array(double[] v) {
        return wrap(format(v), 74, " ");
    }

    /** NumPy's {@code print(m)} for a matrix of equal rows. */
    static String matrix(double[][] m) {
        int cols = m.length == 0 ? 0 : m[0].length;
        double[] all = new double[m.length * cols];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, all, i * cols, cols);
        }
        List<String> words = format(all);
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < m.length; i++) {
            sb.append(i == 0 ? "" : "\n ").append(wrap(words.subList(i * cols, (i + 1) * cols), 73, "  "));
        }
        return sb.append(']').toString();
    }

    /**
     * Words joined by one space in brackets, wrapped as NumPy's {@code _formatArray} wraps them: a
     * line (which starts with {@code hanging}, standing for the brackets before it) takes a word
     * while it stays within {@code width} characters.
     */
    private static String wrap(List<String> words, int width, String hanging) {
        StringBuilder s = new StringBuilder();
        StringBuilder line = new StringBuilder(hanging);
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (line.length() + word.length() > width && line.length() > hanging.length()) {
                s.append(line.toString().stripTrailing()).append('\n');
                line.setLength(0);
                line.append(hanging);
            }
            line.append(word);
            if (i < words.size() - 1) {
                line.append(' ');
            }
        }
        s.append(line);
        return "[" + s.substring(hanging.length()) + "]";
    }

    /** NumPy's default float format ({@code floatmode='maxprec'}, precision 8) for every value of {@code v}. */
    private static List<String> format(double[] v) {
        double max = 0;
        double min = Double.POSITIVE_INFINITY;
        for (double x : v) {
            double a = Math.abs(x);
            if (Double.isFinite(x) && a != 0) {
                max = Math.max(max, a);
                min = Math.min(min, a);
            }
        }
        boolean exp = max != 0 && (max >= 1e8 || min < 1e-4 || max / min > 1000);
        List<String[]> parts = new ArrayList<>();
        int padLeft = 0;
        int padRight = 0;
        int expSize = 0;
        for (double x : v) {
            if (!Double.isFinite(x)) {
                parts.add(null);
                continue;
            }
            BigDecimal d = shortest(x);
            String s;
            if (exp) {
                if (d.precision() > 9) {
                    d = new BigDecimal(x).round(new MathContext(9, RoundingMode.HALF_EVEN));
                }
                s = scientific(d.stripTrailingZeros(), -1);
                String[] me = s.split("e");
                expSize = Math.max(expSize, me[1].length() - 1);
                String[] ip = me[0].split("\\.", -1);
                parts.add(new String[] {ip[0], ip[1], me[1]});
            } else {
                if (d.scale() > 8) {
                    d = new BigDecimal(x).setScale(8, RoundingMode.HALF_EVEN);
                }
                d = d.stripTrailingZeros();
                s = d.scale() <= 0 ? d.setScale(0).toPlainString() + "." : d.toPlainString();
                if (x == 0 && 1 / x < 0) {
                    s = "-" + s;
                }
                String[] ip = s.split("\\.", -1);
                parts.add(new String[] {ip[0], ip[1], null});
            }
            String[] p = parts.get(parts.size() - 1);
            padLeft = Math.max(padLeft, p[0].length());
            padRight = Math.max(padRight, p[1].length());
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            String[] p = parts.get(i);
            String word;
            if (p == null) {
                String special = Double.isNaN(v[i]) ? "nan" : v[i] > 0 ? "inf" : "-inf";
                int width = padLeft + 1 + padRight + (exp ? expSize + 2 : 0);
                word = " ".repeat(Math.max(0, width - special.length())) + special;
            } else if (exp) {
                String frac = p[1] + "0".repeat(padRight - p[1].length());
                String e = p[2];
                String digits = e.substring(1);
                e = e.charAt(0) + "0".repeat(Math.max(0, expSize - digits.length())) + digits;
                word = " ".repeat(padLeft - p[0].length()) + p[0] + "." + frac + "e" + e;
            } else {
                word = " ".repeat(padLeft - p[0].length()) + p[0] + "." + p[1] + " ".repeat(padRight - p[1].length());
            }
            out.add(word);
        }
        return out;
    }

    /** The shortest decimal that reads back as {@code x} (x finite and non-zero). */
    private static BigDecimal shortest(double x) {
        BigDecimal exact = new BigDecimal(x);
        for (int p = 1; p < 17; p++) {
            BigDecimal d = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (d.doubleValue() == x) {
                return d;
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }

    /**
     * {@code d} as {@code m.mmme±XX}: {@code digits} after the point (−1: as many as {@code d}
     * has), an exponent of at least two digits, always with its sign.
     */
    private static String scientific(BigDecimal d, int digits) {
        BigDecimal abs = d.abs();
        int exponent = abs.signum() == 0 ? 0 : abs.precision() - abs.scale() - 1;
        String unscaled = abs.unscaledValue().toString();
        if (abs.signum() == 0) {
            unscaled = "0";
        }
        int n = digits < 0 ? Math.max(0, unscaled.replaceAll("0+$", "").length() - 1) : digits;
        StringBuilder mantissa = new StringBuilder(unscaled);
        while (mantissa.length() < n + 1) {
            mantissa.append('0');
        }
        String m = mantissa.substring(0, 1) + "." + mantissa.substring(1, n + 1);
        String e = Integer.toString(Math.abs(exponent));
        while (e.length() < 2) {
            e = "0" + e;
        }
        return (d.signum() < 0 ? "-" : "") + m + "e" + (exponent < 0 ? "-" : "+") + e;
    }
}
