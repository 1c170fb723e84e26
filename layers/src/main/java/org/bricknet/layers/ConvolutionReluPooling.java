package org.bricknet.layers;

import java.util.List;
import org.bricknet.core.Layer;
import org.bricknet.core.Parameter;
import org.bricknet.core.Shapes;
import org.bricknet.core.Tensor;
import org.bricknet.core.engine.Ops;
import org.bricknet.core.engine.Patches;

/**
 * What a graph runs in place of a {@link Convolution}, a {@link Relu} and a {@link MaxPooling} in a
 * row when nothing looks at the values between them ({@link Convolution#fusedWith}): the engine's
 * {@link Ops#convolveRectifyPool}, image by image, so that the convolution's output (in
 * SimpleConvNet 138 kB an image, 14 MB a mini-batch of 100) and its gradient stay in the core's
 * cache instead of going to memory and back four times. The outputs and gradients are the three
 * layers' to the bit. The parameters are the convolution's.
 */
final class ConvolutionReluPooling implements Layer {
    private static final String NAME = "Convolution + Relu + MaxPooling";
    private final Convolution conv;
    private final MaxPooling pool;
    private Tensor x;
    private Patches window;
    private Tensor y;
    private int[] argmax = new int[0];
    private Tensor dx;

    ConvolutionReluPooling(Convolution conv, MaxPooling pool) {
        this.conv = conv;
        this.pool = pool;
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor w = conv.weights().value();
        Patches geo = Im2Col.geometry("Convolution", x, w.dim(1), w.dim(2), w.dim(3), conv.stride(), conv.pad());
        int[] convolved = {x.dim(0), w.dim(0), geo.oh(), geo.ow()};
        Patches win = Im2Col.geometry(
                "MaxPooling", convolved, 0, pool.windowHeight(), pool.windowWidth(), pool.stride(), pool.pad());
        y = Tensor.reuse(y, x.dim(0), w.dim(0), win.oh(), win.ow());
        if (argmax.length != y.size()) {
            argmax = new int[y.size()];
        }
        Ops.convolveRectifyPool(x, w, conv.bias().value(), conv.stride(), conv.pad(), win, y, argmax);
        this.x = x;
        this.window = win;
        return y;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Shapes.requireForward(NAME, x);
        Shapes.requireShape(NAME, "output gradient", y.shape(), dout);
        dx = conv.inputGradientNeeded() ? Tensor.reuse(dx, x) : null;
        Parameter w = conv.weights();
        Parameter b = conv.bias();
        Ops.convolveRectifyPoolBackward(
                x, w.value(), y, argmax, dout, conv.stride(), conv.pad(), window, w.grad(), b.grad(), dx);
        return dx;
    }

    @Override
    public List<Parameter> parameters() {
        return conv.parameters();
    }

    /** {@code Convolution(30 filters 5x5, stride 1, pad 0) + Relu + MaxPooling(2x2, stride 2, pad 0)}. */
    @Override
    public String toString() {
        return conv + " + Relu + " + pool;
    }
}
