package org.bricknet.core;

import java.util.Arrays;
import java.util.Random;

/**
 * A shape and a row-major {@code double[]}. The batch comes first: a mini-batch of vectors is
 * {@code N x D}, a mini-batch of images {@code N x C x H x W}.
 *
 * <p>{@link #reshape} is a view: it shares this tensor's array, so a write through one is seen
 * through the other.
 */
public final class Tensor {
    private final int[] shape;
    private final double[] data;

    private Tensor(int[] shape, double[] data) {
        this.shape = shape;
        this.data = data;
    }

    /** A tensor of zeros of the given shape. */
    public static Tensor zeros(int... shape) {
        int[] s = checkShape(shape);
        return new Tensor(s, new double[size(s)]);
    }

    /** A tensor over {@code data} (not copied) with the given shape. */
    public static Tensor of(double[] data, int... shape) {
        int[] s = checkShape(shape);
        if (data.length != size(s)) {
            throw new IllegalArgumentException(
                    "Tensor: shape " + Arrays.toString(s) + " needs " + size(s) + " values, got " + data.length);
        }
        return new Tensor(s, data);
    }

    /** A vector holding a copy of {@code values}. */
    public static Tensor vector(double... values) {
        return new Tensor(new int[] {values.length}, values.clone());
    }

