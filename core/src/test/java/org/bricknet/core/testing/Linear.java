package org.bricknet.core.testing;

import java.util.List;
import java.util.Random;
import org.bricknet.core.Layer;
import org.bricknet.core.Parameter;
import org.bricknet.core.Shapes;
import org.bricknet.core.Tensor;
import org.bricknet.core.engine.Ops;

/**
 * A test layer for other modules' training tests: {@code y = x·W + b} on {@code (N, in)} input, with
 * {@code W} of shape {@code (in, out)} drawn from N(0, std²) and {@code b} of shape {@code (out)}
 * starting at zero. Backward: {@code dW = xᵀ·dout}, {@code db = Σ_n dout}, {@code dx = dout·Wᵀ}.
 */
public final class Linear implements Layer {
    private final Parameter w;
    private final Parameter b;
    private Tensor x;

    public Linear(int in, int out, double std, Random random) {
        this(Tensor.randn(random, std, in, out), Tensor.zeros(out));
    }

    /** Over the given weights and bias, not copied: two layers over the same tensors share them. */
    public Linear(Tensor weights, Tensor bias) {
        this.w = new Parameter("W", weights);
        this.b = new Parameter("b", bias);
    }

    public Parameter weights() {
        return w;
    }

    public Parameter bias() {
        return b;
    }

    @Override
    public Tensor forward(Tensor x) {
        int in = w.value().dim(0);
        int out = w.value().dim(1);
        Shapes.requireMatrix("Linear", x, in);
        this.x = x;
        int n = x.rows();
        Tensor y = Tensor.zeros(n, out);
        Ops.fillRows(y, b.value());
        Ops.multAdd(x, w.value(), y);
        return y;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Shapes.requireForward("Linear", x);
        int in = w.value().dim(0);
        int out = w.value().dim(1);
        int n = x.rows();
        Shapes.requireMatrix("Linear", "output gradient", n, out, dout);
        Ops.multTransA(x, dout, w.grad());
        double[] db = b.grad().fill(0).data();
        for (int i = 0; i < n * out; i++) {
            db[i % out] += dout.data()[i];
        }
        Tensor dx = Tensor.zeros(n, in);
        Ops.multTransB(dout, w.value(), dx);
        return dx;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(w, b);
    }
}
