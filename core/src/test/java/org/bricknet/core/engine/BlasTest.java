package org.bricknet.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.bricknet.core.testing.Seeds;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The products, plain and transposed, cut or not, against EJML's own {@code mult}. */
@Tag("engine")
@net.jqwik.api.Tag("engine")
class BlasTest {

    @Property(tries = 200, seed = Seeds.FIXED)
    void matchesEjmlOnRandomShapes(
            @ForAll @IntRange(min = 1, max = 40) int m,
            @ForAll @IntRange(min = 1, max = 40) int n,
            @ForAll @IntRange(min = 1, max = 40) int k,
            @ForAll boolean transA,
            @ForAll boolean transB,
            @ForAll long seed) {
        check(m, n, k, transA, transB, seed);
    }

    /** The Java BLAS with large products split over two cores, as a machine without OpenBLAS runs it. */
    @Property(tries = 30, seed = Seeds.FIXED)
    void theTwoCoreSplitOfTheJavaBlasMatchesEjml(
            @ForAll @IntRange(min = 2, max = 300) int m,
            @ForAll @IntRange(min = 1, max = 120) int n,
            @ForAll @IntRange(min = 60, max = 400) int k,
            @ForAll boolean transA,
            @ForAll boolean transB,
            @ForAll long seed) {
        Random r = new Random(seed);
        DMatrixRMaj a = random(transA ? k : m, transA ? m : k, r);
        DMatrixRMaj b = random(transB ? n : k, transB ? k : n, r);
        DMatrixRMaj expected = random(m, n, r);
        DMatrixRMaj c = expected.copy();
        // C = 0.5·op(A)·op(B) + 2·C, in one product that is split when it is large enough
        CommonOps_DDRM.scale(2.0, expected);
        DMatrixRMaj product = new DMatrixRMaj(m, n);
        CommonOps_DDRM.mult(
                transA ? CommonOps_DDRM.transpose(a, null) : a,
                transB ? CommonOps_DDRM.transpose(b, null) : b,
                product);
        CommonOps_DDRM.addEquals(expected, 0.5, product);
        Blas.dgemm(
                dev.ludovic.netlib.blas.JavaBLAS.getInstance(),
                true,
                transA,
                transB,
                m,
                n,
                k,
                0.5,
                a.data,
                0,
                b.data,
                0,
                2.0,
                c.data,
                0);
        for (int i = 0; i < expected.data.length; i++) {
            assertEquals(expected.data[i], c.data[i], 1e-14 * k, () -> m + "x" + k + " by " + k + "x" + n);
        }
    }

    @Test
    void theCutIsAFunctionOfTheShape() {
        // Nielsen's 784-30-10 on a batch of 10: forward x·W1 by depth, ∇W1 = xᵀ·dY by rows
        assertEquals(Blas.Cut.DEPTH, Blas.splits(true, false, false, 10, 30, 784));
        assertEquals(Blas.Cut.ROWS, Blas.splits(true, true, false, 784, 30, 10));
        // too small to be worth a hand-off
        assertEquals(Blas.Cut.NONE, Blas.splits(true, false, false, 10, 10, 30));
        // two-layer's x·W1 on a batch of 100: on OpenBLAS C is the smallest, so by depth (in pieces
        // OpenBLAS runs on one thread each); the Java BLAS is cut by rows
        assertEquals(Blas.Cut.DEPTH, Blas.splits(true, false, false, 100, 50, 784));
        assertEquals(Blas.Cut.ROWS, Blas.splits(false, false, false, 100, 50, 784));
        // SimpleConvNet's Affine1 on OpenBLAS: ∇W = xᵀ·dY by rows (dY is the smallest operand),
        // dx = dY·Wᵀ by columns (dY again), the forward pass x·W by depth
        assertEquals(Blas.Cut.ROWS, Blas.splits(true, true, false, 4320, 100, 100));
        assertEquals(Blas.Cut.COLS, Blas.splits(true, false, true, 100, 4320, 100));
        assertEquals(Blas.Cut.DEPTH, Blas.splits(true, false, false, 100, 100, 4320));
        // a piece 16 x 16 thick would still be over OpenBLAS's one-thread size: its own threads run it
        assertEquals(Blas.Cut.DEPTH, Blas.splits(true, false, false, 1000, 1000, 1000));
        assertEquals(Blas.Cut.NONE, Blas.splits(true, false, false, 2000, 2000, 2000));
        // a transposed operand or a large C is never cut by depth
        assertEquals(Blas.Cut.ROWS, Blas.splits(true, false, true, 10, 30, 784));
        assertEquals(Blas.Cut.ROWS, Blas.splits(false, false, false, 1000, 30, 784));
    }

