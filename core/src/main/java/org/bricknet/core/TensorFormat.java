package org.bricknet.core;

import java.util.Locale;

/**
 * How a {@link Tensor} is printed: as NumPy and PyTorch print arrays, rows and columns in brackets
 * (a matrix of matrices for rank 3, and so on), every number in one width so the columns line up.
 *
 * <pre>
 *   Tensor(2, 3)
 *   [[ 0.4013, -1.2000,  3.0000],
 *    [ 0.0000,  5.1234, -0.0001]]
 * </pre>
 *
 * <ul>
 *   <li>{@link #precision}: digits after the point (4 unless set). Numbers print in fixed notation,
 *       or in scientific notation when the largest magnitude is 1e8 or more, the smallest non-zero
 *       one is below 1e-4, or they span more than three orders of magnitude (NumPy's rule). A
 *       tensor of whole numbers prints them with a trailing point ({@code 1.}), as NumPy does.
 *   <li>{@link #threshold}: a tensor of more elements than this (1000 unless set) is summarised:
 *       along every axis longer than {@code 2·edgeItems}, only the first and last
 *       {@link #edgeItems} (3 unless set) entries are shown, with {@code ...} between.
 * </ul>
 *
 * <p>A format is a value: the setters return a new one. {@code Tensor.toString()} uses
 * {@link #DEFAULT}; {@code tensor.toString(8)} is {@code DEFAULT.precision(8).format(tensor)}.
 */
public final class TensorFormat {
    /** Precision 4, threshold 1000, 3 edge items. */
    public static final TensorFormat DEFAULT = new TensorFormat(4, 1000, 3);

    private final int precision;
    private final int threshold;
    private final int edgeItems;

    private TensorFormat(int precision, int threshold, int edgeItems) {
        this.precision = precision;
        this.threshold = threshold;
        this.edgeItems = edgeItems;
    }

    /** Digits after the decimal point, 0 to 17. */
    public TensorFormat precision(int digits) {
        if (digits < 0 || digits > 17) {
            throw new IllegalArgumentException("TensorFormat: expected a precision in [0, 17] digits, got " + digits);
        }
        return new TensorFormat(digits, threshold, edgeItems);
    }

    /** The most elements printed in full; a larger tensor is summarised. */
    public TensorFormat threshold(int elements) {
        return new TensorFormat(precision, Checks.atLeastOne("TensorFormat", "a threshold", elements), edgeItems);
    }

    /** How many entries a summarised axis shows at each end. */
    public TensorFormat edgeItems(int items) {
        return new TensorFormat(precision, threshold, Checks.atLeastOne("TensorFormat", "edge items", items));
    }

    public int precision() {
        return precision;
    }

    public int threshold() {
        return threshold;
    }

    public int edgeItems() {
        return edgeItems;
    }

    /** Whether {@link #format} would leave elements of {@code t} out. */
    public boolean summarises(Tensor t) {
        if (t.size() <= threshold) {
            return false;
        }
        for (int d : t.shape()) {
            if (d > 2 * edgeItems) {
                return true;
            }
        }
        return false;
    }

    /** The header {@code Tensor(2, 3)}, then the values: on the same line for rank 0 and 1, else below. */
    public String format(Tensor t) {
        int[] shape = t.shape();
        boolean summary = summarises(t);
        Numbers numbers = numbers(t.data(), shape, summary);
        StringBuilder sb = new StringBuilder("Tensor").append(t.shapeString());
        sb.append(shape.length < 2 ? " " : "\n");
        if (shape.length == 0) {
            return sb.append(numbers.text(t.data()[0])).toString();
        }
        block(sb, t.data(), shape, 0, 0, summary, numbers);
        return sb.toString();
    }

    private void block(
            StringBuilder sb, double[] data, int[] shape, int axis, int offset, boolean summary, Numbers numbers) {
        int n = shape[axis];
        int stride = 1;
        for (int a = axis + 1; a < shape.length; a++) {
            stride *= shape[a];
        }
        boolean cut = summary && n > 2 * edgeItems;
        boolean last = axis == shape.length - 1;
        String separator = last ? ", " : "," + "\n".repeat(shape.length - axis - 1) + " ".repeat(axis + 1);
        sb.append('[');
        for (int i = 0; i < n; i++) {
            if (cut && i == edgeItems) {
                sb.append("...").append(separator);
                i = n - edgeItems;
            }
            if (last) {
                sb.append(numbers.text(data[offset + i]));
            } else {
                block(sb, data, shape, axis + 1, offset + i * stride, summary, numbers);
            }
            if (i < n - 1) {
                sb.append(separator);
            }
        }
        sb.append(']');
    }

    /** The notation and width of the elements that will be shown. */
    private Numbers numbers(double[] data, int[] shape, boolean summary) {
        double maxAbs = 0;
        double minAbs = Double.POSITIVE_INFINITY;
        boolean whole = true;
        for (int i = 0; i < data.length; i++) {
            if (summary && !shown(i, shape)) {
                continue;
            }
            double v = data[i];
            if (!Double.isFinite(v)) {
                continue;
            }
            double a = Math.abs(v);
            maxAbs = Math.max(maxAbs, a);
            if (a != 0) {
                minAbs = Math.min(minAbs, a);
            }
            whole &= v == Math.rint(v);
        }
        boolean scientific =
                maxAbs >= 1e8 || (minAbs != Double.POSITIVE_INFINITY && (minAbs < 1e-4 || maxAbs / minAbs > 1e3));
        Numbers numbers = new Numbers(whole && maxAbs < 1e16 ? Mode.WHOLE : scientific ? Mode.SCIENTIFIC : Mode.FIXED);
        for (int i = 0; i < data.length; i++) {
            if (!summary || shown(i, shape)) {
                numbers.width = Math.max(numbers.width, numbers.raw(data[i]).length());
            }
        }
        return numbers;
    }

    /** Whether flat element {@code i} is printed in a summary. */
    private boolean shown(int i, int[] shape) {
        for (int a = shape.length - 1; a >= 0; a--) {
            int idx = i % shape[a];
            i /= shape[a];
            if (shape[a] > 2 * edgeItems && idx >= edgeItems && idx < shape[a] - edgeItems) {
                return false;
            }
        }
        return true;
    }

    private enum Mode {
        WHOLE,
        FIXED,
        SCIENTIFIC
    }

    private final class Numbers {
        private final Mode mode;
        private int width;

        Numbers(Mode mode) {
            this.mode = mode;
        }

        String raw(double v) {
            if (Double.isNaN(v)) {
                return "nan";
            }
            if (Double.isInfinite(v)) {
                return v > 0 ? "inf" : "-inf";
            }
            return switch (mode) {
                case WHOLE -> String.format(Locale.ROOT, "%.0f.", v == 0 ? 0.0 : v);
                case FIXED -> String.format(Locale.ROOT, "%." + precision + "f", v);
                case SCIENTIFIC -> String.format(Locale.ROOT, "%." + precision + "e", v);
            };
        }

        String text(double v) {
            String s = raw(v);
            return " ".repeat(Math.max(0, width - s.length())) + s;
        }
    }
}
