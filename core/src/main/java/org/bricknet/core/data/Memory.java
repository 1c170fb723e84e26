package org.bricknet.core.data;

import java.util.Locale;

/**
 * Memory asked for before it is taken: every allocation whose size comes from the user's input
 * (a data file's announced size, a model's widths, a header) first states what it needs here, and
 * a need the Java heap cannot meet is refused with a {@link NotEnoughMemoryException} that says
 * how much is needed, how much the heap can give, and the {@code -Xmx} to run with, instead of an
 * {@code OutOfMemoryError} halfway through the work.
 *
 * <p>What is free is {@code maxMemory − used}, less a reserve of an eighth of the heap (at most
 * 32 MiB) that the collector needs to work in (a large array needs contiguous space); when a need exceeds it, the garbage collector is
 * asked to run once before the refusal, so that garbage is not counted as used.
 */
public final class Memory {
    private static final long MIB = 1L << 20;

    private Memory() {}

    /** The bytes the heap can still give: its maximum less what is in use now. */
    public static long free() {
        Runtime r = Runtime.getRuntime();
        return r.maxMemory() - (r.totalMemory() - r.freeMemory());
    }

    /**
     * Refuses, before anything is allocated, a need of {@code bytes} that the heap cannot meet;
     * {@code what} names what needs it, in the user's words ({@code "train-images-idx3-ubyte
     * (60000×28×28 bytes)"}).
     */
    public static void require(long bytes, String what) {
        long reserve = Math.min(Runtime.getRuntime().maxMemory() / 8, 32 * MIB);
        if (bytes <= free() - reserve) {
            return;
        }
        System.gc();
        long free = free();
        if (bytes <= free - reserve) {
            return;
        }
        Runtime r = Runtime.getRuntime();
        long used = r.maxMemory() - free;
        throw new NotEnoughMemoryException(
                what, bytes, free - reserve, r.maxMemory(), suggestedHeap(used + reserve + bytes));
    }

    /** {@code needed} with a quarter more for the rest of the run, rounded up to a -Xmx value. */
    static String suggestedHeap(long needed) {
        double want = needed * 1.25 + 16 * MIB;
        if (want > Long.MAX_VALUE / 2) {
            return "more memory than a Java heap can have";
        }
        long mib = (long) Math.ceil(want / MIB);
        if (mib < 1024) {
            long step = 64;
            long rounded = (mib + step - 1) / step * step;
            return rounded < 1024 ? "-Xmx" + rounded + "m" : "-Xmx1g";
        }
        return "-Xmx" + (mib + 1023) / 1024 + "g";
    }

    /** A size in words: {@code 47 MiB}, {@code 1.5 GiB}, {@code 640 KiB}. */
    public static String size(long bytes) {
        if (bytes >= 10L << 30) {
            return String.format(Locale.ROOT, "%.0f GiB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
        }
        if (bytes >= MIB) {
            return String.format(Locale.ROOT, "%.0f MiB", Math.ceil(bytes / (double) MIB));
        }
        return String.format(Locale.ROOT, "%.0f KiB", Math.ceil(bytes / 1024.0));
    }
}