    /** Cut products on the implementation in use (OpenBLAS when installed), against EJML. */
    @Property(tries = 60, seed = Seeds.FIXED)
    void cutProductsMatchEjml(
            @ForAll @IntRange(min = 1, max = 40) int m,
            @ForAll @IntRange(min = 1, max = 60) int n,
            @ForAll @IntRange(min = 100, max = 900) int k,
            @ForAll boolean transA,
            @ForAll boolean transB,
            @ForAll long seed) {
        Random r = new Random(seed);
        DMatrixRMaj a = random(transA ? k : m, transA ? m : k, r);
        DMatrixRMaj b = random(transB ? n : k, transB ? k : n, r);
        DMatrixRMaj expected = random(m, n, r);
        DMatrixRMaj c = expected.copy();
        DMatrixRMaj product = new DMatrixRMaj(m, n);
        CommonOps_DDRM.mult(
                transA ? CommonOps_DDRM.transpose(a, null) : a,
                transB ? CommonOps_DDRM.transpose(b, null) : b,
                product);
        CommonOps_DDRM.scale(0.5, expected);
        CommonOps_DDRM.addEquals(expected, 2.0, product);
        Blas.gemm(transA, transB, m, n, k, 2.0, a.data, 0, b.data, 0, 0.5, c.data, 0);
        for (int i = 0; i < expected.data.length; i++) {
            assertEquals(expected.data[i], c.data[i], 1e-14 * k, () -> m + "x" + k + " by " + k + "x" + n);
        }
    }

    /**
     * Products large enough that OpenBLAS would start its own threads, shaped so that each of the
     * three cuts is chosen (the smallest operand is A, B or C), on the implementation in use (on
     * OpenBLAS each part runs as pieces, in one or two dimensions), cut between the cores and on
     * one thread, against EJML.
     */
    @Property(tries = 24, seed = Seeds.FIXED)
    void largeProductsCutEveryWayMatchEjml(
            @ForAll @IntRange(min = 0, max = 2) int smallest,
            @ForAll @IntRange(min = 2, max = 40) int thin1,
            @ForAll @IntRange(min = 2, max = 40) int thin2,
            @ForAll @IntRange(min = 1_000_000, max = 3_000_000) int mnk,
            @ForAll boolean transA,
            @ForAll boolean transB,
            @ForAll long seed) {
        int wide = Math.max(41, mnk / (thin1 * thin2)); // above both thin sizes, so the thin pair is smallest
        int m = smallest == 1 ? wide : thin1;
        int k = smallest == 2 ? wide : smallest == 0 ? thin2 : thin1;
        int n = smallest == 0 ? wide : thin2;
        check(m, n, k, transA, transB, seed);
        checkHere(m, n, k, transA, transB, seed);
    }

    /** Pieces cut in two dimensions (the wide workload's shapes on OpenBLAS), every transpose, against EJML. */
    @Test
    void piecesCutInTwoDimensionsMatchEjml() {
        int[][] shapes = {{100, 256, 784}, {784, 256, 100}, {256, 784, 100}, {100, 256, 256}};
        long seed = 11;
        for (int[] s : shapes) {
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    check(s[0], s[1], s[2], ta, tb, seed);
                    checkHere(s[0], s[1], s[2], ta, tb, seed++);
                }
            }
        }
    }

    @Test
    void oneByOneAndTallThinShapes() {
        int[][] shapes = {{1, 1, 1}, {1000, 1, 3}, {1, 1000, 3}, {500, 2, 1}, {3, 2, 784}, {100, 50, 784}};
        long seed = 1;
        for (int[] s : shapes) {
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    check(s[0], s[1], s[2], ta, tb, seed++);
                }
            }
        }
    }

    @Test
    void alphaAndBetaAccumulate() {
        double[] c = {10};
        Blas.gemm(false, false, 1, 1, 2, 2.0, new double[] {1, 2}, 0, new double[] {3, 4}, 0, 0.5, c, 0);
        assertEquals(2 * 11 + 5, c[0]);
    }

    private static void check(int m, int n, int k, boolean transA, boolean transB, long seed) {
        check(m, n, k, transA, transB, seed, false);
    }

    private static void checkHere(int m, int n, int k, boolean transA, boolean transB, long seed) {
        check(m, n, k, transA, transB, seed, true);
    }

    private static void check(int m, int n, int k, boolean transA, boolean transB, long seed, boolean here) {
        Random r = new Random(seed);
        DMatrixRMaj a = random(transA ? k : m, transA ? m : k, r);
        DMatrixRMaj b = random(transB ? n : k, transB ? k : n, r);
        DMatrixRMaj opA = transA ? CommonOps_DDRM.transpose(a, null) : a;
        DMatrixRMaj opB = transB ? CommonOps_DDRM.transpose(b, null) : b;
        DMatrixRMaj expected = new DMatrixRMaj(m, n);
        CommonOps_DDRM.mult(opA, opB, expected);
        DMatrixRMaj c = random(m, n, r); // garbage that beta = 0 must overwrite
        if (here) {
            Blas.gemmHere(transA, transB, m, n, k, 1.0, a.data, 0, b.data, 0, 0.0, c.data, 0);
        } else {
            Blas.gemm(transA, transB, m, n, k, 1.0, a.data, 0, b.data, 0, 0.0, c.data, 0);
        }
        for (int i = 0; i < expected.data.length; i++) {
            // a sum of k products of numbers below 1 in magnitude: rounding is below k·ε
            assertEquals(
                    expected.data[i],
                    c.data[i],
                    1e-14 * k,
                    () -> m + "x" + k + " by " + k + "x" + n + " transA=" + transA + " transB=" + transB);
        }
    }

    private static DMatrixRMaj random(int rows, int cols, Random r) {
        DMatrixRMaj x = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = 2 * r.nextDouble() - 1;
        }
        return x;
    }
}
