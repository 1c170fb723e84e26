package org.bricknet.layers;

import org.bricknet.core.Layer;
import org.bricknet.core.Shapes;
import org.bricknet.core.StableMath;
import org.bricknet.core.Tensor;

/**
 * The logistic function: {@code y = 1 / (1 + e^(−x))}.
 *
 * <p>Backward: {@code dx = dout · y · (1 − y)}.
 *
 * <p>Shape: input any {@code (N, ...)}; output and its gradient the same shape; no parameters.
 */
public final class Sigmoid implements Layer {
    private Tensor y;
    private Tensor dx;

    @Override
    public Tensor forward(Tensor x) {
        y = Tensor.reuse(y, x);
        double[] xd = x.data();
        double[] yd = y.data();
        for (int i = 0; i < xd.length; i++) {
            yd[i] = StableMath.sigmoid(xd[i]);
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Shapes.requireForward("Sigmoid", y);
        Shapes.requireSame("Sigmoid", "output gradient", y, dout);
        dx = Tensor.reuse(dx, y);
        double[] yd = y.data();
        double[] d = dout.data();
        double[] out = dx.data();
        for (int i = 0; i < yd.length; i++) {
            out[i] = d[i] * yd[i] * (1.0 - yd[i]);
        }
        return dx;
    }

    @Override
    public String toString() {
        return "Sigmoid";
    }
}
