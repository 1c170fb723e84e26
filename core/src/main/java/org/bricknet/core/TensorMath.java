package org.bricknet.core;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The loops behind {@link Tensor}'s element-wise and reduction operations (the methods and their
 * shape rules are documented there). Plain loops: these serve checks and teaching, not the
 * training path, which runs through the bricks and the engine.
 */
final class TensorMath {
    private TensorMath() {}

    /** What a reduction along an axis does with the values it meets. */
    enum Reduction {
        SUM,
        MEAN,
        MAX,
        MIN,
        ARGMAX
    }

    static Tensor map(Tensor a, DoubleUnaryOperator f) {
        Tensor out = Tensor.zeros(a.shape());
        double[] x = a.data();
        double[] o = out.data();
        for (int i = 0; i < x.length; i++) {
            o[i] = f.applyAsDouble(x[i]);
        }
        return out;
    }

    static Tensor zip(String op, Tensor a, Tensor b, DoubleBinaryOperator f) {
        requireSameShape(op, a, b);
        Tensor out = Tensor.zeros(a.shape());
        double[] x = a.data();
        double[] y = b.data();
        double[] o = out.data();
        for (int i = 0; i < x.length; i++) {
            o[i] = f.applyAsDouble(x[i], y[i]);
        }
        return out;
    }

    static void requireSameShape(String op, Tensor a, Tensor b) {
        if (b == null || !a.sameShape(b)) {
            throw new IllegalArgumentException("Tensor." + op + ": expected a tensor of shape " + a.shapeString()
                    + ", got " + (b == null ? "null" : b.shapeString()));
        }
    }

    /** The reduction over every element; ARGMAX gives the first flat index of the largest. */
    static double all(Tensor a, Reduction r) {
        double[] x = a.data();
        return reduce(x, 0, x.length, 1, r);
    }

    /** The reduction along {@code axis} (negative counts from the end); that axis is removed. */
    static Tensor along(Tensor a, int axis, Reduction r) {
        int rank = a.rank();
        int ax = axis < 0 ? axis + rank : axis;
        if (ax < 0 || ax >= rank) {
            throw new IllegalArgumentException("Tensor: axis " + axis + " is outside a tensor of shape "
                    + a.shapeString() + " (expected " + -rank + " to " + (rank - 1) + ")");
        }
        int[] shape = a.shape();
        int n = shape[ax];
        int inner = 1;
        for (int d = ax + 1; d < rank; d++) {
            inner *= shape[d];
        }
        int outer = a.size() / (n * inner);
        int[] outShape = new int[rank - 1];
        for (int d = 0, k = 0; d < rank; d++) {
            if (d != ax) {
                outShape[k++] = shape[d];
            }
        }
        Tensor out = Tensor.zeros(outShape);
        double[] x = a.data();
        double[] o = out.data();
        for (int i = 0; i < outer; i++) {
            for (int j = 0; j < inner; j++) {
                o[i * inner + j] = reduce(x, i * n * inner + j, n, inner, r);
            }
        }
        return out;
    }

    /** Reduces {@code n} values of {@code x} from {@code start}, {@code stride} apart. */
    private static double reduce(double[] x, int start, int n, int stride, Reduction r) {
        double acc = x[start];
        int best = 0;
        for (int k = 1; k < n; k++) {
            double v = x[start + k * stride];
            switch (r) {
                case SUM, MEAN -> acc += v;
                case MAX -> acc = Math.max(acc, v);
                case MIN -> acc = Math.min(acc, v);
                case ARGMAX -> {
                    if (v > acc || (Double.isNaN(v) && !Double.isNaN(acc))) {
                        acc = v;
                        best = k;
                    }
                }
            }
        }
        return switch (r) {
            case MEAN -> acc / n;
            case ARGMAX -> best;
            default -> acc;
        };
    }

    /** NumPy's {@code allclose}: every {@code |a − b| <= atol + rtol·|b|}; NaN is close to nothing. */
    static boolean allClose(Tensor a, Tensor b, double rtol, double atol) {
        requireSameShape("allClose", a, b);
        if (!(rtol >= 0) || !(atol >= 0)) {
            throw new IllegalArgumentException(
                    "Tensor.allClose: expected tolerances >= 0, got rtol " + rtol + " and atol " + atol);
        }
        double[] x = a.data();
        double[] y = b.data();
        for (int i = 0; i < x.length; i++) {
            if (x[i] == y[i]) {
                continue;
            }
            if (Double.isInfinite(x[i])
                    || Double.isInfinite(y[i])
                    || !(Math.abs(x[i] - y[i]) <= atol + rtol * Math.abs(y[i]))) {
                return false;
            }
        }
        return true;
    }
}
