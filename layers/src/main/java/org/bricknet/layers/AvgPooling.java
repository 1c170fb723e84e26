package org.bricknet.layers;

import org.bricknet.core.Layer;
import org.bricknet.core.Shapes;
import org.bricknet.core.Tensor;
import org.bricknet.core.engine.Patches;

/**
 * Average pooling over {@code PH x PW} windows of each channel of {@code N x C x H x W} input, with
 * stride {@code s} and zero padding {@code p}: {@code y[n, c, oy, ox] = (1/(PH·PW))·Σ_{i,j}
 * x[n, c, oy·s − p + i, ox·s − p + j]}. Padding cells count as zeros in the average (PyTorch's
 * default {@code count_include_pad}), so every window divides by {@code PH·PW}. Sizes as in
 * {@link Im2Col}; {@code p} must be smaller than the window.
 *
 * <p>Backward spreads each {@code dout / (PH·PW)} over the image cells of its window.
 *
 * <p>Shape: input {@code (N, C, H, W)}; output {@code (N, C, OH, OW)}; its gradient the input's
 * shape; no parameters.
 */
public final class AvgPooling implements Layer {
    private final int ph;
    private final int pw;
    private final int stride;
    private final int pad;
    private Tensor x;
    private Patches g;
    private Tensor y;
    private Tensor dx;

    public AvgPooling(int ph, int pw, int stride, int pad) {
        Im2Col.requirePoolingWindow("AvgPooling", ph, pw, stride, pad);
        this.ph = ph;
        this.pw = pw;
        this.stride = stride;
        this.pad = pad;
    }

    @Override
    public Tensor forward(Tensor x) {
        Patches geo = Im2Col.geometry("AvgPooling", x, 0, ph, pw, stride, pad);
        y = Tensor.reuse(y, x.dim(0), geo.channels(), geo.oh(), geo.ow());
        this.x = x;
        this.g = geo;
        pool(x.data(), y.data(), false);
        return y;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Shapes.requireForward("AvgPooling", x);
        Shapes.requireShape("AvgPooling", "output gradient", new int[] {x.dim(0), g.channels(), g.oh(), g.ow()}, dout);
        dx = Tensor.reuse(dx, x).fill(0.0);
        pool(dx.data(), dout.data(), true);
        return dx;
    }

    /** Forward: {@code out[o] = mean of window o of img}; backward: adds {@code out[o]/(PH·PW)} to window o of img. */
    private void pool(double[] img, double[] out, boolean backward) {
        double scale = 1.0 / (ph * pw);
        int planes = x.dim(0) * g.channels();
        int o = 0;
        for (int plane = 0; plane < planes; plane++) {
            int base = plane * g.height() * g.width();
            for (int oy = 0; oy < g.oh(); oy++) {
                int y0 = Math.max(0, oy * stride - pad);
                int y1 = Math.min(g.height(), oy * stride - pad + ph);
                for (int ox = 0; ox < g.ow(); ox++, o++) {
                    int x0 = Math.max(0, ox * stride - pad);
                    int x1 = Math.min(g.width(), ox * stride - pad + pw);
                    double s = 0;
                    double share = out[o] * scale;
                    for (int iy = y0; iy < y1; iy++) {
                        for (int p = base + iy * g.width() + x0, end = p + x1 - x0; p < end; p++) {
                            if (backward) {
                                img[p] += share;
                            } else {
                                s += img[p];
                            }
                        }
                    }
                    if (!backward) {
                        out[o] = s * scale;
                    }
                }
            }
        }
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

    /** {@code AvgPooling(2x2, stride 2, pad 0)}. */
    @Override
    public String toString() {
        return "AvgPooling(" + ph + "x" + pw + ", stride " + stride + ", pad " + pad + ")";
    }
}
