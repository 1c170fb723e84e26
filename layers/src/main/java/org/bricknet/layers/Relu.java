package org.bricknet.layers;

import org.bricknet.core.Layer;
import org.bricknet.core.Shapes;
import org.bricknet.core.Tensor;

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
        double[] xd = x.data();
        double[] yd = y.data();
        for (int i = 0; i < xd.length; i++) {
            yd[i] = Math.max(xd[i], 0.0);
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Shapes.requireForward("Relu", y);
        Shapes.requireSame("Relu", "output gradient", y, dout);
        dx = Tensor.reuse(dx, y);
        double[] yd = y.data();
        double[] d = dout.data();
        double[] out = dx.data();
        for (int i = 0; i < yd.length; i++) {
            out[i] = yd[i] > 0 ? d[i] : 0.0; // the mask: x > 0 exactly where y > 0
        }
        return dx;
    }

    @Override
    public String toString() {
        return "Relu";
    }
}
