package org.bricknet.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import org.bricknet.core.Layer;
import org.bricknet.core.Tensor;
import org.bricknet.core.contract.LayerContract;
import org.bricknet.core.contract.Tensors;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked examples, and Tanh under the layer contract (inherited jqwik properties), over its
 * useful range including the flat tails.
 */
class TanhTest extends LayerContract {

    @Override
    protected Layer create(int[] inputShape, Random random) {
        return new Tanh();
    }

    @Override
    protected Arbitrary<int[]> inputShapes() {
        return Tensors.shapes(1, 4, 5);
    }

    @Override
    protected Arbitrary<Tensor> inputs(int[] shape) {
        return Tensors.ofShape(shape).between(-5, 5);
    }

    /** Element-wise: every shape is a right shape. */
    @Override
    protected List<int[]> wrongInputShapes(int[] accepted) {
        return List.of();
    }

    @Test
    void forwardAndBackwardByHand() {
        // tanh(ln 3) = (3 − 1/3) / (3 + 1/3) = 0.8; tanh(0) = 0; tanh(−ln 3) = −0.8
        Tanh tanh = new Tanh();
        Tensor y = tanh.forward(Tensor.matrix(new double[][] {{Math.log(3), 0, -Math.log(3)}}));
        assertArrayEquals(new double[] {0.8, 0, -0.8}, y.data(), 1e-15);
        // dx = dout · (1 − y²): 2·0.36, 1·1, −1·0.36
        Tensor dx = tanh.backward(Tensor.matrix(new double[][] {{2, 1, -1}}));
        assertArrayEquals(new double[] {0.72, 1, -0.36}, dx.data(), 1e-15);
    }

    @Test
    void backwardChecksTheShape() {
        Tanh tanh = new Tanh();
        tanh.forward(Tensor.zeros(2, 3));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> tanh.backward(Tensor.zeros(3, 2)));
        assertEquals("Tanh: expected output gradient of shape (2, 3), got (3, 2)", e.getMessage());
    }
}
