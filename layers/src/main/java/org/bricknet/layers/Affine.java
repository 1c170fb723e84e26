package org.bricknet.layers;

import java.util.List;
import java.util.Random;
import org.bricknet.core.Blas;
import org.bricknet.core.Layer;
import org.bricknet.core.Parameter;
import org.bricknet.core.Shapes;
import org.bricknet.core.Tensor;

/**
 * The fully connected layer of the book: {@code y = x·W + b}, with {@code W} shaped
 * {@code (in, out)} and {@code b} shaped {@code (out)}. An input of more than two axes
 * ({@code N x C x H x W}) is flattened to {@code N x (C·H·W)} and its gradient given back in the
 * input's shape.
 *
 * <p>Backward: {@code dW = xᵀ·dout}, {@code db = Σ_rows dout}, {@code dx = dout·Wᵀ} (skipped when
 * the input gradient is not needed).
 */
public final class Affine implements Layer {
    private final Parameter w;
    private final Parameter b;
    private final int in;
    private final int out;
    private boolean inputGradientNeeded = true;
    private Tensor x;
    private Tensor y;
    private Tensor dx;

    /** A layer over the given weights {@code (in, out)} and bias {@code (out)}; not copied. */
    public Affine(Tensor weights, Tensor bias) {
        if (weights.rank() != 2) {
            throw new IllegalArgumentException("Affine: expected weights of shape (in, out), got "
                    + weights.shapeString());
        }
        this.in = weights.dim(0);
        this.out = weights.dim(1);
        Shapes.requireShape("Affine", "bias", new int[] {out}, bias);
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
        if (x.rank() < 2 || x.cols() != in) {
            throw new IllegalArgumentException("Affine: expected input of shape (N, " + in
                    + ") or (N, ...) with " + in + " values per row, got " + x.shapeString());
        }
        this.x = x;
        int n = x.rows();
        y = Tensor.reuse(y, n, out);
        double[] yd = y.data();
        double[] bd = b.value().data();
        for (int i = 0; i < n; i++) {
            System.arraycopy(bd, 0, yd, i * out, out);
        }
        Blas.gemm(false, false, n, out, in, 1.0, x.data(), 0, w.value().data(), 0, 1.0, yd, 0);
        return y;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Shapes.requireForward("Affine", x);
        int n = x.rows();
        Shapes.requireMatrix("Affine", "output gradient", n, out, dout);
        double[] d = dout.data();
        Blas.gemm(true, false, in, out, n, 1.0, x.data(), 0, d, 0, 0.0, w.grad().data(), 0);
        double[] db = b.grad().data();
        java.util.Arrays.fill(db, 0);
        for (int i = 0; i < n; i++) {
            int row = i * out;
            for (int j = 0; j < out; j++) {
                db[j] += d[row + j];
            }
        }
        if (!inputGradientNeeded) {
            return null;
        }
        dx = Tensor.reuse(dx, x);
        Blas.gemm(false, true, n, in, out, 1.0, d, 0, w.value().data(), 0, 0.0, dx.data(), 0);
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
}
