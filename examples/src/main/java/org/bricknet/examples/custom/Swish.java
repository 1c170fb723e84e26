package org.bricknet.examples.custom;

import org.bricknet.core.Layer;
import org.bricknet.core.Shapes;
import org.bricknet.core.StableMath;
import org.bricknet.core.Tensor;

/**
 * A brick that is not in the library, written the way a user writes one: Swish (also SiLU),
 * {@code y = x·σ(x)} element-wise, with {@code σ(x) = 1 / (1 + e^(−x))}.
 *
 * <p>Backward: {@code dy/dx = σ(x) + x·σ(x)·(1 − σ(x)) = y + σ(x)·(1 − y)}, so
 * {@code dx = dout ⊙ (y + σ(x) ⊙ (1 − y))}. Forward caches {@code σ(x)} and {@code y}.
 * Its test, {@code SwishTest}, is a {@link org.bricknet.core.contract.LayerContract}.
 */
public final class Swish implements Layer {
    private Tensor sig;
    private Tensor y;

    @Override
    public Tensor forward(Tensor x) {
        sig = Tensor.zeros(x.shape());
        y = Tensor.zeros(x.shape());
        double[] xd = x.data();
        double[] s = sig.data();
        double[] yd = y.data();
        for (int i = 0; i < xd.length; i++) {
            s[i] = StableMath.sigmoid(xd[i]);
            yd[i] = xd[i] * s[i];
        }
        return y.copy();
    }

    @Override
    public Tensor backward(Tensor dout) {
        Shapes.requireForward("Swish", y);
        Shapes.requireSame("Swish", "output gradient", y, dout);
        Tensor dx = Tensor.zeros(y.shape());
        double[] d = dout.data();
        double[] s = sig.data();
        double[] yd = y.data();
        double[] out = dx.data();
        for (int i = 0; i < d.length; i++) {
            out[i] = d[i] * (yd[i] + s[i] * (1.0 - yd[i]));
        }
        return dx;
    }
}
