package org.bricknet.core.io;

import java.util.List;

/**
 * A source of brick types, found by {@link java.util.ServiceLoader}: a module lists its
 * implementation in {@code META-INF/services/org.bricknet.core.io.BrickTypeProvider}, and every
 * type it gives is known to {@link BrickRegistry#standard()} (bricknet's {@code layers} and
 * {@code losses} register theirs this way, and so can a jar of a user's own bricks).
 */
public interface BrickTypeProvider {
    /** The brick types this module makes. */
    List<BrickType<?>> brickTypes();
}
