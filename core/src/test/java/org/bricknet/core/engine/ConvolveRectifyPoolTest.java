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

/**
 * The fused pass {@code convolveRectifyPool} against {@code convolve}, {@code rectify} and
 * {@code maxPool} one after another, bit for bit, forward and backward: on small shapes whose values
 * are drawn from a few levels (so that windows hold ties, zeros and negative maxima), on a batch
 * split between the cores, and by hand.
 */
@Tag("engine")
@net.jqwik.api.Tag("engine")
class ConvolveRectifyPoolTest {

    @Property(tries = 150, seed = Seeds.FIXED)
    void theFusedPassIsTheThreePassesBitForBit(
            @ForAll @IntRange(min = 1, max = 4) int n,
            @ForAll @IntRange(min = 1, max = 2) int c,
            @ForAll @IntRange(min = 2, max = 8) int h,
            @ForAll @IntRange(min = 2, max = 8) int w,
            @ForAll @IntRange(min = 1, max = 3) int fn,
            @ForAll @IntRange(min = 1, max = 3) int k,
            @ForAll @IntRange(min = 1, max = 2) int stride,
            @ForAll @IntRange(min = 0, max = 1) int pad,
            @ForAll @IntRange(min = 1, max = 3) int pk,
            @ForAll @IntRange(min = 1, max = 3) int ps,
            @ForAll @IntRange(min = 0, max = 1) int ppad,
            @ForAll boolean inputGradient,
            @ForAll long seed) {
        int kh = Math.min(k, h);
        int kw = Math.min(k, w);
        Patches conv = new Patches(c, h, w, kh, kw, stride, pad);
        int ph = Math.min(pk, conv.oh());
        int pw = Math.min(pk, conv.ow());
        Patches window = new Patches(fn, conv.oh(), conv.ow(), ph, pw, ps, Math.min(ppad, Math.min(ph, pw) - 1));
        check(n, fn, conv, window, inputGradient, true, seed);
    }

    /** SimpleConvNet's first three layers on 20 images: split between the cores, the 2x2 loop's vectors. */
    @Test
    void aSplitBatchOfSimpleConvNetsFirstLayersIsTheThreePasses() {
        Patches simple = new Patches(1, 28, 28, 5, 5, 1, 0);
        check(20, 30, simple, new Patches(30, 24, 24, 2, 2, 2, 0), false, false, 11);
        check(20, 30, simple, new Patches(30, 24, 24, 2, 2, 2, 0), true, true, 12);
        check(9, 16, new Patches(2, 12, 12, 3, 3, 2, 1), new Patches(16, 6, 6, 3, 3, 2, 1), true, false, 13);
    }

    /** One 2x2 image, one 1x1 filter of weight 1 and bias 0, one 2x2 window. */
    @Test
    void aNegativeWindowGivesZeroAndNoGradient() {
        Tensor one = Tensor.of(new double[] {1}, 1, 1, 1, 1);
        Patches window = new Patches(1, 2, 2, 2, 2, 2, 0);
        Tensor y = Tensor.zeros(1, 1, 1, 1);
        int[] argmax = new int[1];
        Tensor dw = Tensor.zeros(1, 1, 1, 1);
        Tensor db = Tensor.zeros(1);
        Tensor dx = Tensor.zeros(1, 1, 2, 2);
        Tensor x = Tensor.of(new double[] {-3, -1, -2, -4}, 1, 1, 2, 2);
        Ops.convolveRectifyPool(x, one, Tensor.zeros(1), 1, 0, window, y, argmax);
        assertEquals(0L, Double.doubleToRawLongBits(y.get(0, 0, 0, 0))); // max(-1, 0) = +0
        Ops.convolveRectifyPoolBackward(
                x, one, y, argmax, Tensor.vector(5).reshape(1, 1, 1, 1), 1, 0, window, dw, db, dx);
        assertArrayEquals(new double[] {0, 0, 0, 0}, dx.data());
        assertArrayEquals(new double[] {0}, db.data());

        x = Tensor.of(new double[] {-3, 7, 7, -4}, 1, 1, 2, 2); // a tie: the first 7 wins
        Ops.convolveRectifyPool(x, one, Tensor.zeros(1), 1, 0, window, y, argmax);
        assertEquals(7.0, y.get(0, 0, 0, 0));
        assertEquals(1, argmax[0]);
        Ops.convolveRectifyPoolBackward(
                x, one, y, argmax, Tensor.vector(5).reshape(1, 1, 1, 1), 1, 0, window, dw, db, dx);
        assertArrayEquals(new double[] {0, 5, 0, 0}, dx.data());
        assertArrayEquals(new double[] {35}, dw.data()); // 5·7
        assertArrayEquals(new double[] {5}, db.data());
    }

    @Test
    void aNaNStaysNaN() {
        Tensor x = Tensor.of(new double[] {1, Double.NaN, 2, 3}, 1, 1, 2, 2);
        Tensor y = Tensor.zeros(1, 1, 1, 1);
        Ops.convolveRectifyPool(
                x,
                Tensor.of(new double[] {1}, 1, 1, 1, 1),
                Tensor.zeros(1),
                1,
                0,
                new Patches(1, 2, 2, 2, 2, 2, 0),
                y,
                new int[1]);
        assertTrue(Double.isNaN(y.get(0, 0, 0, 0)), y.toString());
    }

