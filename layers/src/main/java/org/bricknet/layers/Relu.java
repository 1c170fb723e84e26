package org.bricknet.layers;

import org.bricknet.core.Layer;
import org.bricknet.core.Shapes;
import org.bricknet.core.Tensor;

/**
 * {@code y = max(0, x)}; backward passes {@code dout} where {@code x > 0} and 0 elsewhere.
 *
 * <p>Both loops are written without a branch per element so that the JIT compiles them to vector
 * instructions (a data-dependent branch mispredicts half the time on activations of random sign):
 * forward is {@code Math.max(x, 0)}, backward multiplies {@code dout} by the 0/1 mask
 * {@code ceil(min(y, 1))}, which is 1 exactly where {@code y > 0}. A NaN input gives a NaN output,
 * and an infinite {@code dout} at an inactive unit gives NaN rather than 0: either way training's
 * divergence check sees it.
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
            out[i] = d[i] * Math.ceil(Math.min(yd[i], 1.0));
        }
        return dx;
    }
}
