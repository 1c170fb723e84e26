package org.bricknet.core.engine;

import org.bricknet.core.Tensor;

/**
 * A dense {@code rows x cols} row-major matrix stored in {@code data} from {@code offset}: a matrix
 * inside a larger array, such as one image's slice of a mini-batch, for the products of {@link Ops}.
 *
 * @param data the array holding the matrix
 * @param offset where its first element is
 * @param rows the number of rows
 * @param cols the number of columns (and the stride between rows)
 */
public record Block(double[] data, int offset, int rows, int cols) {
    public Block {
        if (rows < 0 || cols < 0 || offset < 0 || (long) offset + (long) rows * cols > data.length) {
            throw new IllegalArgumentException("Block: " + rows + "x" + cols + " from offset " + offset
                    + " does not fit an array of " + data.length);
        }
    }

    /** A tensor viewed as {@link Tensor#rows()} by {@link Tensor#cols()}: its first axis by the rest. */
    public static Block of(Tensor t) {
        return new Block(t.data(), 0, t.rows(), t.cols());
    }

    /** {@code rows x cols} values of {@code data} from {@code offset}. */
    public static Block of(double[] data, int offset, int rows, int cols) {
        return new Block(data, offset, rows, cols);
    }

    String dims() {
        return rows + "x" + cols;
    }
}
