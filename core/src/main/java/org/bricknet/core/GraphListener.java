package org.bricknet.core;

/**
 * Watches a {@link Graph} run: called after each node's forward with its inputs and outputs, and
 * after each node's backward with the gradients of its outputs and of its inputs (an input gradient
 * may be null where nobody needs it). The tensors belong to the graph and its bricks: read them, or
 * copy them to keep them; never change them. A graph with a listener calls every brick through
 * {@link Brick#forward(Tensor...)}, which costs one small array per node and call.
 */
public interface GraphListener {
    /** After node {@code name}'s forward. */
    default void forward(String name, Brick brick, Tensor[] inputs, Tensor[] outputs) {}

    /** After node {@code name}'s backward. */
    default void backward(String name, Brick brick, Tensor[] outputGradients, Tensor[] inputGradients) {}
}
