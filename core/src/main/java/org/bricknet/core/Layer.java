package org.bricknet.core;

import java.util.List;
import java.util.Map;

/**
 * A brick: a forward pass that caches what it needs and a backward pass that returns the gradient
 * with respect to its input and stores the gradients of its own parameters in their
 * {@link Parameter#grad()}.
 *
 * <p>Buffers: the tensors that {@code forward} and {@code backward} return belong to the layer,
 * which may reuse them for its next call with the same batch size (that is how training avoids
 * allocating per mini-batch). They stay valid until the layer's next {@code forward} or
 * {@code backward}; copy one ({@link Tensor#copy()}) to keep it. {@link Network} copies whatever
 * it hands to its callers.
 *
 * <p>Shapes are checked where they enter: a wrong input shape is an
 * {@link IllegalArgumentException} naming the layer, the expected and the actual shape.
 */
public interface Layer {

    /** Computes the output for a mini-batch {@code x} (batch first) and caches what backward needs. */
    Tensor forward(Tensor x);

    /**
     * Given dL/d(output) of the last {@link #forward}, stores the parameter gradients and returns
     * dL/d(input). When {@link #setInputGradientNeeded} was set to false, a layer may skip the
     * input gradient and return {@code null}.
     */
    Tensor backward(Tensor dout);

    /** This layer's parameters, in a fixed order; empty for a layer without any. */
    default List<Parameter> parameters() {
        return List.of();
    }

    /**
     * State that is learned but not by gradients, such as BatchNormalization's running mean and
     * variance: saved and loaded with the parameters, never touched by optimizers. In a fixed order,
     * named like parameters; empty for most layers.
     */
    default Map<String, Tensor> buffers() {
        return Map.of();
    }

    /** Switches between training and evaluation behaviour (Dropout, BatchNormalization). */
    default void setTraining(boolean training) {}

    /**
     * Whether forward draws random numbers (Dropout does in training). A gradient check of such a
     * layer holds its draw fixed with {@link #holdRandomDraw}.
     */
    default boolean isStochastic() {
        return false;
    }

    /**
     * While {@code hold} is true, forward reuses its last random draw (Dropout's mask) instead of
     * drawing a new one, so that repeated evaluations of one check see the same function.
     */
    default void holdRandomDraw(boolean hold) {}

    /**
     * Restarts the layer's random draws from {@code seed} (a stochastic layer only; others ignore
     * it). A trainer calls it at the start of each epoch with a seed derived from its own, so that
     * a run resumed from a checkpoint draws the same masks as an uninterrupted one.
     */
    default void reseed(long seed) {}

    /**
     * Tells the layer whether callers need dL/d(input) from {@link #backward}. {@code Network}
     * turns it off for its first layer, whose input gradient nobody uses in training.
     */
    default void setInputGradientNeeded(boolean needed) {}
}
