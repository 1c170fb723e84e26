package org.bricknet.core.engine;

import dev.ludovic.netlib.blas.BLAS;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Matrix products for {@link Ops}: {@code C = alpha * op(A) * op(B) + beta * C} on row-major
 * matrices, through {@code dev.ludovic.netlib:blas}. That library picks, once, the
 * system's OpenBLAS through JNI when one is installed (Debian {@code libopenblas0}), else a Vector
 * API implementation (needs {@code --add-modules jdk.incubator.vector}), else plain Java.
 *
 * <p>BLAS is column-major; a row-major matrix is the column-major storage of its transpose. So the
 * row-major {@code C = op(A)·op(B)} is computed as the column-major {@code Cᵀ = op(B)ᵀ·op(A)ᵀ}:
 * the operands swap places and keep their transpose flags.
 *
 * <p>A product worth it is cut in two parts that run on the two cores ({@link SecondCore}; the cut
 * is described at {@code splits}). On OpenBLAS a large part runs as pieces small enough that
 * OpenBLAS keeps each on the calling thread ({@link CutProduct}), so its own threads and ours are
 * never stacked. {@code -Dbricknet.threads=1} keeps everything on the calling thread, with the same
 * cuts and pieces and so the same results.
 *
 * <p>The system property {@code bricknet.blas} overrides the choice: {@code java} takes the Java
 * implementation even when OpenBLAS is installed (to measure what a fresh machine gets),
 * {@code native} insists on OpenBLAS and fails at start-up without it; {@code auto}, the default,
 * takes the best available.
 */
final class Blas {
    /**
     * netlib logs a warning for each implementation it cannot load; {@link #advice()} says it
     * better, once. The reference keeps the logger (and its level) alive.
     */
    private static final java.util.logging.Logger NETLIB_LOG = quiet("dev.ludovic.netlib.blas");

    private static final BLAS BLAS_IMPL = loadLeavingNoCopy(System.getProperty("bricknet.blas", "auto"));

    private Blas() {}

    /**
     * The raw row-major form: {@code op(A)} is {@code m x k}, {@code op(B)} is {@code k x n},
     * {@code C} is {@code m x n}, each stored densely from its offset.
     */
    static void gemm(
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            double alpha,
            double[] a,
            int aOff,
            double[] b,
            int bOff,
            double beta,
            double[] c,
            int cOff) {
        if (m == 0 || n == 0) {
            return;
        }
        dgemm(BLAS_IMPL, true, transA, transB, m, n, k, alpha, a, aOff, b, bOff, beta, c, cOff);
    }

    /**
     * {@link #gemm} on the calling thread alone, for work that is already split between the cores
     * (one image of a batch per call): never cut in two, but on OpenBLAS run as pieces small enough
     * that OpenBLAS keeps them on this thread, as the two parts of a cut product are.
     */
    static void gemmHere(
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            double alpha,
            double[] a,
            int aOff,
            double[] b,
            int bOff,
            double beta,
            double[] c,
            int cOff) {
        if (m == 0 || n == 0) {
            return;
        }
        dgemm(BLAS_IMPL, false, transA, transB, m, n, k, alpha, a, aOff, b, bOff, beta, c, cOff);
    }

    /**
     * The row-major product on {@code impl}; when {@code split}, a product worth a hand-off is cut
     * in two parts that {@link SecondCore} runs on the two cores ({@link #splits}).
     */
    static void dgemm(
            BLAS impl,
            boolean split,
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            double alpha,
            double[] a,
            int aOff,
            double[] b,
            int bOff,
            double beta,
            double[] c,
            int cOff) {
        boolean nativeBlas = isNative(impl);
        Cut cut = splits(nativeBlas, transA, transB, m, n, k);
        boolean pieces = nativeBlas && (long) m * n * k > NATIVE_ONE_THREAD_MNK && cut != Cut.NONE;
        if (!split && !pieces) {
            cut = Cut.NONE;
        }
        if (cut == Cut.NONE) {
            if (nativeBlas && (long) m * n * k > NATIVE_ONE_THREAD_MNK) {
                SecondCore.othersBusy();
            }
            impl.dgemm(
                    transB ? "T" : "N",
                    transA ? "T" : "N",
                    n,
                    m,
                    k,
                    alpha,
                    b,
                    bOff,
                    transB ? k : n,
                    a,
                    aOff,
                    transA ? m : k,
                    beta,
                    c,
                    cOff,
                    n);
            return;
        }
        CutProduct.run(
                impl,
                cut,
                split,
                pieces ? NATIVE_ONE_THREAD_MNK : 0,
                transA,
                transB,
                m,
                n,
                k,
                alpha,
                a,
                aOff,
                b,
                bOff,
                beta,
                c,
                cOff);
    }

    /** How a product is cut for two cores. */
    enum Cut {
        /** Not cut. */
        NONE,
        /** By the rows of C (and of op(A)): each core writes its own rows of C. */
        ROWS,
        /** By the columns of C (and of op(B)): each core writes its own columns of C. */
        COLS,
        /**
         * By the shared dimension k: each core multiplies its half of the columns of A by its half of
         * the rows of B, and the second core's m×n partial product is added into C afterwards.
         */
        DEPTH
    }

