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

/**
 * The convolution's passes against the sums that define them, on small shapes and on a batch large
 * enough that its images are split between the cores; and the unrolling's layout by hand.
 */
@Tag("engine")
@net.jqwik.api.Tag("engine")
class ConvolveTest {

    @Property(tries = 80, seed = Seeds.FIXED)
    void forwardAndBackwardAreTheirDefinitions(
            @ForAll @IntRange(min = 1, max = 5) int n,
            @ForAll @IntRange(min = 1, max = 3) int c,
            @ForAll @IntRange(min = 1, max = 7) int h,
            @ForAll @IntRange(min = 1, max = 7) int w,
            @ForAll @IntRange(min = 1, max = 4) int fn,
            @ForAll @IntRange(min = 1, max = 3) int k,
            @ForAll @IntRange(min = 1, max = 2) int stride,
            @ForAll @IntRange(min = 0, max = 1) int pad,
            @ForAll boolean inputGradient,
            @ForAll long seed) {
        check(n, c, h, w, fn, Math.min(k, h + 2 * pad), Math.min(k, w + 2 * pad), stride, pad, inputGradient, seed);
    }

    /** SimpleConvNet's first layer on 8 images: 7 MFLOP, so the images are split between the cores. */
    @Test
    void aSplitBatchIsItsDefinition() {
        check(8, 1, 28, 28, 30, 5, 5, 1, 0, true, 7);
        check(9, 2, 12, 12, 16, 3, 3, 1, 1, false, 8);
    }

    @Test
    void theBiasIsAddedAndItsGradientSumsEveryPosition() {
        // one 2x2 image, one 1x1 filter of weight 2 and bias 0.5: y = 2x + 0.5; db = Σ dy
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4}, 1, 1, 2, 2);
        Tensor y = Tensor.zeros(1, 1, 2, 2);
        Ops.convolve(x, Tensor.of(new double[] {2}, 1, 1, 1, 1), Tensor.vector(0.5), 1, 0, y);
        assertArrayEquals(new double[] {2.5, 4.5, 6.5, 8.5}, y.data());
        Tensor dw = Tensor.zeros(1, 1, 1, 1);
        Tensor db = Tensor.zeros(1);
        Tensor dx = Tensor.zeros(1, 1, 2, 2);
        Tensor dy = Tensor.of(new double[] {1, 0, 0, 3}, 1, 1, 2, 2);
        Ops.convolveBackward(x, Tensor.of(new double[] {2}, 1, 1, 1, 1), dy, 1, 0, dw, db, dx);
        assertArrayEquals(new double[] {1 + 12}, dw.data()); // Σ dy·x
        assertArrayEquals(new double[] {4}, db.data());
        assertArrayEquals(new double[] {2, 0, 0, 6}, dx.data()); // 2·dy
    }

    @Test
    void im2colLaysOutOnePatchPerColumn() {
        // 3x3 image 1..9, 2x2 kernel, stride 1, pad 0: row (i, j) lists x[y + i, x + j] over the 2x2 outputs
        Patches g = new Patches(1, 3, 3, 2, 2, 1, 0);
        double[] col = new double[g.patchSize() * g.outputSize()];
        Ops.im2col(g, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 0, col, 0);
        assertArrayEquals(new double[] {1, 2, 4, 5, 2, 3, 5, 6, 4, 5, 7, 8, 5, 6, 8, 9}, col);
        double[] back = new double[9];
        Ops.col2im(g, col, 0, back, 0);
        // each pixel comes back once per patch that holds it: corners once, edges twice, the centre four times
        assertArrayEquals(new double[] {1, 4, 3, 8, 20, 12, 7, 16, 9}, back);
    }

    @Test
    void shapesAreCheckedAndNamed() {
        Tensor x = Tensor.zeros(2, 3, 5, 5);
        Tensor w = Tensor.zeros(4, 3, 3, 3);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Ops.convolve(x, w, Tensor.zeros(4), 1, 0, Tensor.zeros(2, 4, 5, 5)));
        assertEquals("Ops.convolve: expected the output of shape (2, 4, 3, 3), got (2, 4, 5, 5)", e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> Ops.convolve(x, Tensor.zeros(4, 2, 3, 3), Tensor.zeros(4), 1, 0, Tensor.zeros(2, 4, 3, 3)));
        assertEquals(
                "Ops.convolve: expected images (N, C, H, W) and filters (FN, C, KH, KW), got (2, 3, 5, 5) and (4, 2, 3, 3)",
                e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> Ops.convolve(x, w, Tensor.zeros(3), 1, 0, Tensor.zeros(2, 4, 3, 3)));
        assertEquals("Ops.convolve: expected the bias of shape (4,), got (3,)", e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> Ops.convolveBackward(
                        x, w, Tensor.zeros(2, 4, 3, 3), 1, 0, Tensor.zeros(4, 3, 3), Tensor.zeros(4), null));
        assertEquals(
                "Ops.convolveBackward: expected the filter gradient of shape (4, 3, 3, 3), got (4, 3, 3)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Patches(1, 2, 2, 3, 3, 1, 0));
        assertEquals("Patches: window 3x3 is larger than the padded image 2x2", e.getMessage());
    }

    private static void check(
            int n, int c, int h, int w, int fn, int kh, int kw, int stride, int pad, boolean inputGradient, long seed) {
        Random r = new Random(seed);
        Tensor x = Tensor.randn(r, 1.0, n, c, h, w);
        Tensor f = Tensor.randn(r, 1.0, fn, c, kh, kw);
        Tensor b = Tensor.randn(r, 1.0, fn);
        int oh = (h + 2 * pad - kh) / stride + 1;
        int ow = (w + 2 * pad - kw) / stride + 1;
        Tensor y = Tensor.randn(r, 1.0, n, fn, oh, ow); // garbage the pass must overwrite
        Ops.convolve(x, f, b, stride, pad, y);
        Tensor dy = Tensor.randn(r, 1.0, n, fn, oh, ow);
        Tensor dw = Tensor.randn(r, 1.0, fn, c, kh, kw);
        Tensor db = Tensor.randn(r, 1.0, fn);
        Tensor dx = inputGradient ? Tensor.randn(r, 1.0, n, c, h, w) : null;
        Ops.convolveBackward(x, f, dy, stride, pad, dw, db, dx);
        double[] ew = new double[dw.size()];
        double[] eb = new double[fn];
        double[] ex = new double[x.size()];
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < fn; o++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double s = b.get(o);
                        double g = dy.get(i, o, oy, ox);
                        eb[o] += g;
                        for (int ch = 0; ch < c; ch++) {
                            for (int ky = 0; ky < kh; ky++) {
                                for (int kx = 0; kx < kw; kx++) {
                                    int iy = oy * stride - pad + ky;
                                    int ix = ox * stride - pad + kx;
                                    if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                        s += f.get(o, ch, ky, kx) * x.get(i, ch, iy, ix);
                                        ew[((o * c + ch) * kh + ky) * kw + kx] += g * x.get(i, ch, iy, ix);
                                        ex[((i * c + ch) * h + iy) * w + ix] += g * f.get(o, ch, ky, kx);
                                    }
                                }
                            }
                        }
                        // sums of at most a few thousand terms of size about 1: rounding stays below 1e-11
                        assertEquals(s, y.get(i, o, oy, ox), 1e-11);
                    }
                }
            }
        }
        assertArrayEquals(ew, dw.data(), 1e-10);
        assertArrayEquals(eb, db.data(), 1e-10);
        if (inputGradient) {
            assertArrayEquals(ex, dx.data(), 1e-11);
        }
    }
}
