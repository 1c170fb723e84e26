package org.bricknet.core.data;

/**
 * A need for memory that the Java heap cannot meet, refused before anything was allocated (see
 * {@link Memory#require}). Its message names what needed it, how much, how much was free, and
 * the {@code -Xmx} to run with.
 */
public final class NotEnoughMemoryException extends RuntimeException {
    private final long needed;
    private final long free;

    NotEnoughMemoryException(String what, long needed, long free, long max, String suggestion) {
        super(what + " needs " + Memory.size(needed) + " of memory; the Java heap can give "
                + Memory.size(Math.max(0, free)) + " of its " + Memory.size(max)
                + (suggestion.startsWith("-Xmx") ? "; run java with " : "; it needs ")
                + suggestion);
        this.needed = needed;
        this.free = free;
    }

    /** The bytes that were asked for. */
    public long needed() {
        return needed;
    }

    /** The bytes the heap could give when it refused: what was free, less the collector's reserve. */
    public long free() {
        return free;
    }
}
