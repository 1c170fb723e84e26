package org.bricknet.layers;

import java.util.Arrays;
import org.bricknet.core.Brick;
import org.bricknet.core.Shapes;
import org.bricknet.core.Tensor;

/**
 * Joins its inputs along the axis after the batch: the features of {@code (N, D)} inputs, or the
 * channels of {@code (N, C, H, W)} inputs. {@code y[n] = [x₁[n], x₂[n], …]}.
 *
 * <p>Backward: each input receives its own slice of the output's gradient.
 *
 * <p>Shape: one or more inputs {@code (N, Dᵢ, ...)} that agree on every axis but the second;
 * output {@code (N, ΣDᵢ, ...)}; each input gradient its input's shape; no parameters.
 */
public final class Concat implements Brick {
    private int[][] shapes = new int[0][];
    private int inner;
    private Tensor y;
    private Tensor[] dx = new Tensor[0];
    private boolean inputGradientNeeded = true;

    @Override
    public int inputCount() {
        return ANY;
    }

    @Override
    public int[][] outputShapes(int[][] inputShapes) {
        int total = 0;
        for (int[] s : inputShapes) {
            if (s.length == 0 || s.length != inputShapes[0].length || !sameBeyondFirst(s, inputShapes[0])) {
                throw new IllegalArgumentException("Concat joins along the first axis of each example, so the other"
                        + " axes must agree; got "
                        + Arrays.stream(inputShapes).map(Tensor::shapeString).toList());
            }
            total += s[0];
        }
        int[] out = inputShapes[0].clone();
        out[0] = total;
        return new int[][] {out};
    }

    @Override
    public Tensor[] forward(Tensor... inputs) {
        int[][] example = new int[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            int[] s = inputs[i].shape();
            if (s.length < 2 || s[0] != inputs[0].dim(0)) {
                throw new IllegalArgumentException("Concat: expected inputs (N, D, ...) of one batch size, got "
                        + Arrays.stream(inputs).map(Tensor::shapeString).toList());
            }
            example[i] = Arrays.copyOfRange(s, 1, s.length);
        }
        int[] outExample;
        try {
            outExample = outputShapes(example)[0];
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Concat: expected inputs (N, D, ...) that agree on every axis but D, got "
                            + Arrays.stream(inputs).map(Tensor::shapeString).toList());
        }
        int n = inputs[0].dim(0);
        inner = inputs[0].size() / (n * example[0][0]);
        int[] outShape = new int[outExample.length + 1];
        outShape[0] = n;
        System.arraycopy(outExample, 0, outShape, 1, outExample.length);
        y = y != null && y.hasShape(outShape) ? y : Tensor.zeros(outShape);
        int rowOut = outExample[0] * inner;
        double[] out = y.data();
        for (int b = 0; b < n; b++) {
            int at = b * rowOut;
            for (Tensor x : inputs) {
                int row = x.dim(1) * inner;
                System.arraycopy(x.data(), b * row, out, at, row);
                at += row;
            }
        }
        shapes = Arrays.stream(inputs).map(Tensor::shape).toArray(int[][]::new);
        if (dx.length != inputs.length) {
            dx = new Tensor[inputs.length];
        }
        return new Tensor[] {y};
    }

    @Override
    public Tensor[] backward(Tensor... outputGradients) {
        Shapes.requireForward("Concat", y);
        if (outputGradients.length != 1) {
            throw new IllegalArgumentException("Concat: expected one output gradient, got " + outputGradients.length);
        }
        Tensor dout = outputGradients[0];
        Shapes.requireSame("Concat", "output gradient", y, dout);
        Tensor[] result = new Tensor[shapes.length];
        if (!inputGradientNeeded) {
            return result;
        }
        int n = y.dim(0);
        int rowOut = y.size() / n;
        double[] d = dout.data();
        int offset = 0;
        for (int i = 0; i < shapes.length; i++) {
            dx[i] = dx[i] != null && dx[i].hasShape(shapes[i]) ? dx[i] : Tensor.zeros(shapes[i]);
            int row = shapes[i][1] * inner;
            double[] g = dx[i].data();
            for (int b = 0; b < n; b++) {
                System.arraycopy(d, b * rowOut + offset, g, b * row, row);
            }
            offset += row;
            result[i] = dx[i];
        }
        return result;
    }

    @Override
    public void setInputGradientNeeded(boolean needed) {
        this.inputGradientNeeded = needed;
    }

    private static boolean sameBeyondFirst(int[] a, int[] b) {
        return Arrays.equals(a, 1, a.length, b, 1, b.length);
    }

    @Override
    public String toString() {
        return "Concat";
    }
}
