package org.bricknet.core.engine;

/**
 * What the engine runs on, and counters for benchmarks. Nothing here changes a result.
 *
 * <ul>
 *   <li>{@code -Dbricknet.blas=auto|java|native}: products on OpenBLAS when installed (the
 *       default), always on the Java implementation (the Vector API with
 *       {@code --add-modules jdk.incubator.vector}), or OpenBLAS and fail without it;
 *   <li>{@code -Dbricknet.threads=1}: everything on the calling thread, with the same results.
 * </ul>
 */
public final class Engine {
    private Engine() {}

    /** Which product implementation is in use: native OpenBLAS, the Vector API, or plain Java. */
    public static String implementation() {
        return Blas.implementation();
    }

    /** True when products run on the native library. */
    public static boolean isNative() {
        return Blas.isNative();
    }

    /** A one-line hint for the user when the fast implementation is not in use, else empty. */
    public static String advice() {
        return Blas.advice();
    }

    /**
     * The width in bits of the Vector API's preferred double vector (256 with AVX2, 512 with
     * AVX-512), or 0 when the module is not loaded. The Java products' rounding depends on it.
     */
    public static int vectorBits() {
        return Finite.vectorBits();
    }

    /** True when the engine splits work over two cores (two or more, and not turned off). */
    public static boolean parallel() {
        return SecondCore.AVAILABLE;
    }

    /**
     * Starts (or stops) counting the operations of every product and the time spent in them;
     * starting resets the totals. Off unless turned on.
     */
    public static void countProducts(boolean on) {
        Blas.count(on);
    }

    /** Floating-point operations of the products counted since {@link #countProducts} turned on: 2·m·n·k each. */
    public static long countedFlops() {
        return Blas.countedFlops();
    }

    /** Nanoseconds spent inside products since {@link #countProducts} turned on. */
    public static long countedProductNanos() {
        return Blas.countedNanos();
    }

    /**
     * Parts of split work since start-up: how many ran in parallel with their other half, and how
     * many the caller ran itself because the other core was not free in time.
     */
    public record Splits(long inParallel, long onCaller) {
        /** What happened between {@code before} and this, in words. */
        public String since(Splits before) {
            long par = inParallel - before.inParallel;
            long all = par + onCaller - before.onCaller;
            if (!parallel()) {
                return "one core (one processor, or -Dbricknet.threads=1)";
            }
            return all == 0
                    ? "nothing split (OpenBLAS's own threads ran the large products)"
                    : String.format("%d of %d split parts ran in parallel", par, all);
        }
    }

    /** The split counts now. */
    public static Splits splits() {
        long[] c = SecondCore.counts();
        return new Splits(c[0], c[1]);
    }
}
