package org.bricknet.examples.minimize;

import java.util.Locale;

/**
 * Whether a run fits the Java heap, checked before anything is allocated: the bytes it needs
 * (a method's {@code bytesNeeded}) against what the heap can still give,
 * {@code Runtime.maxMemory()} less what is in use. A refusal is one sentence with both figures and
 * the {@code -Xmx} that would do, with a quarter more for the collector.
 */
public final class MemoryCheck {
    private static final double GIB = 1L << 30;

    private MemoryCheck() {}

    /** The bytes the heap can still give. */
    public static double available() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (double) (rt.totalMemory() - rt.freeMemory());
    }

    /**
     * Null if {@code bytes} fit in the heap; else why not: "{@code what} needs about 74.5 GiB
     * ({@code why}) and the heap allows 3.9 GiB; run java with -Xmx94g, {@code instead}".
     */
    public static String refusal(double bytes, String what, String why, String instead) {
        double available = available();
        if (bytes <= available) {
            return null;
        }
        Runtime rt = Runtime.getRuntime();
        double inUse = rt.totalMemory() - rt.freeMemory();
        long xmx = (long) Math.ceil((bytes + inUse) * 1.25 / GIB);
        return what + " needs about " + gib(bytes) + " (" + why + ") and the heap allows " + gib(available)
                + "; run java with -Xmx" + xmx + "g if the machine has that much memory, " + instead;
    }

    /** {@code bytes} in GiB with one decimal: "3.9 GiB". */
    public static String gib(double bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / GIB);
    }
}
