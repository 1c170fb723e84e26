package org.bricknet.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.bricknet.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * MaxPooling and AvgPooling by hand; their gradients and the other promises are in
 * {@link MaxPoolingContractTest} and {@link AvgPoolingContractTest}.
 */
class PoolingTest {
    private static final double[] ONE_TO_16 = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

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
    void avgPoolingByHand() {
        Tensor y = new AvgPooling(2, 2, 2, 0).forward(Tensor.of(ONE_TO_16.clone(), 1, 1, 4, 4));
        assertArrayEquals(new double[] {3.5, 5.5, 11.5, 13.5}, y.data(), 1e-15);
        // pad 1 on [1..9]: padding counts as zeros, so every window divides by 4
        AvgPooling padded = new AvgPooling(2, 2, 2, 1);
        Tensor pos = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3);
        assertArrayEquals(new double[] {0.25, 1.25, 2.75, 7}, padded.forward(pos).data(), 1e-15);
        Tensor dx = padded.backward(Tensor.of(new double[] {4, 8, 12, 16}, 1, 1, 2, 2));
        assertArrayEquals(new double[] {1, 2, 2, 3, 4, 4, 3, 4, 4}, dx.data(), 1e-15);
    }

    @Test
    void shapeErrorsNameTheLayer() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MaxPooling(3, 3, 1, 0).forward(Tensor.zeros(1, 1, 2, 2)));
        assertEquals("MaxPooling: kernel 3x3 is larger than the padded input 2x2 (input (1, 1, 2, 2), pad 0)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new AvgPooling(2, 2, 2, 0).forward(Tensor.zeros(4, 4)));
        assertEquals("AvgPooling: expected input of shape (N, C, H, W), got (4, 4)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MaxPooling(2, 2, 2, 2));
        assertEquals("MaxPooling: pad must be smaller than the window 2x2, got 2", e.getMessage());
    }
}
