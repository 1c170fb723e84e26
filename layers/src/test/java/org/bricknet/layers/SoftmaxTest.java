package org.bricknet.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.bricknet.core.Tensor;
import org.junit.jupiter.api.Test;

/** Hand-worked examples; the gradient and the other promises are in {@link SoftmaxContractTest}. */
class SoftmaxTest {

    @Test
    void forwardAndBackwardByHand() {
        // [0, ln 3] -> [1/4, 3/4]; [1000 + ln 2, 1000] -> [2/3, 1/3] without overflow
        Softmax softmax = new Softmax();
        Tensor y = softmax.forward(Tensor.matrix(new double[][] {{0, Math.log(3)}, {1000 + Math.log(2), 1000}}));
        assertArrayEquals(new double[] {0.25, 0.75, 2.0 / 3, 1.0 / 3}, y.data(), 1e-12);
        // row 1: dout = [1, 0]: Σ dout·y = 1/4; dx = y ⊙ (dout − 1/4) = [1/4·3/4, 3/4·(−1/4)]
        // row 2: dout = [1, 1]: Σ dout·y = 1; dx = 0 (a constant shift does not change softmax)
        Tensor dx = softmax.backward(Tensor.matrix(new double[][] {{1, 0}, {1, 1}}));
        assertArrayEquals(new double[] {3.0 / 16, -3.0 / 16, 0, 0}, dx.data(), 1e-12);
    }

    @Test
    void rejectsAVector() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Softmax().forward(Tensor.zeros(3)));
        assertEquals("Softmax: expected input of shape (N, K), got (3,)", e.getMessage());
    }
}
