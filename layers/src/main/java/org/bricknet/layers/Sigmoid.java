package org.bricknet.layers;

import org.bricknet.core.Layer;
import org.bricknet.core.Shapes;
import org.bricknet.core.Tensor;

/** {@code y = 1 / (1 + e^(−x))}; backward is {@code dout · y · (1 − y)}. */
public final class Sigmoid implements Layer {
    private Tensor y;
    private Tensor dx;

    @Override
    public Tensor forward(Tensor x) {
        y = Tensor.reuse(y, x);
        double[] xd = x.data();
        double[] yd = y.data();
        for (int i = 0; i < xd.length; i++) {
            yd[i] = sigmoid(xd[i]);
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

    /** The logistic function, written so that neither branch overflows for large |x|. */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }
}
