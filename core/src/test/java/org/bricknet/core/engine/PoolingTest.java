package org.bricknet.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.bricknet.core.Tensor;
import org.bricknet.core.testing.Seeds;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Max pooling against its definition (with ties, overlaps and padding), and its NaN rule. */
@Tag("engine")
@net.jqwik.api.Tag("engine")
class PoolingTest {

    /** Values drawn from a few levels, so that windows often hold ties. */
    @Property(tries = 120, seed = Seeds.FIXED)
    void theMaximumIsTheFirstLargestCellAndTheGradientGoesThere(
            @ForAll @IntRange(min = 1, max = 3) int n,
            @ForAll @IntRange(min = 1, max = 3) int c,
            @ForAll @IntRange(min = 1, max = 9) int h,
            @ForAll @IntRange(min = 1, max = 9) int w,
            @ForAll @IntRange(min = 1, max = 3) int k,
            @ForAll @IntRange(min = 1, max = 3) int stride,
            @ForAll @IntRange(min = 0, max = 2) int pad,
            @ForAll long seed) {
        int kh = Math.min(k, h);
        int kw = Math.min(k, w);
        check(n, c, h, w, kh, kw, stride, Math.min(pad, Math.min(kh, kw) - 1), seed);
    }

    /** The usual 2x2 windows with stride 2, which have a loop of their own, and a batch large enough to be split. */
    @Test
    void twoByTwoWindowsAndASplitBatch() {
        check(2, 3, 6, 8, 2, 2, 2, 0, 1);
        check(2, 3, 7, 5, 2, 2, 2, 0, 2); // odd sizes: the last row and column are left out
        check(20, 30, 24, 24, 2, 2, 2, 0, 3);
        check(20, 30, 24, 24, 3, 3, 2, 1, 4);
    }

    /**
     * Positive zero beats negative zero (as {@link Math#max}) and the first of equal cells wins, in
     * the vector loop (two windows at a time) and in the scalar loop for the row's odd last window.
     */
    @Test
    void positiveZeroBeatsNegativeZeroAndTheFirstOfEqualCellsWins() {
        double z = -0.0;
        Patches g = new Patches(1, 2, 6, 2, 2, 2, 0);
        Tensor x = Tensor.of(new double[] {z, z, 0, 0, z, 0, z, 0, 0, z, z, z}, 1, 1, 2, 6);
        Tensor y = Tensor.zeros(1, 1, 1, 3);
        int[] argmax = new int[3];
        Ops.maxPool(x, g, y, argmax);
        assertArrayEquals(new double[] {0.0, 0.0, 0.0}, y.data());
        for (double v : y.data()) {
            assertEquals(0L, Double.doubleToRawLongBits(v));
        }
        assertArrayEquals(new int[] {7, 2, 5}, argmax);
    }

    @Test
    void aNaNMakesItsWindowNaNWhereverItIs() {
        Patches g = new Patches(1, 2, 4, 2, 2, 2, 0);
        Tensor x = Tensor.of(new double[] {1, 5, 2, 2, Double.NaN, 3, 2, Double.NaN}, 1, 1, 2, 4);
        Tensor y = Tensor.zeros(1, 1, 1, 2);
        Ops.maxPool(x, g, y, new int[2]);
        assertTrue(Double.isNaN(y.get(0, 0, 0, 0)) && Double.isNaN(y.get(0, 0, 0, 1)), y.toString());
        Patches wide = new Patches(1, 2, 4, 2, 3, 1, 0); // the loop for any window
        Tensor z = Tensor.zeros(1, 1, 1, 2);
        Ops.maxPool(x, wide, z, new int[2]);
        assertTrue(Double.isNaN(z.get(0, 0, 0, 0)) && Double.isNaN(z.get(0, 0, 0, 1)), z.toString());
    }

    @Test
    void shapesAreCheckedAndNamed() {
        Patches g = new Patches(3, 4, 4, 2, 2, 2, 0);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Ops.maxPool(Tensor.zeros(2, 3, 4, 5), g, Tensor.zeros(2, 3, 2, 2), new int[24]));
        assertEquals("Ops.maxPool: expected images of shape (N, 3, 4, 4), got (2, 3, 4, 5)", e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> Ops.maxPool(Tensor.zeros(2, 3, 4, 4), g, Tensor.zeros(2, 3, 2, 2), new int[23]));
        assertEquals("Ops.maxPool: expected 24 places of the maxima, one per output, got 23", e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> Ops.maxPoolBackward(Tensor.zeros(2, 3, 3, 2), new int[24], g, Tensor.zeros(2, 3, 4, 4)));
        assertEquals(
                "Ops.maxPoolBackward: expected the output gradient of shape (2, 3, 2, 2), got (2, 3, 3, 2)",
                e.getMessage());
    }

    private static void check(int n, int c, int h, int w, int kh, int kw, int stride, int pad, long seed) {
        Random r = new Random(seed);
        Tensor x = Tensor.zeros(n, c, h, w);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = r.nextInt(4) - 1.5;
        }
        Patches g = new Patches(c, h, w, kh, kw, stride, pad);
        Tensor y = Tensor.randn(r, 1.0, n, c, g.oh(), g.ow());
        int[] argmax = new int[y.size()];
        Ops.maxPool(x, g, y, argmax);
        Tensor dy = Tensor.randn(r, 1.0, n, c, g.oh(), g.ow());
        Tensor dx = Tensor.randn(r, 1.0, n, c, h, w); // garbage the pass must overwrite
        Ops.maxPoolBackward(dy, argmax, g, dx);
        double[] expectedDx = new double[x.size()];
        int o = 0;
        for (int plane = 0; plane < n * c; plane++) {
            for (int oy = 0; oy < g.oh(); oy++) {
                for (int ox = 0; ox < g.ow(); ox++, o++) {
                    int best = -1;
                    for (int i = 0; i < kh; i++) {
                        for (int j = 0; j < kw; j++) {
                            int iy = oy * stride - pad + i;
                            int ix = ox * stride - pad + j;
                            int at = (plane * h + iy) * w + ix;
                            if (iy >= 0 && iy < h && ix >= 0 && ix < w && (best < 0 || x.data()[at] > x.data()[best])) {
                                best = at;
                            }
                        }
                    }
                    assertEquals(x.data()[best], y.data()[o]);
                    assertEquals(best, argmax[o], "window " + o);
                    expectedDx[best] += dy.data()[o];
                }
            }
        }
        assertArrayEquals(expectedDx, dx.data());
    }
}
