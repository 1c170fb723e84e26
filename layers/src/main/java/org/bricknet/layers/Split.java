package org.bricknet.layers;

import java.util.Arrays;
import org.bricknet.core.Brick;
import org.bricknet.core.Shapes;
import org.bricknet.core.Tensor;

/**
 * Parts its input along the axis after the batch into pieces of the given sizes, the inverse of
 * {@link Concat}: {@code new Split(20, 30)} turns {@code (N, 50)} into {@code (N, 20)} and
 * {@code (N, 30)}, or {@code (N, 50, H, W)} into {@code (N, 20, H, W)} and {@code (N, 30, H, W)}.
 * In a graph its outputs are {@code node:0}, {@code node:1}, ….
 *
 * <p>Backward: the output gradients joined back in order.
 *
 * <p>Shape: input {@code (N, D, ...)} with {@code D} the sum of the sizes; output {@code i}
 * {@code (N, sizes[i], ...)}; input gradient the input's shape; no parameters.
 */
public final class Split implements Brick {
    private final int[] sizes;
    private final int total;
    private Tensor[] y;
    private int[] shape;
    private int inner;
    private Tensor dx;
    private boolean inputGradientNeeded = true;

    /** Pieces of {@code sizes[0]}, {@code sizes[1]}, … along the axis after the batch. */
    public Split(int... sizes) {
        if (sizes.length < 1 || Arrays.stream(sizes).anyMatch(s -> s < 1)) {
            throw new IllegalArgumentException("Split: expected one or more sizes >= 1, got " + Arrays.toString(sizes));
        }
        this.sizes = sizes.clone();
        this.total = Arrays.stream(sizes).sum();
        this.y = new Tensor[sizes.length];
    }

    /** The sizes of the pieces (a copy). */
    public int[] sizes() {
        return sizes.clone();
    }

    @Override
    public int outputCount() {
        return sizes.length;
    }

    @Override
    public int[][] outputShapes(int[][] inputShapes) {
        int[] in = inputShapes[0];
        if (in.length == 0 || in[0] != total) {
            throw new IllegalArgumentException("Split into " + Arrays.toString(sizes) + " expects " + total
                    + " along the first axis of each example, got " + Tensor.shapeString(in));
        }
        int[][] out = new int[sizes.length][];
        for (int i = 0; i < sizes.length; i++) {
            out[i] = in.clone();
            out[i][0] = sizes[i];
        }
        return out;
    }

    @Override
    public Tensor[] forward(Tensor... inputs) {
        if (inputs.length != 1 || inputs[0].rank() < 2 || inputs[0].dim(1) != total) {
            throw new IllegalArgumentException("Split: expected one input of shape (N, " + total + ", ...), got "
                    + Arrays.stream(inputs).map(Tensor::shapeString).toList());
        }
        Tensor x = inputs[0];
        shape = x.shape();
        int n = x.dim(0);
        inner = x.size() / (n * total);
        int rowIn = total * inner;
        int offset = 0;
        Tensor[] out = new Tensor[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            int[] s = shape.clone();
            s[1] = sizes[i];
            y[i] = y[i] != null && y[i].hasShape(s) ? y[i] : Tensor.zeros(s);
            int row = sizes[i] * inner;
            for (int b = 0; b < n; b++) {
                System.arraycopy(x.data(), b * rowIn + offset, y[i].data(), b * row, row);
            }
            offset += row;
            out[i] = y[i];
        }
        return out;
    }

    @Override
    public Tensor[] backward(Tensor... outputGradients) {
        Shapes.requireForward("Split", shape);
        if (outputGradients.length != sizes.length) {
            throw new IllegalArgumentException(
                    "Split: expected " + sizes.length + " output gradients, got " + outputGradients.length);
        }
        for (int i = 0; i < sizes.length; i++) {
            Shapes.requireSame("Split", "output gradient " + i, y[i], outputGradients[i]);
        }
        if (!inputGradientNeeded) {
            return new Tensor[1];
        }
        dx = dx != null && dx.hasShape(shape) ? dx : Tensor.zeros(shape);
        int n = shape[0];
        int rowIn = total * inner;
        int offset = 0;
        for (int i = 0; i < sizes.length; i++) {
            int row = sizes[i] * inner;
            for (int b = 0; b < n; b++) {
                System.arraycopy(outputGradients[i].data(), b * row, dx.data(), b * rowIn + offset, row);
            }
            offset += row;
        }
        return new Tensor[] {dx};
    }

    @Override
    public void setInputGradientNeeded(boolean needed) {
        this.inputGradientNeeded = needed;
    }

    /** {@code Split(20, 30)}. */
    @Override
    public String toString() {
        return "Split("
                + Arrays.stream(sizes).mapToObj(Integer::toString).collect(java.util.stream.Collectors.joining(", "))
                + ")";
    }
}
