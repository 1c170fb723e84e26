package org.bricknet.layers;

import org.bricknet.core.Layer;
import org.bricknet.core.Shapes;
import org.bricknet.core.StableMath;
import org.bricknet.core.Tensor;

/**
 * The softmax of each row as a plain layer (for outputs that are read as probabilities; to train
 * on class targets, {@code SoftmaxWithLoss} is simpler and exact): {@code y_j = e^(x_j − m) /
 * Σ_k e^(x_k − m)} with {@code m} the row's maximum, so large scores do not overflow. An input of
 * more than two axes is taken as {@code N} rows of the product of the rest.
 *
 * <p>Backward is the full Jacobian-vector product, {@code ∂y_j/∂x_k = y_j·(δ_jk − y_k)}, which per
 * row gives {@code dx = y ⊙ (dout − Σ_k dout_k·y_k)}.
 *
 * <p>Shape: input {@code (N, K)} (or {@code (N, ...)}, a row of the rest each); output and its
 * gradient the same shape; no parameters.
 */
public final class Softmax implements Layer {
    private Tensor y;
    private Tensor dx;

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() < 2) {
            throw new IllegalArgumentException("Softmax: expected input of shape (N, K), got " + x.shapeString());
        }
        y = Tensor.reuse(y, x);
        double[] s = x.data();
        double[] yd = y.data();
        int k = x.cols();
        for (int off = 0; off < s.length; off += k) {
            StableMath.softmax(s, yd, off, k);
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Shapes.requireForward("Softmax", y);
        Shapes.requireSame("Softmax", "output gradient", y, dout);
        dx = Tensor.reuse(dx, y);
        double[] yd = y.data();
        double[] d = dout.data();
        double[] out = dx.data();
        int k = y.cols();
        for (int off = 0; off < yd.length; off += k) {
            double dot = 0;
            for (int j = off; j < off + k; j++) {
                dot += d[j] * yd[j];
            }
            for (int j = off; j < off + k; j++) {
                out[j] = yd[j] * (d[j] - dot);
            }
        }
        return dx;
    }

    @Override
    public String toString() {
        return "Softmax";
    }
}
