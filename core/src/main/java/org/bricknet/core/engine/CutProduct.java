package org.bricknet.core.engine;

import dev.ludovic.netlib.blas.BLAS;
import org.bricknet.core.engine.Blas.Cut;

/**
 * One product cut in two parts for {@link SecondCore} ({@link Blas#splits} says how), reused by its
 * calling thread so that a split allocates nothing. Each part runs as one product, or, on OpenBLAS,
 * as consecutive pieces of at most {@value Blas#NATIVE_ONE_THREAD_MNK} m·n·k, so that OpenBLAS never
 * starts its own threads beside the two cores'.
 *
 * <p>A piece is a block of the cut side and of a second side of C: {@code x·W} cut by depth takes a
 * block of x's columns and W's rows into a block of C's columns, so every operand is read about
 * once. The cut side is whole within the second side's block when that leaves it at least 16 thick;
 * else the second side is cut too, into as few blocks as leave the cut side about 32 thick (thin
 * pieces run at 42 GFLOP/s where 32 by 64 ones run at 50). Blocks are as even as their counts
 * allow; counts, sizes and order depend on the shapes alone.
 *
 * <p>{@code A·Bᵀ} cut by columns runs as {@code (Aᵀ)ᵀ·Bᵀ} with A transposed first (A is the smallest
 * operand then): OpenBLAS 0.3.21 runs thin pieces of {@code A·Bᵀ} at 30 GFLOP/s, of
 * {@code (Aᵀ)ᵀ·Bᵀ} at 50.
 */
final class CutProduct implements SecondCore.RangeTask {
    private static final ThreadLocal<CutProduct> OF_THREAD = ThreadLocal.withInitial(CutProduct::new);
    private static final int MIN_THICK = 16;
    private static final int THICK = 32;

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

    private double[] transposed = new double[0];

    /** The side of a piece that is never cut: the batch side of C for depth, the depth for rows and columns. */
    static long whole(Cut cut, int m, int n, int k) {
        return cut == Cut.DEPTH ? m : k;
    }

    /**
     * Runs {@code C = alpha·op(A)·op(B) + beta·C} (row-major, as {@link Blas#gemm}) cut by
     * {@code cut}: its two parts on the two cores when {@code split}, else one after the other on
     * this thread; each part in pieces of at most {@code pieceMnk} m·n·k (0: each part whole).
     */
    static void run(
            BLAS impl,
            Cut cut,
            boolean split,
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
        if (pieceMnk > 0 && cut == Cut.COLS && !transA && transB) {
            p.transposeA();
        }
        int len = cut == Cut.DEPTH ? k : cut == Cut.ROWS ? m : n;
        if (split && cut == Cut.DEPTH && p.partial.length < m * n) {
            p.partial = new double[m * n];
        }
        try {
            if (!split) {
                p.part(0, len, true);
                return;
            }
            SecondCore.split(len, p);
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

    /** A (m x k) into {@code transposed} (k x m), so that op(A) = transposedᵀ. */
    private void transposeA() {
        if (transposed.length < m * k) {
            transposed = new double[m * k];
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < k; j++) {
                transposed[j * m + i] = a[aOff + i * k + j];
            }
        }
        a = transposed;
        aOff = 0;
        transA = true;
    }

    @Override
    public void run(int from, int to) {
        part(from, to, from == 0);
    }

    /** The cut side {@code [from, to)}, in pieces; the lower part writes into C, the upper, cut by depth, into partial. */
    private void part(int from, int to, boolean lower) {
        int side = cut == Cut.DEPTH || cut == Cut.ROWS ? n : m; // the second side of C
        long whole = whole(cut, m, n, k);
        int len = to - from;
        int blocks = 1;
        if (pieceMnk > 0 && pieceMnk / ((long) side * whole) < MIN_THICK) {
            long width = Math.max(1, pieceMnk / (THICK * whole));
            blocks = (int) ((side + width - 1) / width);
        }
        for (int j = 0; j < blocks; j++) {
            int s0 = (int) ((long) side * j / blocks);
            int s1 = (int) ((long) side * (j + 1) / blocks);
            int pieces = 1;
            if (pieceMnk > 0) {
                long thick = Math.max(1, pieceMnk / ((long) (s1 - s0) * whole));
                pieces = (int) Math.min(len, (len + thick - 1) / thick);
            }
            for (int i = 0; i < pieces; i++) {
                int p0 = from + (int) ((long) len * i / pieces);
                int p1 = from + (int) ((long) len * (i + 1) / pieces);
                piece(p0, p1, s0, s1, lower, i == 0);
            }
        }
    }

    /** The cut side {@code [d0, d1)} and the second side {@code [s0, s1)}. */
    private void piece(int d0, int d1, int s0, int s1, boolean lower, boolean first) {
        String ta = transA ? "T" : "N";
        String tb = transB ? "T" : "N";
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        switch (cut) {
            case ROWS -> // rows [d0, d1) of C and of op(A), columns [s0, s1) of C and of op(B)
                impl.dgemm(
                        tb,
                        ta,
                        s1 - s0,
                        d1 - d0,
                        k,
                        alpha,
                        b,
                        bOff + column(s0),
                        ldb,
                        a,
                        aOff + row(d0),
                        lda,
                        beta,
                        c,
                        cOff + d0 * n + s0,
                        n);
            case COLS -> // columns [d0, d1) of C and of op(B), rows [s0, s1) of C and of op(A)
                impl.dgemm(
                        tb,
                        ta,
                        d1 - d0,
                        s1 - s0,
                        k,
                        alpha,
                        b,
                        bOff + column(d0),
                        ldb,
                        a,
                        aOff + row(s0),
                        lda,
                        beta,
                        c,
                        cOff + s0 * n + d0,
                        n);
            case DEPTH -> // columns [d0, d1) of op(A) times rows [d0, d1) of op(B), into columns [s0, s1) of C
                impl.dgemm(
                        tb,
                        ta,
                        s1 - s0,
                        m,
                        d1 - d0,
                        alpha,
                        b,
                        bOff + (transB ? d0 : d0 * ldb) + column(s0),
                        ldb,
                        a,
                        aOff + (transA ? d0 * lda : d0),
                        lda,
                        first ? (lower ? beta : 0.0) : 1.0,
                        lower ? c : partial,
                        (lower ? cOff : 0) + s0,
                        n);
            default -> throw new IllegalStateException("CutProduct: not cut");
        }
    }

    /** Where row {@code i} of op(A) starts in A. */
    private int row(int i) {
        return transA ? i : i * k;
    }

    /** Where column {@code j} of op(B) starts in B. */
    private int column(int j) {
        return transB ? j * k : j;
    }
}
