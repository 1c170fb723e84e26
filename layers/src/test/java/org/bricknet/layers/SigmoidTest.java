package org.bricknet.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bricknet.core.Tensor;
import org.junit.jupiter.api.Test;

/** Hand-worked examples; the gradient and the other promises are in {@link SigmoidContractTest}. */
class SigmoidTest {

    @Test
    void forwardAndBackwardByHand() {
        Sigmoid s = new Sigmoid();
        Tensor y = s.forward(Tensor.matrix(new double[][] {{0.0, Math.log(3)}}));
        assertEquals(0.5, y.get(0, 0), 1e-15);
        assertEquals(0.75, y.get(0, 1), 1e-15); // 1 / (1 + 1/3)
        Tensor dx = s.backward(Tensor.matrix(new double[][] {{1.0, 2.0}}));
        assertEquals(0.25, dx.get(0, 0), 1e-15);
        assertEquals(2 * 0.75 * 0.25, dx.get(0, 1), 1e-15);
    }

    @Test
    void staysFiniteForLargeInputs() {
        Tensor y = new Sigmoid().forward(Tensor.matrix(new double[][] {{-1000, 1000}}));
        assertEquals(0.0, y.get(0, 0));
        assertEquals(1.0, y.get(0, 1));
    }
}
