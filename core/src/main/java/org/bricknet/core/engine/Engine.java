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

    /** The kinds of work whose time {@link #countedNanos} reports, each named as a benchmark prints it. */
    public enum Work {
        /** Matrix products ({@code Ops.mult} and its kin, and the products inside a convolution). */
        PRODUCTS("products"),
        /** Image patches unrolled into columns and added back (a convolution's im2col and col2im). */
        PATCHES("im2col/col2im"),
        /** Pooling windows: the maximum and where it was, and the gradient sent back to it. */
        POOLING("pooling"),
        /** Element-wise passes: rectifier, bias rows and column sums. */
        ELEMENT_WISE("element-wise"),
        /** Gathering a mini-batch's rows from the data set. */
        GATHER("gather"),
        /** The optimizer's element-wise step. */
        OPTIMIZER("optimizer"),
        /** The divergence check's scan of the gradients. */
        CHECK("finite check");

        private final String label;

        Work(String label) {
            this.label = label;
        }

        /** The name a benchmark prints. */
        public String label() {
            return label;
        }
    }

    /**
     * Starts counting, resetting every total, or stops: while on, each operation of {@link Ops}
     * adds its time to its {@link Work} (measured on the calling thread, so work the second core
     * did meanwhile is inside it) and each product its {@code 2·m·n·k} operations. Off unless
     * turned on; off, it costs one read of a volatile field per operation.
     */
    public static void count(boolean on) {
        Counters.count(on);
    }

    /** Floating-point operations of the products counted since {@link #count} turned on: 2·m·n·k each. */
    public static long countedFlops() {
        return Counters.flops();
    }

    /** Nanoseconds spent in {@code work} since {@link #count} turned on. */
    public static long countedNanos(Work work) {
        return Counters.nanos(work);
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
