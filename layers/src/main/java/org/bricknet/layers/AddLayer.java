package org.bricknet.layers;

import org.bricknet.core.Brick;
import org.bricknet.core.Tensor;

/**
 * The book's {@code AddLayer} (chapter 5, {@code layer_naive.py}): the sum of two scalars,
 * {@code out = x + y}, for teaching backprop on a computational graph.
 *
 * <p>Backward, as the book's: {@code dx = dout·1}, {@code dy = dout·1} (an addition passes the
 * upstream gradient on unchanged).
 *
 * <p>It is written twice: with the book's own calls, {@link #forward(double, double)} and
 * {@link #backward(double)} returning {@code {dx, dy}}, and as a {@link Brick} of two inputs, so that
 * a {@link org.bricknet.core.Graph} and a gradient check take it. {@link Add} is the same sum on
 * whole tensors, of any number of inputs.
 *
 * <p>Shape: two inputs of one value each (in a graph: a batch of one, {@code (1, 1)}); output and
 * both input gradients of the first input's shape; no parameters.
 */
public final class AddLayer implements Brick {
    private Tensor out;
    private Tensor dx;
    private Tensor dy;

    /** {@code out = x + y}. */
    public double forward(double x, double y) {
        return x + y;
    }

    /** {@code {dout·1, dout·1}}: the gradients of x and y. */
    public double[] backward(double dout) {
        return new double[] {dout * 1, dout * 1};
    }

    @Override
    public int inputCount() {
        return 2;
    }

    @Override
    public int[][] outputShapes(int[][] inputShapes) {
        return new int[][] {Scalars.requireOne("AddLayer", inputShapes)};
    }

    @Override
    public Tensor[] forward(Tensor... inputs) {
        Scalars.requireOne("AddLayer", inputs);
        out = Tensor.reuse(out, inputs[0]);
        out.data()[0] = forward(inputs[0].data()[0], inputs[1].data()[0]);
        return new Tensor[] {out};
    }

    @Override
    public Tensor[] backward(Tensor... outputGradients) {
        double[] d = backward(Scalars.gradient("AddLayer", out, outputGradients));
        dx = Tensor.reuse(dx, out);
        dy = Tensor.reuse(dy, out);
        dx.data()[0] = d[0];
        dy.data()[0] = d[1];
        return new Tensor[] {dx, dy};
    }

    @Override
    public String toString() {
        return "AddLayer";
    }
}
