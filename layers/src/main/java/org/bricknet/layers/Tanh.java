package org.bricknet.layers;

import org.bricknet.core.Layer;
import org.bricknet.core.Shapes;
import org.bricknet.core.Tensor;

/**
 * The hyperbolic tangent: {@code y = tanh(x)}.
 *
 * <p>Backward: {@code dx = dout · (1 − y²)}.
 *
 * <p>Shape: input any {@code (N, ...)}; output and its gradient the same shape; no parameters.
 */
public final class Tanh implements Layer {
    private Tensor y;
    private Tensor dx;

    @Override
    public Tensor forward(Tensor x) {
        y = Tensor.reuse(y, x);
        double[] xd = x.data();
        double[] yd = y.data();
        for (int i = 0; i < xd.length; i++) {
            yd[i] = Math.tanh(xd[i]);
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Shapes.requireForward("Tanh", y);
        Shapes.requireSame("Tanh", "output gradient", y, dout);
        dx = Tensor.reuse(dx, y);
        double[] yd = y.data();
        double[] d = dout.data();
        double[] out = dx.data();
        for (int i = 0; i < yd.length; i++) {
            out[i] = d[i] * (1.0 - yd[i] * yd[i]);
        }
        return dx;
    }

    @Override
    public String toString() {
        return "Tanh";
    }
}
