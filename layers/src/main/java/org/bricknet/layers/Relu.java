package org.bricknet.layers;

import org.bricknet.core.Layer;
import org.bricknet.core.Shapes;
import org.bricknet.core.Tensor;

/** {@code y = max(0, x)}; backward passes {@code dout} where {@code x > 0} and 0 elsewhere. */
public final class Relu implements Layer {
    private Tensor x;
    private Tensor y;
    private Tensor dx;

    @Override
    public Tensor forward(Tensor x) {
        this.x = x;
        y = Tensor.reuse(y, x);
        double[] xd = x.data();
        double[] yd = y.data();
        for (int i = 0; i < xd.length; i++) {
            yd[i] = xd[i] > 0 ? xd[i] : 0.0;
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Shapes.requireForward("Relu", x);
        Shapes.requireSame("Relu", "output gradient", x, dout);
        dx = Tensor.reuse(dx, x);
        double[] xd = x.data();
        double[] d = dout.data();
        double[] out = dx.data();
        for (int i = 0; i < xd.length; i++) {
            out[i] = xd[i] > 0 ? d[i] : 0.0;
        }
        return dx;
    }
}
