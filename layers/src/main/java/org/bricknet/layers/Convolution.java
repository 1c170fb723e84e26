package org.bricknet.layers;

import java.util.List;
import java.util.Random;
import org.bricknet.core.Layer;
import org.bricknet.core.Parameter;
import org.bricknet.core.Shapes;
import org.bricknet.core.Tensor;
import org.bricknet.core.engine.Block;
import org.bricknet.core.engine.Ops;

/**
 * 2-D convolution (cross-correlation, as in the book and every framework) on {@code N x C x H x W}
 * input: {@code y[n, f, oy, ox] = b[f] + Σ_{c,i,j} W[f, c, i, j]·x[n, c, oy·s − p + i, ox·s − p + j]}
 * with zero padding {@code p} and stride {@code s}.
 *
 * <p>Per image, with {@code col = im2col(x[n])} ({@code C·KH·KW x OH·OW}) and {@code W} viewed as
 * {@code FN x C·KH·KW}: forward {@code y[n] = W·col + b}; backward
 * {@code dW = Σ_n dout[n]·col[n]ᵀ}, {@code db[f] = Σ_{n,oy,ox} dout[n, f]},
 * {@code dx[n] = col2im(Wᵀ·dout[n])} (skipped when the input gradient is not needed).
 *
 * <p>Shape: input {@code (N, C, H, W)}; output {@code (N, FN, OH, OW)} with sizes as in
 * {@link Im2Col}; parameters {@code W (FN, C, KH, KW)} and {@code b (FN,)}.
 */
public final class Convolution implements Layer {
    private final Parameter w;
    private final Parameter b;
    private final int filters;
    private final int channels;
    private final int kh;
    private final int kw;
    private final int stride;
    private final int pad;
    private boolean inputGradientNeeded = true;
    private Tensor x;
    private Im2Col.Geometry g;
    private double[] col = new double[0];
    private double[] dcol = new double[0];
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
    }

    /** {@code filters} filters of {@code channels x kh x kw} drawn by {@code init} (fan-in C·KH·KW), bias zero. */
    public Convolution(int filters, int channels, int kh, int kw, int stride, int pad, WeightInit init, Random random) {
        this(init.sample(random, channels * kh * kw, filters, channels, kh, kw), Tensor.zeros(filters), stride, pad);
    }

    /** As above with a fixed standard deviation (the book's {@code weight_init_std = 0.01}). */
    public Convolution(int filters, int channels, int kh, int kw, int stride, int pad, double std, Random random) {
        this(filters, channels, kh, kw, stride, pad, WeightInit.gaussian(std), random);
    }

    @Override
    public Tensor forward(Tensor x) {
        Im2Col.Geometry geo = Im2Col.geometry("Convolution", x, channels, kh, kw, stride, pad);
        int n = x.dim(0);
        int k = geo.patchSize();
        int ohw = geo.outputSize();
        if (col.length != n * k * ohw) {
            col = new double[n * k * ohw];
        }
        y = Tensor.reuse(y, n, filters, geo.oh(), geo.ow());
        double[] yd = y.data();
        double[] bd = b.value().data();
        for (int i = 0; i < n; i++) {
            Im2Col.im2col(geo, x.data(), i * geo.imageSize(), col, i * k * ohw);
            int yOff = i * filters * ohw;
            for (int f = 0; f < filters; f++) {
                java.util.Arrays.fill(yd, yOff + f * ohw, yOff + (f + 1) * ohw, bd[f]);
            }
            Ops.multAdd(filterMatrix(), Block.of(col, i * k * ohw, k, ohw), Block.of(yd, yOff, filters, ohw));
        }
        this.x = x;
        this.g = geo;
        return y;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Shapes.requireForward("Convolution", x);
        int n = x.dim(0);
        Shapes.requireShape("Convolution", "output gradient", new int[] {n, filters, g.oh(), g.ow()}, dout);
        int k = g.patchSize();
        int ohw = g.outputSize();
        double[] d = dout.data();
        double[] db = b.grad().data();
        java.util.Arrays.fill(db, 0.0);
        for (int i = 0; i < n; i++) {
            int dOff = i * filters * ohw;
            Block dW = Block.of(w.grad().data(), 0, filters, k);
            Block doutI = Block.of(d, dOff, filters, ohw);
            Block colI = Block.of(col, i * k * ohw, k, ohw);
            if (i == 0) {
                Ops.multTransB(doutI, colI, dW); // dW = dout[0]·col[0]ᵀ
            } else {
                Ops.multAddTransB(doutI, colI, dW); // dW += dout[i]·col[i]ᵀ
            }
            for (int f = 0; f < filters; f++) {
                double s = 0;
                for (int p = dOff + f * ohw, end = p + ohw; p < end; p++) {
                    s += d[p];
                }
                db[f] += s;
            }
        }
        if (!inputGradientNeeded) {
            return null;
        }
        dx = Tensor.reuse(dx, x).fill(0.0);
        if (dcol.length != k * ohw) {
            dcol = new double[k * ohw];
        }
        for (int i = 0; i < n; i++) {
            Ops.multTransA(filterMatrix(), Block.of(d, i * filters * ohw, filters, ohw), Block.of(dcol, 0, k, ohw));
            Im2Col.col2im(g, dcol, 0, dx.data(), i * g.imageSize());
        }
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

    /** The filters as one {@code FN x C·KH·KW} matrix. */
    private Block filterMatrix() {
        return Block.of(w.value().data(), 0, filters, channels * kh * kw);
    }

    public Parameter weights() {
        return w;
    }

    public Parameter bias() {
        return b;
    }
}
