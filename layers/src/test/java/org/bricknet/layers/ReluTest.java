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
 * Hand-worked examples, and Relu under the layer contract (inherited jqwik properties); the
 * contract's inputs stay 0.1 away from the kink at 0, far beyond the step 1e-5.
 */
class ReluTest extends LayerContract {

    @Override
    protected Layer create(int[] inputShape, Random random) {
        return new Relu();
    }

    @Override
    protected Arbitrary<int[]> inputShapes() {
        return Tensors.shapes(1, 4, 5);
    }

    @Override
    protected Arbitrary<Tensor> inputs(int[] shape) {
        return Tensors.ofShape(shape).awayFrom(0.1, 0.0);
    }

    /** Element-wise: every shape is a right shape. */
    @Override
    protected List<int[]> wrongInputShapes(int[] accepted) {
        return List.of();
    }

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
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> relu.backward(Tensor.zeros(3, 2)));
        assertEquals("Relu: expected output gradient of shape (2, 3), got (3, 2)", e.getMessage());
    }
}
