package org.bricknet.core.engine;

import dev.ludovic.netlib.blas.BLAS;
import org.bricknet.core.engine.Blas.Cut;

/**
 * One product cut in two parts for {@link SecondCore} ({@link Blas#splits} says how), reused by its
 * calling thread so that a split allocates nothing. Each part runs as one product, or, on OpenBLAS,
 * as consecutive pieces of at most {@value Blas#NATIVE_ONE_THREAD_MNK} m·n·k each, so that OpenBLAS
 * never starts its own threads beside the two cores': a piece of {@code x·W} takes a block of
 * {@code x}'s columns and of {@code W}'s rows, and so reads every operand once. How many pieces, and
 * where they start, depends on the shapes alone.
 */
final class CutProduct implements SecondCore.RangeTask {
    private static final ThreadLocal<CutProduct> OF_THREAD = ThreadLocal.withInitial(CutProduct::new);

    private BLAS impl;
    private Cut cut;
    private boolean transA;
    private boolean transB;
    private int m;
    private int n;
    private int k;
    private double alpha;
    private double beta;
    private double[] a;
    private double[] b;
    private double[] c;
    private int aOff;
    private int bOff;
    private int cOff;
    private long pieceMnk;
    /** The second core's part of a product cut by depth, added into C afterwards. */
    private double[] partial = new double[0];

    /**
     * Runs {@code C = alpha·op(A)·op(B) + beta·C} (row-major, as {@link Blas#gemm}) cut by
     * {@code cut}, each part in pieces of at most {@code pieceMnk} m·n·k (0: each part whole).
     */
    static void run(
            BLAS impl,
            Cut cut,
            long pieceMnk,
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
        CutProduct p = OF_THREAD.get();
        p.impl = impl;
        p.cut = cut;
        p.pieceMnk = pieceMnk;
        p.transA = transA;
        p.transB = transB;
        p.m = m;
        p.n = n;
        p.k = k;
        p.alpha = alpha;
        p.a = a;
        p.aOff = aOff;
        p.b = b;
        p.bOff = bOff;
        p.beta = beta;
        p.c = c;
        p.cOff = cOff;
        if (cut == Cut.DEPTH && p.partial.length < m * n) {
            p.partial = new double[m * n];
        }
        try {
            SecondCore.split(cut == Cut.DEPTH ? k : cut == Cut.ROWS ? m : n, p);
            if (cut == Cut.DEPTH) {
                double[] part = p.partial;
                for (int i = 0; i < m; i++) {
                    int row = cOff + i * n;
                    for (int j = 0; j < n; j++) {
                        c[row + j] += part[i * n + j];
                    }
                }
            }
        } finally {
            p.a = null;
            p.b = null;
            p.c = null;
        }
    }

    /** Rows, columns or depth {@code [from, to)}, in pieces. */
    @Override
    public void run(int from, int to) {
        long rest = cut == Cut.DEPTH ? (long) m * n : cut == Cut.ROWS ? (long) n * k : (long) m * k;
        int len = to - from;
        int pieces = pieceMnk == 0 ? 1 : (int) Math.max(1, Math.min(len, (rest * len + pieceMnk - 1) / pieceMnk));
        for (int i = 0; i < pieces; i++) {
            int p0 = from + (int) ((long) len * i / pieces);
            int p1 = from + (int) ((long) len * (i + 1) / pieces);
            piece(p0, p1, from == 0, i == 0);
        }
    }

    private void piece(int from, int to, boolean lower, boolean first) {
        String ta = transA ? "T" : "N";
        String tb = transB ? "T" : "N";
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        switch (cut) {
            case ROWS -> // rows [from, to) of C and of op(A)
                impl.dgemm(
                        tb,
                        ta,
                        n,
                        to - from,
                        k,
                        alpha,
                        b,
                        bOff,
                        ldb,
                        a,
                        aOff + (transA ? from : from * lda),
                        lda,
                        beta,
                        c,
                        cOff + from * n,
                        n);
            case COLS -> // columns [from, to) of C and of op(B)
                impl.dgemm(
                        tb,
                        ta,
                        to - from,
                        m,
                        k,
                        alpha,
                        b,
                        bOff + (transB ? from * ldb : from),
                        ldb,
                        a,
                        aOff,
                        lda,
                        beta,
                        c,
                        cOff + from,
                        n);
            case DEPTH -> // columns [from, to) of op(A), rows [from, to) of op(B); the upper part into partial
                impl.dgemm(
                        tb,
                        ta,
                        n,
                        m,
                        to - from,
                        alpha,
                        b,
                        bOff + (transB ? from : from * ldb),
                        ldb,
                        a,
                        aOff + (transA ? from * lda : from),
                        lda,
                        first ? (lower ? beta : 0.0) : 1.0,
                        lower ? c : partial,
                        lower ? cOff : 0,
                        n);
            default -> throw new IllegalStateException("CutProduct: not cut");
        }
    }
}
