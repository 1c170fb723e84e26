package org.bricknet.layers;

import java.util.List;
import java.util.Random;
import org.bricknet.core.Layer;
import org.bricknet.core.Parameter;
import org.bricknet.core.Shapes;
import org.bricknet.core.Tensor;
import org.bricknet.core.engine.Ops;
import org.bricknet.core.engine.Patches;

/**
 * 2-D convolution (cross-correlation, as in the book and every framework) on {@code N x C x H x W}
 * input: {@code y[n, f, oy, ox] = b[f] + Σ_{c,i,j} W[f, c, i, j]·x[n, c, oy·s − p + i, ox·s − p + j]}
 * with zero padding {@code p} and stride {@code s}.
 *
 * <p>Per image, with {@code col = im2col(x[n])} ({@code C·KH·KW x OH·OW}) and {@code W} viewed as
 * {@code FN x C·KH·KW}: forward {@code y[n] = W·col + b}; backward
 * {@code dW = Σ_n dout[n]·col[n]ᵀ}, {@code db[f] = Σ_{n,oy,ox} dout[n, f]},
 * {@code dx[n] = col2im(Wᵀ·dout[n])} (skipped when the input gradient is not needed). The engine
 * runs these image by image ({@link Ops#convolve}, {@link Ops#convolveBackward}).
 *
 * <p>Shape: input {@code (N, C, H, W)}; output {@code (N, FN, OH, OW)} with sizes as in
 * {@link Im2Col}; parameters {@code W (FN, C, KH, KW)} and {@code b (FN,)}.
 */
public final class Convolution implements Layer {
    private Parameter w;
    private Parameter b;
    private final int filters;
    private int channels;
    private final WeightInit init;
    private final int kh;
    private final int kw;
    private final int stride;
    private final int pad;
    private boolean inputGradientNeeded = true;
    private Tensor x;
    private Patches g;
    private Tensor y;
    private Tensor dx;

    /** A layer over the given weights {@code (FN, C, KH, KW)} and bias {@code (FN)}; not copied. */
    public Convolution(Tensor weights, Tensor bias, int stride, int pad) {
        if (weights.rank() != 4) {
            throw new IllegalArgumentException(
                    "Convolution: expected weights of shape (FN, C, KH, KW), got " + weights.shapeString());
        }
        this.filters = weights.dim(0);
        this.channels = weights.dim(1);
        this.kh = weights.dim(2);
        this.kw = weights.dim(3);
        this.stride = stride;
        this.pad = pad;
        Im2Col.requireKernel("Convolution", kh, kw, stride, pad);
        Shapes.requireShape("Convolution", "bias", new int[] {filters}, bias);
        this.w = new Parameter("W", weights);
        this.b = new Parameter("b", bias);
        this.init = null;
    }

    /**
     * {@code filters} filters of {@code kh x kw}, the number of channels left to the
     * {@link org.bricknet.core.Graph} that holds the layer: drawn by {@code init} when it is built.
     */
    public Convolution(int filters, int kh, int kw, int stride, int pad, WeightInit init) {
        Im2Col.requireKernel("Convolution", kh, kw, stride, pad);
        if (filters < 1) {
            throw new IllegalArgumentException("Convolution: expected at least one filter, got " + filters);
        }
        this.filters = filters;
        this.kh = kh;
        this.kw = kw;
        this.stride = stride;
        this.pad = pad;
        this.init = java.util.Objects.requireNonNull(init, "Convolution: expected a weight initialisation, got null");
    }

    /** {@code filters} filters of {@code channels x kh x kw} drawn by {@code init} (fan-in C·KH·KW), bias zero. */
    public Convolution(int filters, int channels, int kh, int kw, int stride, int pad, WeightInit init, Random random) {
        this(init.sample(random, channels * kh * kw, filters, channels, kh, kw), Tensor.zeros(filters), stride, pad);
    }

    /** As above with a fixed standard deviation (the book's {@code weight_init_std = 0.01}). */
    public Convolution(int filters, int channels, int kh, int kw, int stride, int pad, double std, Random random) {
        this(filters, channels, kh, kw, stride, pad, WeightInit.gaussian(std), random);
    }

