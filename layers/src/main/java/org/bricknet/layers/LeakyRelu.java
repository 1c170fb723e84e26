package org.bricknet.layers;

import org.bricknet.core.Layer;
import org.bricknet.core.Shapes;
import org.bricknet.core.Tensor;

/**
 * The leaky rectifier: {@code y = x} where {@code x > 0}, {@code y = slope·x} elsewhere. Like ReLU
 * it has a kink at 0.
 *
 * <p>Backward: {@code dx = dout} where {@code x > 0}, {@code slope·dout} elsewhere.
 *
 * <p>Shape: input any {@code (N, ...)}; output and its gradient the same shape; no parameters.
 */
public final class LeakyRelu implements Layer {
    private final double slope;
    private Tensor x;
    private Tensor y;
    private Tensor dx;

    /** {@code slope} is the gradient for negative inputs, a finite number >= 0 (commonly 0.01). */
    public LeakyRelu(double slope) {
        if (!(slope >= 0) || Double.isInfinite(slope)) {
            throw new IllegalArgumentException("LeakyRelu: slope must be a finite number >= 0, got " + slope);
        }
        this.slope = slope;
    }

    @Override
    public Tensor forward(Tensor x) {
        this.x = x;
        y = Tensor.reuse(y, x);
        double[] xd = x.data();
        double[] yd = y.data();
        for (int i = 0; i < xd.length; i++) {
            yd[i] = xd[i] > 0 ? xd[i] : slope * xd[i];
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Shapes.requireForward("LeakyRelu", x);
        Shapes.requireSame("LeakyRelu", "output gradient", x, dout);
        dx = Tensor.reuse(dx, x);
        double[] xd = x.data();
        double[] d = dout.data();
        double[] out = dx.data();
        for (int i = 0; i < xd.length; i++) {
            out[i] = xd[i] > 0 ? d[i] : slope * d[i];
        }
        return dx;
    }

    public double slope() {
        return slope;
    }

    /** {@code LeakyRelu(0.01)}. */
    @Override
    public String toString() {
        return "LeakyRelu(" + slope + ")";
    }
}
