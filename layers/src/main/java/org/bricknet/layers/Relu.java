package org.bricknet.layers;

import org.bricknet.core.Layer;
import org.bricknet.core.Shapes;
import org.bricknet.core.Tensor;
import org.bricknet.core.engine.Ops;

/**
 * The rectifier: {@code y = max(0, x)}.
 *
 * <p>Backward: {@code dx = dout} where {@code x > 0} and 0 elsewhere, the book's mask. A NaN input
 * gives a NaN output, which training's divergence check then sees.
 *
 * <p>Shape: input any {@code (N, ...)}; output and its gradient the same shape; no parameters.
 */
public final class Relu implements Layer {
    private Tensor y;
    private Tensor dx;

    @Override
    public Tensor forward(Tensor x) {
        y = Tensor.reuse(y, x);
        Ops.rectify(x, y); // y = max(x, 0)
        return y;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Shapes.requireForward("Relu", y);
        Shapes.requireSame("Relu", "output gradient", y, dout);
        dx = Tensor.reuse(dx, y);
        Ops.keepWherePositive(y, dout, dx); // the mask: x > 0 exactly where y > 0
        return dx;
    }

    @Override
    public String toString() {
        return "Relu";
    }
}
