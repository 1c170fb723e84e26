package org.bricknet.layers;

import java.util.List;
import java.util.Random;
import org.bricknet.core.Layer;
import org.bricknet.core.Parameter;
import org.bricknet.core.Shapes;
import org.bricknet.core.Tensor;
import org.bricknet.core.engine.Ops;

/**
 * The fully connected layer of the book: {@code y = x·W + b}.
 *
 * <p>Backward: {@code dW = xᵀ·dout}, {@code db = Σ_rows dout}, {@code dx = dout·Wᵀ} (skipped when
 * the input gradient is not needed).
 *
 * <p>Shape: input {@code (N, in)}, or {@code (N, ...)} with {@code in} values per example, read
 * as {@code (N, in)} as the book's {@code reshape} does, its gradient given back in the input's
 * shape; output {@code (N, out)}; parameters {@code W (in, out)} and {@code b (out,)}.
 */
public final class Affine implements Layer {
    private final Parameter w;
    private final Parameter b;
    private boolean inputGradientNeeded = true;
    private Tensor x;
    private Tensor y;
    private Tensor dx;

    /** A layer over the given weights {@code (in, out)} and bias {@code (out)}; not copied. */
    public Affine(Tensor weights, Tensor bias) {
        if (weights.rank() != 2) {
            throw new IllegalArgumentException(
                    "Affine: expected weights of shape (in, out), got " + weights.shapeString());
        }
        Shapes.requireShape("Affine", "bias", new int[] {weights.dim(1)}, bias);
        this.w = new Parameter("W", weights);
        this.b = new Parameter("b", bias);
    }

    /** Weights drawn from N(0, std²) with {@code random}, bias zero. */
    public Affine(int in, int out, double std, Random random) {
        this(Tensor.randn(random, std, in, out), Tensor.zeros(out));
    }

    /** Weights drawn by {@code init} with fan-in {@code in} (e.g. He: std √(2/in)), bias zero. */
    public Affine(int in, int out, WeightInit init, Random random) {
        this(init.sample(random, in, in, out), Tensor.zeros(out));
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() < 2 || x.cols() != in()) {
            throw new IllegalArgumentException("Affine: expected input of shape (N, " + in() + ") or (N, ...) with "
                    + in() + " values per row, got " + x.shapeString());
        }
        this.x = x;
        y = Tensor.reuse(y, x.rows(), out());
        Ops.fillRows(y, b.value()); // y = b on every row,
        Ops.multAdd(x, w.value(), y); // then y += x·W
        return y;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Shapes.requireForward("Affine", x);
        Shapes.requireMatrix("Affine", "output gradient", x.rows(), out(), dout);
        Ops.multTransA(x, dout, w.grad()); // dW = xᵀ·dout
        Ops.sumCols(dout, b.grad()); // db = Σ_rows dout
        if (!inputGradientNeeded) {
            return null;
        }
        dx = Tensor.reuse(dx, x);
        Ops.multTransB(dout, w.value(), dx); // dx = dout·Wᵀ
        return dx;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(w, b);
    }

    @Override
    public void setInputGradientNeeded(boolean needed) {
        this.inputGradientNeeded = needed;
    }

    public Parameter weights() {
        return w;
    }

    public Parameter bias() {
        return b;
    }

    private int in() {
        return w.value().dim(0);
    }

    private int out() {
        return w.value().dim(1);
    }
}