    /**
     * The cut of a product, a function of its shape alone, so that the same shapes give the same
     * arithmetic on every run whatever the threads do:
     * <ul>
     *   <li>none below {@value #SPLIT_MIN_FLOPS} operations (not worth a hand-off);</li>
     *   <li>on OpenBLAS above {@value #NATIVE_ONE_THREAD_MNK} m·n·k, where OpenBLAS may start its
     *       own threads, the cut whose pieces of that size read the least again: by depth when C is
     *       the smallest of A, B and C (each piece then adds into C), by rows when B is (each piece
     *       reads all of B), else by columns; each part then runs as pieces of that size
     *       ({@link CutProduct}), so that OpenBLAS's threads never start beside ours. A product whose
     *       pieces would have to be thinner than 16 by 16 is not cut (OpenBLAS's threads run it);</li>
     *   <li>{@code C = A·B} with a small C (at most {@value #PARTIAL_MAX} values) and {@code k ≥ 32}
     *       — a layer's forward pass {@code x·W} on a small batch — is cut by depth: the second
     *       core then reads only its half of the rows of W, the half it also computes the gradient
     *       of ({@code xᵀ·dY}, cut by rows) and steps ({@link Halves});</li>
     *   <li>anything else is cut by rows.</li>
     * </ul>
     */
    static Cut splits(boolean nativeBlas, boolean transA, boolean transB, int m, int n, int k) {
        long mnk = (long) m * n * k;
        if (2 * mnk < SPLIT_MIN_FLOPS) {
            return Cut.NONE;
        }
        if (nativeBlas && mnk > NATIVE_ONE_THREAD_MNK) {
            long sizeA = (long) m * k;
            long sizeB = (long) k * n;
            long sizeC = (long) m * n;
            // a piece is 16 x 16 at least along the cut and the side CutProduct also cuts; the third side is whole
            Cut cut = sizeC <= sizeA && sizeC <= sizeB ? Cut.DEPTH : sizeB <= sizeA ? Cut.ROWS : Cut.COLS;
            return 256L * CutProduct.whole(cut, m, n, k) <= NATIVE_ONE_THREAD_MNK ? cut : Cut.NONE;
        }
        if (!transA && !transB && (long) m * n <= PARTIAL_MAX && k >= 32) {
            return Cut.DEPTH;
        }
        return m >= 2 ? Cut.ROWS : Cut.NONE;
    }

    /** Products of fewer operations run whole: a hand-off costs about as much as 10,000 of them. */
    static final long SPLIT_MIN_FLOPS = 200_000L;
    /**
     * OpenBLAS runs a product of at most {@code 65536·4} m·n·k on the calling thread (its default
     * {@code SMP_THRESHOLD_MIN·GEMM_MULTITHREAD_THRESHOLD}); above, it may start its own threads
     * (Debian's 0.3.21 keeps some shapes on one thread up to 10⁶ through its small-matrix kernels,
     * but {@code A·Bᵀ} from 270,000 on: the measurements are in the README's Speed section).
     */
    static final long NATIVE_ONE_THREAD_MNK = 262_144L;
    /** The largest C cut by depth below {@value #NATIVE_ONE_THREAD_MNK} m·n·k (its partial product is added afterwards). */
    static final int PARTIAL_MAX = 4096;

    /** Which implementation is in use: native OpenBLAS, the Vector API, or plain Java. */
    static String implementation() {
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
    static boolean isNative() {
        return isNative(BLAS_IMPL);
    }

    private static boolean isNative(BLAS impl) {
        return impl.getClass().getSimpleName().contains("JNI");
    }

    /** A one-line hint for the user when the fast implementation is not in use, else empty. */
    static String advice() {
        return isNative()
                ? ""
                : "matrix products run on " + implementation() + "; for native speed install OpenBLAS "
                        + "(Debian: apt-get install libopenblas0)";
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(name);
        log.setLevel(java.util.logging.Level.SEVERE);
        return log;
    }

    /** The name netlib gives the copy of its JNI library it writes into the temporary directory. */
    static final String JNI_COPY = "libnetlibblasjni.so";

    /**
     * {@link #choose} the implementation, then delete the copy of its JNI library that netlib wrote
     * into the temporary directory (it does so on every start, and removes it only at a normal
     * exit): once loaded, the library is mapped and the file is not needed (Linux). A copy whose
     * load failed (no OpenBLAS here) is deleted too; it is found as a new file in the temporary
     * directory, which on a machine without OpenBLAS no other process can still need.
     */
    private static BLAS loadLeavingNoCopy(String which) {
        java.util.Set<Path> before = jniCopies();
        BLAS chosen = choose(which);
        java.util.Set<Path> mapped = new java.util.HashSet<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                int at = line.indexOf('/');
                if (at >= 0 && line.contains(JNI_COPY)) {
                    mapped.add(Path.of(line.substring(at)));
                }
            }
        } catch (IOException | RuntimeException e) {
            return chosen; // no /proc here: netlib's own delete-on-exit stays the only cleanup
        }
        java.util.Set<Path> doomed = new java.util.HashSet<>(mapped);
        if (mapped.isEmpty()) {
            doomed.addAll(jniCopies());
            doomed.removeAll(before);
        }
        for (Path p : doomed) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // left to netlib's delete-on-exit
            }
        }
        return chosen;
    }

    /** The copies of netlib's JNI library in the temporary directory now. */
    private static java.util.Set<Path> jniCopies() {
        java.util.Set<Path> found = new java.util.HashSet<>();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir", "/tmp"));
        try (var entries = Files.newDirectoryStream(tmp, JNI_COPY + "*")) {
            entries.forEach(p -> found.add(p.toAbsolutePath()));
        } catch (IOException | RuntimeException e) {
            // nothing to compare against
        }
        return found;
    }

    private static BLAS choose(String which) {
        return switch (which) {
            case "java" -> dev.ludovic.netlib.blas.JavaBLAS.getInstance();
            case "native" -> dev.ludovic.netlib.blas.NativeBLAS.getInstance();
            case "auto" -> BLAS.getInstance();
            default ->
                throw new IllegalArgumentException("bricknet.blas must be auto, java or native, got '" + which + "'");
        };
    }
}
