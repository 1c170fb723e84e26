package org.bricknet.core.testing;

import java.util.List;
import java.util.Random;
import org.bricknet.core.Layer;
import org.bricknet.core.Parameter;
import org.bricknet.core.Shapes;
import org.bricknet.core.Tensor;

/**
 * {@code y = x ⊙ s} on {@code (N, D)} input with a learned scale {@code s} of shape {@code (D)};
 * backward {@code dx = dout ⊙ s}, {@code ds = Σ_n dout ⊙ x}. Each {@link Fault} breaks one promise
 * of the layer contract, so that tests can show the contract catches it.
 */
public final class Scale implements Layer {
    /** Which promise to break. */
    public enum Fault {
        NONE,
        /** ds is 2 % too large. */
        GRADIENT,
        /** forward clamps the input in place. */
        MODIFIES_INPUT,
        /** backward adds into ds instead of overwriting it. */
        ACCUMULATES,
        /** the scale is drawn from an unseeded Random. */
        UNSEEDED,
        /** forward accepts any number of columns. */
        NO_SHAPE_CHECK
    }

    private final Parameter s;
    private final Fault fault;
    private Tensor x;

    public Scale(int d, Random random, Fault fault) {
        Random r = fault == Fault.UNSEEDED ? new Random() : random;
        this.s = new Parameter("s", Tensor.uniform(r, 0.5, 1.5, d));
        this.fault = fault;
    }

    @Override
    public Tensor forward(Tensor x) {
        int d = s.value().size();
        if (fault != Fault.NO_SHAPE_CHECK) {
            Shapes.requireMatrix("Scale", x, d);
        }
        if (fault == Fault.MODIFIES_INPUT) {
            double[] xd = x.data();
            for (int i = 0; i < xd.length; i++) {
                xd[i] = Math.min(xd[i], 1.5);
            }
        }
        this.x = x;
        Tensor y = Tensor.zeros(x.shape());
        double[] xd = x.data();
        double[] yd = y.data();
        double[] sd = s.value().data();
        for (int i = 0; i < yd.length; i++) {
            yd[i] = xd[i] * sd[i % d];
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Shapes.requireForward("Scale", x);
        Shapes.requireSame("Scale", "output gradient", x, dout);
        int d = s.value().size();
        double[] g = dout.data();
        double[] xd = x.data();
        double[] sd = s.value().data();
        double[] ds = s.grad().data();
        if (fault != Fault.ACCUMULATES) {
            java.util.Arrays.fill(ds, 0);
        }
        Tensor dx = Tensor.zeros(x.shape());
        double[] out = dx.data();
        for (int i = 0; i < g.length; i++) {
            ds[i % d] += g[i] * xd[i] * (fault == Fault.GRADIENT ? 1.02 : 1.0);
            out[i] = g[i] * sd[i % d];
        }
        return dx;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(s);
    }
}
