package org.bricknet.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.bricknet.core.Tensor;
import org.junit.jupiter.api.Test;

/** Hand-worked examples; the gradient and the other promises are in {@link ReluContractTest}. */
class ReluTest {

    @Test
    void forwardAndBackwardByHand() {
        Relu relu = new Relu();
        Tensor y = relu.forward(Tensor.matrix(new double[][] {{1.0, -0.5}, {-2.0, 3.0}}));
        assertArrayEquals(new double[] {1.0, 0.0, 0.0, 3.0}, y.data());
        Tensor dx = relu.backward(Tensor.matrix(new double[][] {{5, 6}, {7, 8}}));
        assertArrayEquals(new double[] {5, 0, 0, 8}, dx.data());
    }

    @Test
    void backwardChecksTheShape() {
        Relu relu = new Relu();
        relu.forward(Tensor.zeros(2, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> relu.backward(Tensor.zeros(3, 2)));
        assertEquals("Relu: expected output gradient of shape (2, 3), got (3, 2)", e.getMessage());
    }
}
