package org.bricknet.spark;

import java.io.Serializable;
import org.bricknet.core.Tensor;

/**
 * Up to a block's worth of consecutive examples of one partition, stacked as one matrix so that a
 * partition runs matrix products rather than a loop over examples (Spark MLlib's perceptron stacks
 * 128). {@code first} is the partition-local number of the first row. A block that carries a
 * {@code problem} holds no rows: it reports why the partition's data could not be read.
 */
final class ExampleBlock implements Serializable {
    private static final long serialVersionUID = 1L;

    final long first;
    final int rows;
    final int width;
    final double[] x;
    /** Class indices as numbers, the form a loss layer takes them in. */
    final double[] targets;

    final String problem;

    ExampleBlock(long first, int rows, int width, double[] x, double[] targets) {
        this.first = first;
        this.rows = rows;
        this.width = width;
        this.x = x;
        this.targets = targets;
        this.problem = null;
    }

    private ExampleBlock(String problem) {
        this.first = 0;
        this.rows = 0;
        this.width = 0;
        this.x = new double[0];
        this.targets = new double[0];
        this.problem = problem;
    }

    static ExampleBlock problem(String message) {
        return new ExampleBlock(message);
    }

    /** The inputs as a tensor of {@code rows} examples of {@code exampleShape} (a view, not a copy). */
    Tensor inputs(int[] exampleShape) {
        return Tensor.of(x, shape(rows, exampleShape));
    }

    Tensor targetTensor() {
        return Tensor.of(targets, rows);
    }

    /** {@code rows} followed by the shape of one example. */
    static int[] shape(int rows, int[] exampleShape) {
        int[] s = new int[exampleShape.length + 1];
        s[0] = rows;
        System.arraycopy(exampleShape, 0, s, 1, exampleShape.length);
        return s;
    }
}
