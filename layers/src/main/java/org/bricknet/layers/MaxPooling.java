package org.bricknet.layers;

import org.bricknet.core.Layer;
import org.bricknet.core.Shapes;
import org.bricknet.core.Tensor;
import org.bricknet.core.engine.Ops;
import org.bricknet.core.engine.Patches;

/**
 * Max pooling over {@code PH x PW} windows of each channel of {@code N x C x H x W} input, with
 * stride {@code s} and padding {@code p}: {@code y[n, c, oy, ox] = max_{i,j} x[n, c, oy·s − p + i,
 * ox·s − p + j]}, the maximum taken over the window's cells that lie inside the image (padding is
 * −∞, as in PyTorch, not the 0 that the book's im2col route would compare against); a NaN in a
 * window makes its maximum NaN, as in PyTorch. Sizes as in {@link Im2Col}; {@code p} must be
 * smaller than the window so that every window holds a pixel. The engine runs it
 * ({@link Ops#maxPool}).
 *
 * <p>Backward routes each {@code dout} to the cell that won its window (the first one on ties);
 * cells that win several overlapping windows receive the sum. The maximum has a kink at ties.
 *
 * <p>Shape: input {@code (N, C, H, W)}; output {@code (N, C, OH, OW)}; its gradient the input's
 * shape; no parameters.
 */
public final class MaxPooling implements Layer {
    private final int ph;
    private final int pw;
    private final int stride;
    private final int pad;
    private Tensor x;
    private Patches g;
    private int[] argmax = new int[0];
    private Tensor y;
    private Tensor dx;

    public MaxPooling(int ph, int pw, int stride, int pad) {
        Im2Col.requirePoolingWindow("MaxPooling", ph, pw, stride, pad);
        this.ph = ph;
        this.pw = pw;
        this.stride = stride;
        this.pad = pad;
    }

    @Override
    public Tensor forward(Tensor x) {
        Patches geo = Im2Col.geometry("MaxPooling", x, 0, ph, pw, stride, pad);
        y = Tensor.reuse(y, x.dim(0), geo.channels(), geo.oh(), geo.ow());
        if (argmax.length != y.size()) {
            argmax = new int[y.size()];
        }
        Ops.maxPool(x, geo, y, argmax); // y = the maximum of each window, argmax = where it is
        this.x = x;
        this.g = geo;
        return y;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Shapes.requireForward("MaxPooling", x);
        Shapes.requireShape("MaxPooling", "output gradient", new int[] {x.dim(0), g.channels(), g.oh(), g.ow()}, dout);
        dx = Tensor.reuse(dx, x);
        Ops.maxPoolBackward(dout, argmax, g, dx); // dx[argmax[o]] += dout[o], 0 elsewhere
        return dx;
    }

    public int windowHeight() {
        return ph;
    }

    public int windowWidth() {
        return pw;
    }

    public int stride() {
        return stride;
    }

    public int pad() {
        return pad;
    }

    /** {@code MaxPooling(2x2, stride 2, pad 0)}. */
    @Override
    public String toString() {
        return "MaxPooling(" + ph + "x" + pw + ", stride " + stride + ", pad " + pad + ")";
    }
}
