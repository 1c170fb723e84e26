package org.bricknet.core;

/** Shape checks that fail where a tensor enters, naming the layer, the expected and the actual shape. */
public final class Shapes {
    private Shapes() {}

    /** {@code x} must be {@code N x cols} for some batch size N. */
    public static void requireMatrix(String layer, Tensor x, int cols) {
        if (x.rank() != 2 || x.dim(1) != cols) {
            throw new IllegalArgumentException(
                    layer + ": expected input of shape (N, " + cols + "), got " + x.shapeString());
        }
    }

    /** {@code actual} must have exactly the shape of {@code expected}. */
    public static void requireSame(String layer, String what, Tensor expected, Tensor actual) {
        if (!expected.sameShape(actual)) {
            throw new IllegalArgumentException(layer + ": expected " + what + " of shape " + expected.shapeString()
                    + ", got " + actual.shapeString());
        }
    }

    /** {@code actual} must have exactly the shape {@code expected}. */
    public static void requireShape(String layer, String what, int[] expected, Tensor actual) {
        if (!actual.hasShape(expected)) {
            throw new IllegalArgumentException(layer + ": expected " + what + " of shape "
                    + Tensor.shapeString(expected) + ", got " + actual.shapeString());
        }
    }

    /** {@code actual} must be an {@code rows x cols} matrix. */
    public static void requireMatrix(String layer, String what, int rows, int cols, Tensor actual) {
        if (!actual.isMatrix(rows, cols)) {
            throw new IllegalArgumentException(layer + ": expected " + what + " of shape (" + rows + ", " + cols
                    + "), got " + actual.shapeString());
        }
    }

    /** A backward call needs a forward call before it. */
    public static void requireForward(String layer, Object cached) {
        if (cached == null) {
            throw new IllegalStateException(layer + ": backward called before forward");
        }
    }
}
