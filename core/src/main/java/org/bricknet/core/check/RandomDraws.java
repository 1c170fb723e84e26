package org.bricknet.core.check;

import java.util.ArrayList;
import java.util.List;
import org.bricknet.core.Brick;

/**
 * Holds the random draw of every brick that declares {@link Brick#isStochastic()} (Dropout's mask)
 * for the span of a try-with-resources block, and releases it on close, even on an exception.
 *
 * <p>A gradient check compares derivatives of one function; a layer that drew a new mask on every
 * forward would change the function between the evaluations {@code f(x + h)} and {@code f(x − h)}.
 * The caller runs one fresh forward first (the draw to keep), then opens this.
 */
public final class RandomDraws implements AutoCloseable {
    private final List<Brick> held;

    private RandomDraws(List<Brick> held) {
        this.held = held;
    }

    /** Holds the draw of each stochastic layer among {@code layers}; the others are left alone. */
    public static RandomDraws hold(Iterable<? extends Brick> layers) {
        List<Brick> held = new ArrayList<>();
        for (Brick l : layers) {
            if (l != null && l.isStochastic()) {
                l.holdRandomDraw(true);
                held.add(l);
            }
        }
        return new RandomDraws(List.copyOf(held));
    }

    /** The bricks whose draw is held. */
    public List<Brick> bricks() {
        return held;
    }

    /** Releases every held draw. */
    @Override
    public void close() {
        for (Brick l : held) {
            l.holdRandomDraw(false);
        }
    }
}
