package org.bricknet.core.engine;

import org.bricknet.core.engine.Engine.Work;

/**
 * The time of each kind of {@link Work}, for benchmarks: an operation of {@link Ops} takes
 * {@link #start()} when it begins and gives it back to {@link #stop} with its kind when it ends, on
 * the calling thread (work that ran on the second core meanwhile is inside that time). Off unless
 * {@link Engine#count} turns it on; then {@code start} is one read of a volatile field.
 */
final class Counters {
    /** What {@link #start()} returns while counting is off. */
    static final long OFF = Long.MIN_VALUE;

    private static volatile boolean on;
    private static final long[] NANOS = new long[Work.values().length];
    private static long flops;

    private Counters() {}

    /** The time now when counting is on, else {@link #OFF}. */
    static long start() {
        return on ? System.nanoTime() : OFF;
    }

    /** Adds the time since {@code start} to {@code work} (nothing when {@code start} is {@link #OFF}). */
    static void stop(Work work, long start) {
        if (start != OFF) {
            add(work, System.nanoTime() - start, 0);
        }
    }

    /** As {@link #stop(Work, long)} for products of {@code flops} floating-point operations. */
    static void stopProducts(long start, long flops) {
        if (start != OFF) {
            add(Work.PRODUCTS, System.nanoTime() - start, flops);
        }
    }

    static synchronized void add(Work work, long nanos, long operations) {
        NANOS[work.ordinal()] += nanos;
        flops += operations;
    }

    /** Turns counting on (resetting every total) or off. */
    static synchronized void count(boolean turnOn) {
        if (turnOn) {
            java.util.Arrays.fill(NANOS, 0);
            flops = 0;
        }
        on = turnOn;
    }

    static synchronized long nanos(Work work) {
        return NANOS[work.ordinal()];
    }

    static synchronized long flops() {
        return flops;
    }
}