    @Test
    void windowsOverAnotherShapeAndOutputsOfAnotherShapeAreRefusedByName() {
        Tensor x = Tensor.zeros(2, 1, 6, 6);
        Tensor f = Tensor.zeros(3, 1, 3, 3);
        IllegalArgumentException wrongWindow = assertThrows(
                IllegalArgumentException.class,
                () -> Ops.convolveRectifyPool(
                        x,
                        f,
                        Tensor.zeros(3),
                        1,
                        0,
                        new Patches(3, 5, 5, 2, 2, 2, 0),
                        Tensor.zeros(2, 3, 2, 2),
                        new int[24]));
        assertEquals(
                "Ops.convolveRectifyPool: expected pooling windows over the convolution's output (3, 4, 4), got"
                        + " windows over (3, 5, 5)",
                wrongWindow.getMessage());
        IllegalArgumentException wrongOutput = assertThrows(
                IllegalArgumentException.class,
                () -> Ops.convolveRectifyPool(
                        x,
                        f,
                        Tensor.zeros(3),
                        1,
                        0,
                        new Patches(3, 4, 4, 2, 2, 2, 0),
                        Tensor.zeros(2, 3, 4, 4),
                        new int[96]));
        assertEquals(
                "Ops.convolveRectifyPool: expected the output of shape (2, 3, 2, 2), got (2, 3, 4, 4)",
                wrongOutput.getMessage());
    }

    /**
     * Runs both ways and compares every bit: output, winners where the output is positive, and the
     * gradients. With {@code levels}, values come from a few small integers (ties, zeros, negative
     * windows); else they are Gaussian.
     */
    private static void check(
            int n, int fn, Patches g, Patches window, boolean inputGradient, boolean levels, long seed) {
        int c = g.channels();
        int h = g.height();
        int w = g.width();
        int kh = g.kh();
        int kw = g.kw();
        int oh = g.oh();
        int ow = g.ow();
        int stride = g.stride();
        int pad = g.pad();
        Random r = new Random(seed);
        Tensor x = draw(r, levels, n, c, h, w);
        Tensor f = draw(r, levels, fn, c, kh, kw);
        Tensor b = draw(r, levels, fn);

        Tensor conv = Tensor.zeros(n, fn, oh, ow);
        Ops.convolve(x, f, b, stride, pad, conv);
        Tensor relu = Tensor.zeros(n, fn, oh, ow);
        Ops.rectify(conv, relu);
        Tensor expected = Tensor.zeros(n, fn, window.oh(), window.ow());
        int[] expectedArgmax = new int[expected.size()];
        Ops.maxPool(relu, window, expected, expectedArgmax);

        Tensor y = Tensor.zeros(n, fn, window.oh(), window.ow());
        int[] argmax = new int[y.size()];
        Ops.convolveRectifyPool(x, f, b, stride, pad, window, y, argmax);
        assertArrayEquals(expected.data(), y.data());
        int perImage = fn * oh * ow;
        int windows = fn * window.oh() * window.ow();
        for (int o = 0; o < y.size(); o++) {
            if (y.data()[o] > 0) {
                assertEquals(expectedArgmax[o] - (o / windows) * perImage, argmax[o], "winner of window " + o);
            }
        }

        Tensor dy = draw(r, false, n, fn, window.oh(), window.ow());
        Tensor dRelu = Tensor.zeros(n, fn, oh, ow);
        Ops.maxPoolBackward(dy, expectedArgmax, window, dRelu);
        Tensor dConv = Tensor.zeros(n, fn, oh, ow);
        Ops.keepWherePositive(relu, dRelu, dConv);
        Tensor dwExpected = Tensor.zeros(fn, c, kh, kw);
        Tensor dbExpected = Tensor.zeros(fn);
        Tensor dxExpected = inputGradient ? Tensor.zeros(n, c, h, w) : null;
        Ops.convolveBackward(x, f, dConv, stride, pad, dwExpected, dbExpected, dxExpected);

        Tensor dw = Tensor.zeros(fn, c, kh, kw).fill(9);
        Tensor db = Tensor.zeros(fn).fill(9);
        Tensor dx = inputGradient ? Tensor.zeros(n, c, h, w).fill(9) : null;
        Ops.convolveRectifyPoolBackward(x, f, y, argmax, dy, stride, pad, window, dw, db, dx);
        assertArrayEquals(dwExpected.data(), dw.data());
        assertArrayEquals(dbExpected.data(), db.data());
        if (inputGradient) {
            assertArrayEquals(dxExpected.data(), dx.data());
        }
    }

    private static Tensor draw(Random r, boolean levels, int... shape) {
        Tensor t = Tensor.zeros(shape);
        double[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = levels ? r.nextInt(5) - 2 : r.nextGaussian();
        }
        return t;
    }
}
