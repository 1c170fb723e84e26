package org.bricknet.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import org.bricknet.core.Layer;
import org.bricknet.core.Tensor;
import org.bricknet.core.contract.LayerContract;
import org.bricknet.core.contract.Tensors;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked examples, and Sigmoid under the layer contract (inherited jqwik properties), over
 * its whole useful range including the flat tails.
 */
class SigmoidTest extends LayerContract {

    @Override
    protected Layer create(int[] inputShape, Random random) {
        return new Sigmoid();
    }

    @Override
    protected Arbitrary<int[]> inputShapes() {
        return Tensors.shapes(1, 4, 5);
    }

    @Override
    protected Arbitrary<Tensor> inputs(int[] shape) {
        return Tensors.ofShape(shape).between(-8, 8);
    }

    /** Element-wise: every shape is a right shape. */
    @Override
    protected List<int[]> wrongInputShapes(int[] accepted) {
        return List.of();
    }

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
