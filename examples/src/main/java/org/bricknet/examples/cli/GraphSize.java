package org.bricknet.examples.cli;

import org.bricknet.core.data.Memory;
import org.bricknet.core.io.Architecture;

/**
 * What a network of an architecture will hold, estimated before it is built, as {@link ModelSize}
 * counts it for the built-in models: its parameters and buffers, exactly ({@link
 * org.bricknet.core.io.Architecture#stateShapes()}), and per example of a batch a multiple of the
 * values at its inputs and node outputs ({@link org.bricknet.core.io.Architecture#exampleValues()}),
 * since the bricks' caches are their own: a forward pass keeps each output and caches of about as
 * much (a convolution's unrolled patches, batch norm's normalised input, dropout's mask), a backward
 * pass a gradient of about each again. {@link #require} asks {@link Memory} for it, so that a graph
 * of huge maps is refused with the size needed instead of ending in an {@code OutOfMemoryError}.
 */
final class GraphSize {
    /** Values kept per output value in scoring: the output, and caches of about as much. */
    static final int EVALUATION_FACTOR = 2;

    /** Values kept per output value in training: the output, its caches and its gradient. */
    static final int TRAINING_FACTOR = 3;

    private GraphSize() {}

    /** All parameter and buffer values. */
    static long parameters(Architecture a) {
        return a.stateShapes().values().stream().mapToLong(GraphSize::values).sum();
    }

    /**
     * Refuses a run whose network, with {@code optimizerSlots} values of optimizer state per
     * parameter, and whose layers at {@code batch} examples at a time in training and
     * {@code evaluationRows} in scoring, would not fit the heap; {@code scoredSets} data sets are
     * scored, each gathering its chunks into a buffer of its own. {@code what} says what the run is.
     */
    static void require(
            GraphModel g, long batch, long evaluationRows, int scoredSets, int optimizerSlots, String what) {
        require(g.architecture(), batch, evaluationRows, scoredSets, optimizerSlots, what);
    }

    /** {@link #require(GraphModel, long, long, int, int, String)} for any architecture. */
    static void require(
            Architecture a, long batch, long evaluationRows, int scoredSets, int optimizerSlots, String what) {
        long perExample = a.exampleValues();
        long inputValues =
                a.inputs().values().stream().mapToLong(GraphSize::values).sum();
        // value and gradient, the optimizer's slots and the copies a checkpoint makes of them
        double values = parameters(a) * (2.0 + 2.0 * optimizerSlots)
                + (double) batch * TRAINING_FACTOR * perExample
                + (double) evaluationRows
                        * (EVALUATION_FACTOR * (double) perExample
                                + (double) Math.max(0, scoredSets - 1) * inputValues);
        long bytes = values * 8 > Long.MAX_VALUE / 2 ? Long.MAX_VALUE / 2 : (long) (values * 8);
        Memory.require(bytes, what);
    }

    private static long values(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }
}
