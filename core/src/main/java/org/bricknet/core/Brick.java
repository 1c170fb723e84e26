package org.bricknet.core;

import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A brick of a network: a forward pass from one or more input tensors to one or more output tensors
 * that caches what it needs, and a backward pass that takes one gradient per output, stores the
 * gradients of the brick's own parameters in their {@link Parameter#grad()}, and returns one
 * gradient per input. Most bricks take one input and give one output: they implement {@link Layer},
 * which is written exactly like the book's layers ({@code forward(x)}, {@code backward(dout)}).
 * Bricks that join or part tensors ({@code Add}, {@code Concat}, {@code Split}, {@code Multiply})
 * implement this interface directly. A {@link Graph} wires bricks by name.
 *
 * <p>Buffers: the tensors that {@code forward} and {@code backward} return belong to the brick,
 * which may reuse them for its next call with the same batch size (that is how training avoids
 * allocating per mini-batch). They stay valid until the brick's next {@code forward} or
 * {@code backward}; copy one ({@link Tensor#copy()}) to keep it. {@link Graph} and {@link Network}
 * copy whatever they hand to their callers.
 *
 * <p>Shapes are checked where they enter: a wrong input shape is an
 * {@link IllegalArgumentException} naming the brick, the expected and the actual shape.
 */
public interface Brick {

    /** Computes the outputs for a mini-batch of inputs (batch first) and caches what backward needs. */
    Tensor[] forward(Tensor... inputs);

    /**
     * Given dL/d(output) for every output of the last {@link #forward}, stores the parameter
     * gradients and returns dL/d(input) for every input. When {@link #setInputGradientNeeded} was
     * set to false, the input gradients may be skipped ({@code null}).
     */
    Tensor[] backward(Tensor... outputGradients);

    /** How many inputs the brick takes: a fixed number, or {@link #ANY} (at least one). */
    default int inputCount() {
        return 1;
    }

    /** How many outputs the brick gives. */
    default int outputCount() {
        return 1;
    }

    /** {@link #inputCount()} of a brick that takes any number of inputs, at least one. */
    int ANY = -1;

    /**
     * The shape of one example of each output (the batch axis left out) for inputs whose examples
     * have {@code inputShapes}; throws an {@link IllegalArgumentException} naming what does not fit.
     * Returns {@code null} when the brick does not say, and a {@link Graph} then learns the shapes
     * from one forward pass of a single example of zeros (in evaluation mode).
     */
    default int[][] outputShapes(int[][] inputShapes) {
        return null;
    }

    /**
     * Creates the brick's parameters once the shapes of its inputs are known, drawing initial
     * values from {@code random}: a brick built without its input size ({@code new Affine(100)})
     * learns it here, from the {@link Graph} that holds it. A brick that has its parameters already
     * only checks that they fit. Called by {@link Graph} before any other use.
     */
    default void build(int[][] inputShapes, Random random) {}

    /** This brick's parameters, in a fixed order; empty for a brick without any. */
    default List<Parameter> parameters() {
        return List.of();
    }

    /**
     * State that is learned but not by gradients, such as BatchNormalization's running mean and
     * variance: saved and loaded with the parameters, never touched by optimizers. In a fixed order,
     * named like parameters; empty for most bricks.
     */
    default Map<String, Tensor> buffers() {
        return Map.of();
    }

    /** Switches between training and evaluation behaviour (Dropout, BatchNormalization). */
    default void setTraining(boolean training) {}

    /**
     * Whether forward draws random numbers (Dropout does in training). A gradient check of such a
     * brick holds its draw fixed with {@link #holdRandomDraw}.
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
     * Restarts the brick's random draws from {@code seed} (a stochastic brick only; others ignore
     * it). A trainer calls it at the start of each epoch with a seed derived from its own, so that
     * a run resumed from a checkpoint draws the same masks as an uninterrupted one.
     */
    default void reseed(long seed) {}

    /**
     * The brick's type as a graph's messages and summary name it ({@code Affine 'fc1' takes ...}):
     * by default the class's simple name (its full name for an anonymous class). A brick that
     * stands in for another kind of brick says which.
     */
    default String typeName() {
        String simple = getClass().getSimpleName();
        return simple.isEmpty() ? getClass().getName() : simple;
    }

    /**
     * Tells the brick whether callers need dL/d(input) from backward. A {@link Graph} turns it off
     * for bricks whose inputs are all the graph's own inputs, whose gradient nobody uses in training.
     */
    default void setInputGradientNeeded(boolean needed) {}
}
