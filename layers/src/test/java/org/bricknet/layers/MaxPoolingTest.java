package org.bricknet.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.PropertyDefaults;
import org.bricknet.core.Layer;
import org.bricknet.core.Tensor;
import org.bricknet.core.contract.LayerContract;
import org.junit.jupiter.api.Test;

/**
 * MaxPooling by hand, and under the layer contract (inherited jqwik properties), windows and
 * strides as in {@link PoolingContracts#window}. The contract's inputs are a shuffle of n distinct
 * values evenly spaced over [−2, 2] (gaps of 4/n ≥ 0.01, a thousand times the step 1e-5): no ties
 * anywhere, so no kink within a central difference.
 */
@PropertyDefaults(tries = 50)
class MaxPoolingTest extends LayerContract {
    private static final double[] ONE_TO_16 = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

    @Override
    protected Layer create(int[] inputShape, Random random) {
        int[] k = PoolingContracts.window(inputShape, random);
        return new MaxPooling(k[0], k[1], k[2], k[3]);
    }

    @Override
    protected Arbitrary<int[]> inputShapes() {
        return PoolingContracts.imageShapes();
    }

    @Override
    protected Arbitrary<Tensor> inputs(int[] shape) {
        return PoolingContracts.distinctValues(shape);
    }

    @Override
    protected List<int[]> wrongInputShapes(int[] accepted) {
        return PoolingContracts.wrongInputShapes(accepted);
    }

    @Test
    void maxPoolingByHand() {
        // 2x2 windows, stride 2 on a 4x4 image: the bottom-right corner of each block
        Tensor y = new MaxPooling(2, 2, 2, 0).forward(Tensor.of(ONE_TO_16.clone(), 1, 1, 4, 4));
        assertArrayEquals(new double[] {6, 8, 14, 16}, y.data());
        // pad 1 on −[1..9] (3x3): the padding does not take part, or the first three would be 0
        MaxPooling padded = new MaxPooling(2, 2, 2, 1);
        Tensor neg = Tensor.of(new double[] {-1, -2, -3, -4, -5, -6, -7, -8, -9}, 1, 1, 3, 3);
        assertArrayEquals(new double[] {-1, -2, -4, -5}, padded.forward(neg).data());
    }

    @Test
    void maxPoolingBackwardSumsOverlappingWindows() {
        // stride 1: the centre 9 wins all four windows and collects all four gradients
        MaxPooling pool = new MaxPooling(2, 2, 1, 0);
        pool.forward(Tensor.of(new double[] {1, 2, 3, 4, 9, 5, 6, 7, 8}, 1, 1, 3, 3));
        Tensor dx = pool.backward(Tensor.of(new double[] {1, 2, 3, 4}, 1, 1, 2, 2));
        assertArrayEquals(new double[] {0, 0, 0, 0, 10, 0, 0, 0, 0}, dx.data());
    }

    @Test
    void shapeErrorsNameTheLayer() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new MaxPooling(3, 3, 1, 0).forward(Tensor.zeros(1, 1, 2, 2)));
        assertEquals(
                "MaxPooling: kernel 3x3 is larger than the padded input 2x2 (input (1, 1, 2, 2), pad 0)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MaxPooling(2, 2, 2, 2));
        assertEquals("MaxPooling: pad must be smaller than the window 2x2, got 2", e.getMessage());
    }
}
