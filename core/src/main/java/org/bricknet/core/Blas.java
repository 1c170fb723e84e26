package org.bricknet.core;

import dev.ludovic.netlib.blas.BLAS;
import org.ejml.data.DMatrixRMaj;

/**
 * The one door for matrix products on hot paths: {@code C = alpha * op(A) * op(B) + beta * C} on
 * row-major matrices, through {@code dev.ludovic.netlib:blas}. That library picks, once, the
 * system's OpenBLAS through JNI when one is installed (Debian {@code libopenblas0}), else a Vector
 * API implementation (needs {@code --add-modules jdk.incubator.vector}), else plain Java.
 *
 * <p>BLAS is column-major; a row-major matrix is the column-major storage of its transpose. So the
 * row-major {@code C = op(A)·op(B)} is computed as the column-major {@code Cᵀ = op(B)ᵀ·op(A)ᵀ}:
 * the operands swap places and keep their transpose flags.
 *
 * <p>The Java implementations run on one thread; for them, a large product is split by rows over
 * two cores ({@code SecondCore}); {@code -Dbricknet.blas.threads=1} turns that off. OpenBLAS uses
 * its own threads, and the two are never stacked.
 *
 * <p>The system property {@code bricknet.blas} overrides the choice: {@code java} takes the Java
 * implementation even when OpenBLAS is installed (to measure what a fresh machine gets),
 * {@code native} insists on OpenBLAS and fails at start-up without it; {@code auto}, the default,
 * takes the best available.
 */
public final class Blas {
    /**
     * netlib logs a warning for each implementation it cannot load; {@link #advice()} says it
     * better, once. The reference keeps the logger (and its level) alive.
     */
    private static final java.util.logging.Logger NETLIB_LOG = quiet("dev.ludovic.netlib.blas");
    private static final BLAS BLAS_IMPL = choose(System.getProperty("bricknet.blas", "auto"));
    /** Whether large products are split over two cores: only for the Java BLAS, which has no threads. */
    private static final boolean SPLIT = !isNative() && SecondCore.AVAILABLE
            && !"1".equals(System.getProperty("bricknet.blas.threads"));
    private static volatile boolean counting;
    private static long flops;
    private static long nanos;

    private Blas() {
    }

    /** {@code c = alpha * op(a) * op(b) + beta * c}, checking that the shapes agree. */
    public static void gemm(boolean transA, boolean transB, double alpha, DMatrixRMaj a,
            DMatrixRMaj b, double beta, DMatrixRMaj c) {
        int m = transA ? a.numCols : a.numRows;
        int k = transA ? a.numRows : a.numCols;
        int kb = transB ? b.numCols : b.numRows;
        int n = transB ? b.numRows : b.numCols;
        if (k != kb || c.numRows != m || c.numCols != n) {
            throw new IllegalArgumentException("Blas.gemm: cannot multiply " + dims(a, transA)
                    + " by " + dims(b, transB) + " into " + c.numRows + "x" + c.numCols);
        }
        gemm(transA, transB, m, n, k, alpha, a.data, 0, b.data, 0, beta, c.data, 0);
    }

    /** {@code c = op(a) * op(b)}, overwriting {@code c}. */
    public static void mult(boolean transA, boolean transB, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        gemm(transA, transB, 1.0, a, b, 0.0, c);
    }

    /**
     * The raw row-major form: {@code op(A)} is {@code m x k}, {@code op(B)} is {@code k x n},
     * {@code C} is {@code m x n}, each stored densely from its offset.
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
            double[] a, int aOff, double[] b, int bOff, double beta, double[] c, int cOff) {
        if (m == 0 || n == 0) {
            return;
        }
        if (!counting) {
            dgemm(BLAS_IMPL, SPLIT, transA, transB, m, n, k, alpha, a, aOff, b, bOff, beta, c, cOff);
            return;
        }
        long start = System.nanoTime();
        dgemm(BLAS_IMPL, SPLIT, transA, transB, m, n, k, alpha, a, aOff, b, bOff, beta, c, cOff);
        synchronized (Blas.class) {
            nanos += System.nanoTime() - start;
            flops += 2L * m * n * k;
        }
    }

    /** The row-major product on {@code impl}, its rows split over two cores when {@code split} and large. */
    static void dgemm(BLAS impl, boolean split, boolean transA, boolean transB, int m, int n, int k, double alpha,
            double[] a, int aOff, double[] b, int bOff, double beta, double[] c, int cOff) {
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        String ta = transA ? "T" : "N";
        String tb = transB ? "T" : "N";
        if (split && m >= 2 && 2L * m * n * k >= SecondCore.MIN_FLOPS
                && SecondCore.dgemm(impl, tb, ta, n, m, k, alpha, b, bOff, ldb, a, aOff, lda, transA, beta, c, cOff)) {
            return;
        }
        impl.dgemm(tb, ta, n, m, k, alpha, b, bOff, ldb, a, aOff, lda, beta, c, cOff, n);
    }

    /**
     * Starts (or stops) counting the floating-point operations of every product and the time spent
     * in them, for benchmarks; counting resets both totals. Off unless turned on.
     */
    public static synchronized void count(boolean on) {
        counting = on;
        flops = 0;
        nanos = 0;
    }

    /** Operations counted since {@link #count} was turned on: {@code 2·m·n·k} per product. */
    public static synchronized long countedFlops() {
        return flops;
    }

    /** Nanoseconds spent inside products since {@link #count} was turned on. */
    public static synchronized long countedNanos() {
        return nanos;
    }

    /** Which implementation is in use: native OpenBLAS, the Vector API, or plain Java. */
    public static String implementation() {
        String cls = BLAS_IMPL.getClass().getSimpleName();
        if (cls.contains("JNI")) {
            return "native BLAS through JNI (" + cls + ")";
        }
        if (cls.contains("Vector")) {
            return "Java Vector API (" + cls + ")";
        }
        return "plain Java (" + cls + ")";
    }

    /** True when the native library is in use. */
    public static boolean isNative() {
        return BLAS_IMPL.getClass().getSimpleName().contains("JNI");
    }

    /** A one-line hint for the user when the fast implementation is not in use, else empty. */
    public static String advice() {
        return isNative() ? ""
                : "matrix products run on " + implementation() + "; for native speed install OpenBLAS "
                        + "(Debian: apt-get install libopenblas0)";
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(name);
        log.setLevel(java.util.logging.Level.SEVERE);
        return log;
    }

    private static BLAS choose(String which) {
        return switch (which) {
            case "java" -> dev.ludovic.netlib.blas.JavaBLAS.getInstance();
            case "native" -> dev.ludovic.netlib.blas.NativeBLAS.getInstance();
            case "auto" -> BLAS.getInstance();
            default -> throw new IllegalArgumentException("bricknet.blas must be auto, java or native, got '" + which + "'");
        };
    }

    private static String dims(DMatrixRMaj x, boolean trans) {
        return trans ? x.numCols + "x" + x.numRows + " (transposed)" : x.numRows + "x" + x.numCols;
    }
}
