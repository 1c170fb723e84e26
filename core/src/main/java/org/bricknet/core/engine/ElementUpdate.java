package org.bricknet.core.engine;

/**
 * An element-wise update of a parameter, over the elements {@code [from, to)}: each element's new
 * value may depend on that element alone (of the value, its gradient and any per-element state),
 * so that {@link Ops#updateElements} may run two ranges at once.
 */
@FunctionalInterface
public interface ElementUpdate {
    /** Updates elements {@code [from, to)}. */
    void apply(int from, int to);
}
