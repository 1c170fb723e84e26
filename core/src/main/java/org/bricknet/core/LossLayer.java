package org.bricknet.core;

/**
 * The last brick of a network: scores and targets in, a scalar loss out. {@link #backward} then
 * returns dL/d(scores); its {@code dout} is the upstream scale, normally a tensor holding 1.
 */
public interface LossLayer extends Layer {

    /** The forward pass with targets: the loss of {@code scores} against {@code targets}. */
    double loss(Tensor scores, Tensor targets);

    /** dL/d(scores) of the last {@link #loss} call. */
    default Tensor backward() {
        return backward(Tensor.vector(1.0));
    }

    /** A loss layer's forward without targets is its output transformation (e.g. softmax). */
    @Override
    Tensor forward(Tensor scores);
}
