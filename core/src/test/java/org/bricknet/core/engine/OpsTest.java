package org.bricknet.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.bricknet.core.Tensor;
import org.bricknet.core.testing.Seeds;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The named operations: hand-worked products, the shape checks, and the split passes. */
@Tag("engine")
@net.jqwik.api.Tag("engine")
class OpsTest {
    private static final Tensor A = Tensor.matrix(new double[][] {{1, 2, 3}, {4, 5, 6}});
    private static final Tensor B = Tensor.matrix(new double[][] {{7, 8}, {9, 10}, {11, 12}});

    @Test
    void theFourProductsByHand() {
        Tensor c = Tensor.zeros(2, 2);
        Ops.mult(A, B, c);
        assertArrayEquals(new double[] {58, 64, 139, 154}, c.data());
        Ops.multAdd(A, B, c);
        assertArrayEquals(new double[] {116, 128, 278, 308}, c.data());
        Tensor ata = Tensor.zeros(3, 3);
        Ops.multTransA(A, A, ata); // AᵀA
        assertArrayEquals(new double[] {17, 22, 27, 22, 29, 36, 27, 36, 45}, ata.data());
        Tensor aat = Tensor.zeros(2, 2);
        Ops.multTransB(A, A, aat); // AAᵀ
        assertArrayEquals(new double[] {14, 32, 32, 77}, aat.data());
    }

    @Test
    void blocksAreMatricesInsideALargerArray() {
        double[] big = {99, 1, 2, 3, 4, 5, 6};
        double[] out = {-1, -1, 0, 0, 0, 0};
        Ops.mult(Block.of(big, 1, 2, 3), Block.of(B), Block.of(out, 2, 2, 2));
        assertArrayEquals(new double[] {-1, -1, 58, 64, 139, 154}, out);
        Ops.multAddTransB(
                Block.of(new double[] {1, 0}, 0, 1, 2),
                Block.of(new double[] {2, 3, 4, 5}, 0, 2, 2),
                Block.of(out, 0, 1, 2));
        assertArrayEquals(new double[] {1, 3, 58, 64, 139, 154}, out); // [1 0]·[[2 3][4 5]]ᵀ = [2 4], plus -1
    }

    @Test
    void mismatchedShapesAreNamed() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Ops.mult(A, A, Tensor.zeros(2, 2)));
        assertEquals("Ops.mult: cannot multiply (2, 3) by (2, 3) into (2, 2)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Ops.multTransB(A, B, Tensor.zeros(2, 3)));
        assertEquals("Ops.multTransB: cannot multiply (2, 3) by (3, 2)ᵀ into (2, 3)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Block.of(new double[5], 1, 2, 3));
        assertEquals("Block: 2x3 from offset 1 does not fit an array of 5", e.getMessage());
    }

    @Test
    void columnSumsAndRowFills() {
        Tensor s = Tensor.zeros(3);
        Ops.sumCols(A, s);
        assertArrayEquals(new double[] {5, 7, 9}, s.data());
        Tensor y = Tensor.zeros(2, 3);
        Ops.fillRows(y, Tensor.vector(1, 2, 3));
        assertArrayEquals(new double[] {1, 2, 3, 1, 2, 3}, y.data());
        assertThrows(IllegalArgumentException.class, () -> Ops.sumCols(A, Tensor.zeros(2)));
        assertThrows(IllegalArgumentException.class, () -> Ops.fillRows(y, Tensor.zeros(2)));
    }

    /** Rows gathered whole or in two column halves are the same rows. */
    @Property(tries = 50, seed = Seeds.FIXED)
    void gatherCopiesTheChosenRows(
            @ForAll @IntRange(min = 1, max = 300) int rows,
            @ForAll @IntRange(min = 1, max = 900) int per,
            @ForAll @IntRange(min = 1, max = 120) int n,
            @ForAll long seed) {
        Random r = new Random(seed);
        double[] src = new double[rows * per];
        for (int i = 0; i < src.length; i++) {
            src[i] = r.nextDouble();
        }
        int[] index = new int[n + 3];
        for (int i = 0; i < index.length; i++) {
            index[i] = r.nextInt(rows);
        }
        double[] dst = new double[n * per];
        Ops.gatherRows(src, per, index, 3, n, dst);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < per; j++) {
                assertEquals(src[index[3 + i] * per + j], dst[i * per + j]);
            }
        }
    }

    /** Rows of bytes gathered through a table, whole or in two column halves, are the table's values. */
    @Property(tries = 50, seed = Seeds.FIXED)
    void aByteGatherLooksEveryByteUpInTheTable(
            @ForAll @IntRange(min = 1, max = 300) int rows,
            @ForAll @IntRange(min = 1, max = 900) int per,
            @ForAll @IntRange(min = 1, max = 120) int n,
            @ForAll long seed) {
        Random r = new Random(seed);
        byte[] src = new byte[rows * per];
        r.nextBytes(src);
        double[] table = new double[256];
        for (int b = 0; b < 256; b++) {
            table[b] = b / 255.0;
        }
        int[] index = new int[n + 3];
        for (int i = 0; i < index.length; i++) {
            index[i] = r.nextInt(rows);
        }
        double[] dst = new double[n * per];
        Ops.gatherRows(src, table, per, index, 3, n, dst);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < per; j++) {
                assertEquals((src[index[3 + i] * per + j] & 0xff) / 255.0, dst[i * per + j]);
            }
        }
    }

    @Test
    void aByteGatherNeedsAValuePerByte() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Ops.gatherRows(new byte[4], new double[255], 2, new int[] {0}, 0, 1, new double[2]));
        assertEquals("Ops.gatherRows: expected a table of 256 values, one per byte, got 255", e.getMessage());
    }

    /** Every element is updated exactly once, whether the update is split or not. */
    @Property(tries = 50, seed = Seeds.FIXED)
    void updateElementsVisitsEveryElementOnce(
            @ForAll @IntRange(min = 1, max = 300) int rows, @ForAll @IntRange(min = 1, max = 100) int cols) {
        Tensor w = Tensor.zeros(rows, cols);
        Ops.updateElements(w, (from, to) -> {
            for (int i = from; i < to; i++) {
                w.data()[i] += 1;
            }
        });
        for (double v : w.data()) {
            assertEquals(1.0, v);
        }
    }

    @Test
    void elementSplitsFollowTheRowsOfAWeightMatrix() {
        // W1 of 784 x 50: the second core owns rows 392.., elements 392·50..
        assertEquals(392 * 50, Halves.elements(Tensor.zeros(784, 50)));
        // 100 x 10: rows 48.., elements 480.. (not half of 1000 rounded: the rows decide)
        assertEquals(480, Halves.elements(Tensor.zeros(100, 10)));
        assertEquals(Halves.at(4096), Halves.elements(Tensor.zeros(4096)));
    }
}
