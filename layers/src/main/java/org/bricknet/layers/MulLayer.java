package org.bricknet.layers;

import org.bricknet.core.Brick;
import org.bricknet.core.Tensor;

/**
 * The book's {@code MulLayer} (chapter 5, {@code layer_naive.py}): the product of two scalars,
 * {@code out = x·y}, for teaching backprop on a computational graph (the price of apples).
 *
 * <p>Backward, as the book's: {@code dx = dout·y}, {@code dy = dout·x} (each input's gradient is
 * the upstream gradient times the other input).
 *
 * <p>It is written twice: with the book's own calls, {@link #forward(double, double)} and
 * {@link #backward(double)} returning {@code {dx, dy}}, and as a {@link Brick} of two inputs, so that
 * a {@link org.bricknet.core.Graph} and a gradient check take it. {@link Multiply} is the same
 * product on whole tensors.
 *
 * <p>Shape: two inputs of one value each (in a graph: a batch of one, {@code (1, 1)}); output and
 * both input gradients of the first input's shape; no parameters.
 */
public final class MulLayer implements Brick {
    private double x;
    private double y;
    private Tensor out;
    private Tensor dx;
    private Tensor dy;

    /** {@code out = x·y}; remembers x and y for backward. */
    public double forward(double x, double y) {
        this.x = x;
        this.y = y;
        return x * y;
    }

    /** {@code {dout·y, dout·x}}: the gradients of x and y. */
    public double[] backward(double dout) {
        return new double[] {dout * y, dout * x};
    }

    @Override
    public int inputCount() {
        return 2;
    }

    @Override
    public int[][] outputShapes(int[][] inputShapes) {
        return new int[][] {Scalars.requireOne("MulLayer", inputShapes)};
    }

    @Override
    public Tensor[] forward(Tensor... inputs) {
        Scalars.requireOne("MulLayer", inputs);
        out = Tensor.reuse(out, inputs[0]);
        out.data()[0] = forward(inputs[0].data()[0], inputs[1].data()[0]);
        return new Tensor[] {out};
    }

    @Override
    public Tensor[] backward(Tensor... outputGradients) {
        double dout = Scalars.gradient("MulLayer", out, outputGradients);
        double[] d = backward(dout);
        dx = Tensor.reuse(dx, out);
        dy = Tensor.reuse(dy, out);
        dx.data()[0] = d[0];
        dy.data()[0] = d[1];
        return new Tensor[] {dx, dy};
    }

    @Override
    public String toString() {
        return "MulLayer";
    }
}
