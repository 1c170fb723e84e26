package org.bricknet.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.constraints.IntRange;
import org.bricknet.core.Layer;
import org.bricknet.core.Tensor;
import org.bricknet.core.contract.LayerContract;
import org.bricknet.core.contract.Tensors;
import org.bricknet.core.testing.Seeds;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked examples and the comparison with the plain sum definition, and Convolution under the
 * layer contract (inherited jqwik properties) on (N, C, H, W) images: the factory draws 1 to 3
 * filters, a kernel of 1 to 3 per side (cut to fit the padded input), stride 1 or 2, padding 0 or 1,
 * weights and bias from its Random.
 */
@PropertyDefaults(tries = 40)
@Tag("engine")
@net.jqwik.api.Tag("engine")
class ConvolutionTest extends LayerContract {
    private static final Tensor X = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3);
    private static final double[] FILTER = {1, 2, 3, 4};

    @Override
    protected Layer create(int[] inputShape, Random random) {
        int c = inputShape[1];
        int stride = 1 + random.nextInt(2);
        int pad = random.nextInt(2);
        int kh = Math.min(1 + random.nextInt(3), inputShape[2] + 2 * pad);
        int kw = Math.min(1 + random.nextInt(3), inputShape[3] + 2 * pad);
        int fn = 1 + random.nextInt(3);
        return new Convolution(Tensor.randn(random, 1.0, fn, c, kh, kw), Tensor.randn(random, 1.0, fn), stride, pad);
    }

    /** (N, C, H, W) with N, C in 1..3 and H, W in 1..6. */
    @Override
    protected Arbitrary<int[]> inputShapes() {
        return Tensors.shapes(4, 4, 6).filter(s -> s[0] <= 3 && s[1] <= 3);
    }

    /** Any height and width is right; only the channel axis must match the filters. */
    @Override
    protected List<int[]> wrongInputShapes(int[] accepted) {
        int[] s = accepted.clone();
        s[1]++;
        return List.of(s);
    }

    @Test
    void forwardAndBackwardByHandStride1Pad0() {
        Convolution conv = new Convolution(Tensor.of(FILTER.clone(), 1, 1, 2, 2), Tensor.vector(0.5), 1, 0);
        Tensor y = conv.forward(X);
        // top-left window [1 2; 4 5]·[1 2; 3 4] = 1 + 4 + 12 + 20 = 37, then 47, 67, 77; plus b = 0.5
        assertArrayEquals(new int[] {1, 1, 2, 2}, y.shape());
        assertArrayEquals(new double[] {37.5, 47.5, 67.5, 77.5}, y.data(), 1e-12);
        Tensor dx = conv.backward(Tensor.of(new double[] {1, 0, 0, 1}, 1, 1, 2, 2));
        // dW[i, j] = x[i, j] + x[1 + i, 1 + j]; db = 1 + 1
        assertArrayEquals(new double[] {6, 8, 12, 14}, conv.weights().grad().data(), 1e-12);
        assertArrayEquals(new double[] {2}, conv.bias().grad().data(), 1e-12);
        // dx: the filter laid at the top-left plus the filter laid at the bottom-right
        assertArrayEquals(new double[] {1, 2, 0, 3, 5, 2, 0, 3, 4}, dx.data(), 1e-12);
    }

    @Test
    void forwardByHandStride2Pad1() {
        Convolution conv = new Convolution(Tensor.of(FILTER.clone(), 1, 1, 2, 2), Tensor.vector(0), 2, 1);
        Tensor y = conv.forward(X);
        // padded 5x5, windows at rows/columns (−1, 0) and (1, 2): OH = OW = (3 + 2 − 2) / 2 + 1 = 2
        // (0,0): 1·4; (0,1): 2·3 + 3·4; (1,0): 4·2 + 7·4; (1,1): 5·1 + 6·2 + 8·3 + 9·4
        assertArrayEquals(new int[] {1, 1, 2, 2}, y.shape());
        assertArrayEquals(new double[] {4, 18, 36, 77}, y.data(), 1e-12);
    }

    @Property(tries = 30, seed = Seeds.FIXED)
    void forwardMatchesTheDefinition(
            @ForAll @IntRange(min = 1, max = 3) int c,
            @ForAll @IntRange(min = 1, max = 3) int fn,
            @ForAll @IntRange(min = 1, max = 3) int k,
            @ForAll @IntRange(min = 1, max = 2) int stride,
            @ForAll @IntRange(min = 0, max = 1) int pad,
            @ForAll long seed) {
        Random r = new Random(seed);
        Tensor x = Tensor.randn(r, 1.0, 2, c, 5, 4);
        Tensor w = Tensor.randn(r, 1.0, fn, c, k, k);
        Tensor b = Tensor.randn(r, 1.0, fn);
        Tensor y = new Convolution(w, b, stride, pad).forward(x);
        for (int n = 0; n < 2; n++) {
            for (int f = 0; f < fn; f++) {
                for (int oy = 0; oy < y.dim(2); oy++) {
                    for (int ox = 0; ox < y.dim(3); ox++) {
                        double s = b.get(f);
                        for (int ch = 0; ch < c; ch++) {
                            for (int i = 0; i < k; i++) {
                                for (int j = 0; j < k; j++) {
                                    int iy = oy * stride - pad + i;
                                    int ix = ox * stride - pad + j;
                                    if (iy >= 0 && iy < 5 && ix >= 0 && ix < 4) {
                                        s += w.get(f, ch, i, j) * x.get(n, ch, iy, ix);
                                    }
                                }
                            }
                        }
                        assertEquals(s, y.get(n, f, oy, ox), 1e-12);
                    }
                }
            }
        }
    }

    @Test
    void skipsTheInputGradientWhenToldItIsNotNeeded() {
        Convolution conv = new Convolution(Tensor.of(FILTER.clone(), 1, 1, 2, 2), Tensor.vector(0.5), 1, 0);
        conv.setInputGradientNeeded(false);
        conv.forward(X);
        assertNull(conv.backward(Tensor.of(new double[] {1, 0, 0, 1}, 1, 1, 2, 2)));
        assertArrayEquals(new double[] {6, 8, 12, 14}, conv.weights().grad().data(), 1e-12);
    }

    @Test
    void shapeErrorsNameTheLayerAndTheShapes() {
        Convolution big = new Convolution(Tensor.zeros(1, 1, 5, 5), Tensor.zeros(1), 1, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> big.forward(X));
        assertEquals(
                "Convolution: kernel 5x5 is larger than the padded input 3x3 (input (1, 1, 3, 3), pad 0)",
                e.getMessage());
        Convolution conv = new Convolution(2, 3, 3, 3, 1, 1, WeightInit.he(), new Random(1));
        e = assertThrows(IllegalArgumentException.class, () -> conv.forward(Tensor.zeros(1, 2, 4, 4)));
        assertEquals("Convolution: expected input of shape (N, 3, H, W), got (1, 2, 4, 4)", e.getMessage());
        conv.forward(Tensor.zeros(1, 3, 4, 4));
        e = assertThrows(IllegalArgumentException.class, () -> conv.backward(Tensor.zeros(1, 2, 2, 2)));
        assertEquals("Convolution: expected output gradient of shape (1, 2, 4, 4), got (1, 2, 2, 2)", e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class, () -> new Convolution(Tensor.zeros(2, 1, 3, 3), Tensor.zeros(3), 1, 0));
        assertEquals("Convolution: expected bias of shape (2,), got (3,)", e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class, () -> new Convolution(Tensor.zeros(2, 1, 3, 3), Tensor.zeros(2), 0, 0));
        assertEquals(
                "Convolution: expected kernel >= 1x1, stride >= 1 and pad >= 0, got kernel 3x3, stride 0, pad 0",
                e.getMessage());
    }

    @Test
    void weightInitUsesTheFanInOfAFilter() {
        Convolution conv = new Convolution(4, 3, 5, 5, 1, 0, WeightInit.he(), new Random(9));
        Tensor expected = Tensor.randn(new Random(9), Math.sqrt(2.0 / 75), 4, 3, 5, 5);
        assertArrayEquals(expected.data(), conv.weights().value().data());
        assertArrayEquals(new double[4], conv.bias().value().data());
    }
}
