package org.bricknet.core.check;

import java.util.ArrayList;
import java.util.List;
import org.bricknet.core.Layer;

/**
 * Holds the random draw of every layer that declares {@link Layer#isStochastic()} (Dropout's mask)
 * for the span of a try-with-resources block, and releases it on close, even on an exception.
 *
 * <p>A gradient check compares derivatives of one function; a layer that drew a new mask on every
 * forward would change the function between the evaluations {@code f(x + h)} and {@code f(x − h)}.
 * The caller runs one fresh forward first (the draw to keep), then opens this.
 */
public final class RandomDraws implements AutoCloseable {
    private final List<Layer> held;

    private RandomDraws(List<Layer> held) {
        this.held = held;
    }

    /** Holds the draw of each stochastic layer among {@code layers}; the others are left alone. */
    public static RandomDraws hold(Iterable<? extends Layer> layers) {
        List<Layer> held = new ArrayList<>();
        for (Layer l : layers) {
            if (l != null && l.isStochastic()) {
                l.holdRandomDraw(true);
                held.add(l);
            }
        }
        return new RandomDraws(List.copyOf(held));
    }

    /** The layers whose draw is held. */
    public List<Layer> layers() {
        return held;
    }

    /** Releases every held draw. */
    @Override
    public void close() {
        for (Layer l : held) {
            l.holdRandomDraw(false);
        }
    }
}