    /** Draws the filters of a {@code Convolution(filters, kh, kw, stride, pad, init)} for its input's channels. */
    @Override
    public void build(int[][] inputShapes, Random random) {
        if (w != null) {
            return;
        }
        if (inputShapes == null) {
            throw new IllegalStateException(
                    "Convolution(" + filters + ") needs the shape of its input to create its filters");
        }
        if (random == null) {
            throw new IllegalStateException("Convolution(" + filters + ") needs a Random to draw its filters; build"
                    + " the graph with build(random)");
        }
        if (inputShapes[0].length != 3) {
            throw new IllegalArgumentException(
                    "Convolution expects examples of shape (C, H, W), got " + Tensor.shapeString(inputShapes[0]));
        }
        this.channels = inputShapes[0][0];
        this.w = new Parameter("W", init.sample(random, channels * kh * kw, filters, channels, kh, kw));
        this.b = new Parameter("b", Tensor.zeros(filters));
    }

    /** {@code (FN, OH, OW)} for examples of {@code (C, H, W)}. */
    @Override
    public int[][] outputShapes(int[][] inputShapes) {
        int[] in = inputShapes[0];
        if (in.length != 3 || (w != null && in[0] != channels)) {
            throw new IllegalArgumentException("Convolution expects examples of shape (" + (w == null ? "C" : channels)
                    + ", H, W), got " + Tensor.shapeString(in));
        }
        if (in[1] + 2 * pad < kh || in[2] + 2 * pad < kw) {
            throw new IllegalArgumentException("Convolution's kernel " + kh + "x" + kw + " is larger than the padded"
                    + " input " + (in[1] + 2 * pad) + "x" + (in[2] + 2 * pad));
        }
        return new int[][] {{filters, (in[1] + 2 * pad - kh) / stride + 1, (in[2] + 2 * pad - kw) / stride + 1}};
    }

    @Override
    public Tensor forward(Tensor x) {
        requireBuilt();
        Patches geo = Im2Col.geometry("Convolution", x, channels, kh, kw, stride, pad);
        y = Tensor.reuse(y, x.dim(0), filters, geo.oh(), geo.ow());
        Ops.convolve(x, w.value(), b.value(), stride, pad, y); // y[n] = W·im2col(x[n]) + b
        this.x = x;
        this.g = geo;
        return y;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Shapes.requireForward("Convolution", x);
        int n = x.dim(0);
        Shapes.requireShape("Convolution", "output gradient", new int[] {n, filters, g.oh(), g.ow()}, dout);
        dx = inputGradientNeeded ? Tensor.reuse(dx, x) : null;
        // dW = Σ_n dout[n]·col[n]ᵀ, db = Σ dout over images and positions, dx[n] = col2im(Wᵀ·dout[n])
        Ops.convolveBackward(x, w.value(), dout, stride, pad, w.grad(), b.grad(), dx);
        return dx;
    }

    @Override
    public List<Parameter> parameters() {
        return w == null ? List.of() : List.of(w, b);
    }

    private void requireBuilt() {
        if (w == null) {
            throw new IllegalStateException(
                    "Convolution(" + filters + "): its filters are created when a graph" + " holding it is built");
        }
    }

    @Override
    public void setInputGradientNeeded(boolean needed) {
        this.inputGradientNeeded = needed;
    }

    boolean inputGradientNeeded() {
        return inputGradientNeeded;
    }

    /**
     * Followed by a {@link Relu} and a {@link MaxPooling}: the three as one pass of the engine
     * ({@link ConvolutionReluPooling}), the same bits with the convolution's output kept in the cache.
     */
    @Override
    public Layer fusedWith(Layer next, Layer afterNext) {
        return next instanceof Relu && afterNext instanceof MaxPooling pool
                ? new ConvolutionReluPooling(this, pool)
                : null;
    }

    public Parameter weights() {
        requireBuilt();
        return w;
    }

    public Parameter bias() {
        requireBuilt();
        return b;
    }

    /** The number of filters (output channels). */
    public int filters() {
        return filters;
    }

    public int kernelHeight() {
        return kh;
    }

    public int kernelWidth() {
        return kw;
    }

    public int stride() {
        return stride;
    }

    public int pad() {
        return pad;
    }

    /** How the filters of a lazily built convolution are drawn; null for one built over given filters. */
    public WeightInit init() {
        return init;
    }

    /** {@code Convolution(30 filters 5x5, stride 1, pad 0)}. */
    @Override
    public String toString() {
        return "Convolution(" + filters + " filters " + kh + "x" + kw + ", stride " + stride + ", pad " + pad + ")";
    }
}
