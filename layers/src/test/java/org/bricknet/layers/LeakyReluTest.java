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
 * Hand-worked examples, and LeakyRelu under the layer contract (inherited jqwik properties), with
 * a slope in [0, 0.5) drawn from the factory's Random; inputs stay 0.1 away from the kink at 0, far
 * beyond the step 1e-5.
 */
class LeakyReluTest extends LayerContract {

    @Override
    protected Layer create(int[] inputShape, Random random) {
        return new LeakyRelu(0.5 * random.nextDouble());
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
        LeakyRelu relu = new LeakyRelu(0.1);
        Tensor y = relu.forward(Tensor.matrix(new double[][] {{2.0, -0.5}, {-3.0, 0.25}}));
        assertArrayEquals(new double[] {2.0, -0.05, -0.3, 0.25}, y.data(), 1e-15);
        Tensor dx = relu.backward(Tensor.matrix(new double[][] {{5, 6}, {7, 8}}));
        assertArrayEquals(new double[] {5, 0.6, 0.7, 8}, dx.data(), 1e-15);
    }

    @Test
    void badSlopeAndShapeAreClearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LeakyRelu(-1));
        assertEquals("LeakyRelu: slope must be a finite number >= 0, got -1.0", e.getMessage());
        LeakyRelu relu = new LeakyRelu(0.01);
        relu.forward(Tensor.zeros(2, 3));
        e = assertThrows(IllegalArgumentException.class, () -> relu.backward(Tensor.zeros(6)));
        assertEquals("LeakyRelu: expected output gradient of shape (2, 3), got (6,)", e.getMessage());
    }
}
