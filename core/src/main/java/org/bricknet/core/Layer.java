package org.bricknet.core;

/**
 * A brick with one input and one output, written as the book writes its layers: {@code forward(x)}
 * computes the output and caches what backward needs; {@code backward(dout)} returns the gradient
 * with respect to the input and stores the gradients of the layer's own parameters in their
 * {@link Parameter#grad()}. Everything else a brick may do (parameters, buffers, training mode,
 * random draws, shapes) is described at {@link Brick}.
 */
public interface Layer extends Brick {

    /** Computes the output for a mini-batch {@code x} (batch first) and caches what backward needs. */
    Tensor forward(Tensor x);

    /**
     * Given dL/d(output) of the last {@link #forward}, stores the parameter gradients and returns
     * dL/d(input). When {@link #setInputGradientNeeded} was set to false, a layer may skip the
     * input gradient and return {@code null}.
     */
    Tensor backward(Tensor dout);

    /**
     * A layer that does the work of this layer, {@code next} and {@code afterNext} in a chain at once,
     * with the same bits, or null (the default): a {@link Graph} runs it in their place when nothing
     * looks at the values between them (no {@link GraphListener}, and no other use of those values).
     * Its parameters are theirs; the three layers' own caches are left as they were.
     */
    default Layer fusedWith(Layer next, Layer afterNext) {
        return null;
    }

    /** {@link #forward(Tensor)} of the one input, as the one output. */
    @Override
    default Tensor[] forward(Tensor... inputs) {
        return new Tensor[] {forward(Layers.one(this, "input", inputs))};
    }

    /** {@link #backward(Tensor)} of the one output gradient, as the one input gradient. */
    @Override
    default Tensor[] backward(Tensor... outputGradients) {
        return new Tensor[] {backward(Layers.one(this, "output gradient", outputGradients))};
    }
}