    /** An {@code rows x cols} matrix holding a copy of the rows, which must all be {@code cols} long. */
    public static Tensor matrix(double[][] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("Tensor.matrix: expected at least one row, got none");
        }
        int cols = rows[0].length;
        double[] d = new double[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException(
                        "Tensor.matrix: row 0 has " + cols + " values, row " + i + " has " + rows[i].length);
            }
            System.arraycopy(rows[i], 0, d, i * cols, cols);
        }
        return of(d, rows.length, cols);
    }

    /** Gaussian noise with mean 0 and standard deviation {@code std}, drawn from {@code random}. */
    public static Tensor randn(Random random, double std, int... shape) {
        Tensor t = zeros(shape);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = std * random.nextGaussian();
        }
        return t;
    }

    /** Uniform noise in {@code [low, high)}, drawn from {@code random}. */
    public static Tensor uniform(Random random, double low, double high, int... shape) {
        Tensor t = zeros(shape);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = low + (high - low) * random.nextDouble();
        }
        return t;
    }

    /**
     * {@code current} when it is already an {@code rows x cols} matrix, else a new one: how a layer
     * keeps its output and gradient buffers from one mini-batch to the next without allocating.
     */
    public static Tensor reuse(Tensor current, int rows, int cols) {
        if (current != null && current.shape.length == 2 && current.shape[0] == rows && current.shape[1] == cols) {
            return current;
        }
        return zeros(rows, cols);
    }

    /** {@code current} when it already has the shape of {@code like}, else a new tensor of that shape. */
    public static Tensor reuse(Tensor current, Tensor like) {
        if (current != null && Arrays.equals(current.shape, like.shape)) {
            return current;
        }
        return zeros(like.shape);
    }

    /** {@code current} when it is already an {@code n x c x h x w} tensor, else a new one. */
    public static Tensor reuse(Tensor current, int n, int c, int h, int w) {
        if (current != null
                && current.shape.length == 4
                && current.shape[0] == n
                && current.shape[1] == c
                && current.shape[2] == h
                && current.shape[3] == w) {
            return current;
        }
        return zeros(n, c, h, w);
    }

    /** Whether this tensor has exactly the shape {@code shape} (compared without copying). */
    public boolean hasShape(int[] shape) {
        return Arrays.equals(this.shape, shape);
    }

    /** Whether this is an {@code rows x cols} matrix. */
    public boolean isMatrix(int rows, int cols) {
        return shape.length == 2 && shape[0] == rows && shape[1] == cols;
    }

    /** The shape; a copy, so changing it changes nothing here. */
    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis];
    }

    /** The number of elements. */
    public int size() {
        return data.length;
    }

    /** The backing array itself (row-major), not a copy. */
    public double[] data() {
        return data;
    }

    /** The first dimension: the batch size. */
    public int rows() {
        return shape.length == 0 ? 1 : shape[0];
    }

    /** The product of every dimension after the first. */
    public int cols() {
        return shape.length == 0 ? 1 : data.length / Math.max(shape[0], 1);
    }

    /** A view of the same array with another shape of the same size; one dimension may be -1. */
    public Tensor reshape(int... newShape) {
        int[] s = newShape.clone();
        int unknown = -1;
        int known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1 && unknown < 0) {
                unknown = i;
            } else {
                known *= s[i];
            }
        }
        if (unknown >= 0 && known > 0 && data.length % known == 0) {
            s[unknown] = data.length / known;
        }
        checkShape(s);
        if (size(s) != data.length) {
            throw new IllegalArgumentException("Tensor.reshape: cannot view shape "
                    + shapeString() + " (" + data.length + " values) as "
                    + shapeString(newShape));
        }
        return new Tensor(s, data);
    }

    /** A deep copy. */
    public Tensor copy() {
        return new Tensor(shape.clone(), data.clone());
    }

    /** The element at a multi-index. */
    public double get(int... index) {
        return data[offset(index)];
    }

    public void set(double value, int... index) {
        data[offset(index)] = value;
    }

    /** Sets every element to {@code value}; returns this. */
    public Tensor fill(double value) {
        Arrays.fill(data, value);
        return this;
    }

    /** Copies the values of {@code other}, which must have the same shape, into this tensor. */
    public void copyFrom(Tensor other) {
        if (!sameShape(other)) {
            throw new IllegalArgumentException(
                    "Tensor.copyFrom: expected shape " + shapeString() + ", got " + other.shapeString());
        }
        System.arraycopy(other.data, 0, data, 0, data.length);
    }

    public boolean sameShape(Tensor other) {
        return Arrays.equals(shape, other.shape);
    }

    /** The shape written as {@code (2, 3)}. */
    public String shapeString() {
        return shapeString(shape);
    }

    public static String shapeString(int[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    /** The multi-index of flat position {@code flat}. */
    public int[] multiIndex(int flat) {
        int[] idx = new int[shape.length];
        for (int i = shape.length - 1; i >= 0; i--) {
            idx[i] = flat % shape[i];
            flat /= shape[i];
        }
        return idx;
    }

    private int offset(int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("Tensor: index " + Arrays.toString(index) + " has " + index.length
                    + " axes, shape " + shapeString() + " has " + shape.length);
        }
        int off = 0;
        for (int i = 0; i < shape.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException(
                        "Tensor: index " + Arrays.toString(index) + " is outside shape " + shapeString());
            }
            off = off * shape[i] + index[i];
        }
        return off;
    }

    private static int[] checkShape(int[] shape) {
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException(
                        "Tensor: every dimension must be positive, got " + Arrays.toString(shape));
            }
        }
        size(shape);
        return shape.clone();
    }

    private static int size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(
                        "Tensor: shape " + Arrays.toString(shape) + " has more elements than a Java array can hold");
            }
        }
        return (int) n;
    }

    // ---- element-wise operations and reductions: each returns a new tensor (see TensorMath) ----

    /** {@code this + other}, element by element. Shape: both the same; the result has it. */
    public Tensor add(Tensor other) {
        return TensorMath.zip("add", this, other, Double::sum);
    }

    /** {@code this − other}, element by element. Shape: both the same; the result has it. */
    public Tensor subtract(Tensor other) {
        return TensorMath.zip("subtract", this, other, (a, b) -> a - b);
    }

    /** {@code this ⊙ other}, element by element (not a matrix product). Shape: both the same. */
    public Tensor multiply(Tensor other) {
        return TensorMath.zip("multiply", this, other, (a, b) -> a * b);
    }

    /** {@code factor · this}. Shape: unchanged. */
    public Tensor scale(double factor) {
        return TensorMath.map(this, v -> factor * v);
    }

    /** {@code |this|}, element by element. Shape: unchanged. */
    public Tensor abs() {
        return TensorMath.map(this, Math::abs);
    }

    /** The sum of every element. */
    public double sum() {
        return TensorMath.all(this, TensorMath.Reduction.SUM);
    }

    /**
     * Sums along {@code axis} (−1 is the last): shape {@code (2, 3)} gives {@code (3,)} along axis
     * 0 and {@code (2,)} along axis 1; the axis is removed. The same rule holds for {@link #mean(int)},
     * {@link #max(int)}, {@link #min(int)} and {@link #argmax(int)}.
     */
    public Tensor sum(int axis) {
        return TensorMath.along(this, axis, TensorMath.Reduction.SUM);
    }

    /** The mean of every element. */
    public double mean() {
        return TensorMath.all(this, TensorMath.Reduction.MEAN);
    }

    /** Means along {@code axis}, which is removed (see {@link #sum(int)}). */
    public Tensor mean(int axis) {
        return TensorMath.along(this, axis, TensorMath.Reduction.MEAN);
    }

    /** The largest element; NaN if any element is NaN. */
    public double max() {
        return TensorMath.all(this, TensorMath.Reduction.MAX);
    }

    /** The largest along {@code axis}, which is removed (see {@link #sum(int)}). */
    public Tensor max(int axis) {
        return TensorMath.along(this, axis, TensorMath.Reduction.MAX);
    }

    /** The smallest element; NaN if any element is NaN. */
    public double min() {
        return TensorMath.all(this, TensorMath.Reduction.MIN);
    }

    /** The smallest along {@code axis}, which is removed (see {@link #sum(int)}). */
    public Tensor min(int axis) {
        return TensorMath.along(this, axis, TensorMath.Reduction.MIN);
    }

    /** The flat (row-major) index of the largest element, the first on ties (see {@link #multiIndex}). */
    public int argmax() {
        return (int) TensorMath.all(this, TensorMath.Reduction.ARGMAX);
    }

    /**
     * The index of the largest along {@code axis} (the first on ties), as whole numbers in a tensor
     * without that axis: {@code scores.argmax(1)} of an {@code (N, K)} matrix gives each row's class.
     */
    public Tensor argmax(int axis) {
        return TensorMath.along(this, axis, TensorMath.Reduction.ARGMAX);
    }

    /** {@link #allClose(Tensor, double, double)} with NumPy's defaults, rtol 1e-5 and atol 1e-8. */
    public boolean allClose(Tensor other) {
        return allClose(other, 1e-5, 1e-8);
    }

    /**
     * Whether every {@code |this − other| <= atol + rtol·|other|} (NumPy's {@code allclose}; the
     * rule is not symmetric); NaN is close to nothing, an infinity only to itself. Shape: both the
     * same.
     */
    public boolean allClose(Tensor other, double rtol, double atol) {
        return TensorMath.allClose(this, other, rtol, atol);
    }

    /** Rows and columns with 4 digits, summarised past 1000 elements: see {@link TensorFormat}. */
    @Override
    public String toString() {
        return TensorFormat.DEFAULT.format(this);
    }

    /** As {@link #toString()} with {@code digits} after the point. */
    public String toString(int digits) {
        return TensorFormat.DEFAULT.precision(digits).format(this);
    }
}
