package org.bricknet.core;

import dev.ludovic.netlib.blas.BLAS;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Puts the second core to work on the Java BLAS, which runs on one thread: a large product's rows
 * are split in two, the lower half computed by one daemon worker thread while the caller computes
 * the upper half. Used only when the BLAS is not native (OpenBLAS has threads of its own, and the
 * two are never stacked). The hand-off goes through fields guarded by a lock, so a split allocates
 * nothing; a second caller that finds the worker busy computes its whole product itself.
 */
final class SecondCore {
    /** Products below this many operations are not worth a hand-off (about 10 µs each way). */
    static final long MIN_FLOPS = 4_000_000L;
    static final boolean AVAILABLE = Runtime.getRuntime().availableProcessors() >= 2;

    private static final ReentrantLock BUSY = new ReentrantLock();
    private static final Thread WORKER;
    private static volatile boolean pending;
    private static volatile boolean done;
    private static volatile Thread caller;
    private static Throwable failure;
    private static BLAS blas;
    private static String ta;
    private static String tb;
    private static int wm;
    private static int wn;
    private static int wk;
    private static int wlda;
    private static int wldb;
    private static int waOff;
    private static int wbOff;
    private static int wcOff;
    private static double walpha;
    private static double wbeta;
    private static double[] wa;
    private static double[] wb;
    private static double[] wc;

    static {
        WORKER = new Thread(SecondCore::work, "bricknet-blas-second-core");
        WORKER.setDaemon(true);
        if (AVAILABLE) {
            WORKER.start();
        }
    }

    private SecondCore() {
    }

    /**
     * The column-major {@code dgemm} of {@link Blas}, with the {@code m} columns of {@code Cᵀ}
     * (rows of the row-major C) split between the worker and the caller. Returns false, having
     * done nothing, when the worker is busy.
     */
    static boolean dgemm(BLAS impl, String transB, String transA, int n, int m, int k, double alpha, double[] b,
            int bOff, int ldb, double[] a, int aOff, int lda, boolean aTransposed, double beta, double[] c, int cOff) {
        if (!BUSY.tryLock()) {
            return false;
        }
        try {
            int top = m / 2;
            blas = impl;
            ta = transA;
            tb = transB;
            wm = m - top;
            wn = n;
            wk = k;
            walpha = alpha;
            wbeta = beta;
            wb = b;
            wbOff = bOff;
            wldb = ldb;
            wa = a;
            wlda = lda;
            waOff = aOff + (aTransposed ? top : top * lda);
            wc = c;
            wcOff = cOff + top * n;
            failure = null;
            done = false;
            caller = Thread.currentThread();
            pending = true;
            LockSupport.unpark(WORKER);
            impl.dgemm(transB, transA, n, top, k, alpha, b, bOff, ldb, a, aOff, lda, beta, c, cOff, n);
            while (!done) {
                LockSupport.park(SecondCore.class);
            }
            if (failure != null) {
                throw new IllegalStateException("Blas: the second core's half of a product failed", failure);
            }
            return true;
        } finally {
            wa = null;
            wb = null;
            wc = null;
            BUSY.unlock();
        }
    }

    private static void work() {
        while (true) {
            while (!pending) {
                LockSupport.park(SecondCore.class);
            }
            pending = false;
            try {
                blas.dgemm(tb, ta, wn, wm, wk, walpha, wb, wbOff, wldb, wa, waOff, wlda, wbeta, wc, wcOff, wn);
            } catch (Throwable t) {
                failure = t;
            }
            done = true;
            LockSupport.unpark(caller);
        }
    }
}
