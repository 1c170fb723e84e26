package org.bricknet.examples.custom;

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
 * How to test your own brick: extend {@link LayerContract}, say how to build the layer and which
 * inputs it takes, and jqwik checks its gradient, shapes, purity and determinism; add a
 * hand-worked example of your own.
 */
class SwishTest extends LayerContract {

    @Override
    protected Layer create(int[] inputShape, Random random) {
        return new Swish();
    }

    @Override
    protected Arbitrary<int[]> inputShapes() {
        return Tensors.shapes(1, 4, 6);
    }

    @Override
    protected Arbitrary<Tensor> inputs(int[] shape) {
        return Tensors.ofShape(shape).between(-6, 6);
    }

    /** Element-wise: every shape is a right shape. */
    @Override
    protected List<int[]> wrongInputShapes(int[] accepted) {
        return List.of();
    }

    @Test
    void forwardAndBackwardByHand() {
        // x = 0: σ = 1/2, y = 0, dy/dx = 1/2.  x = ln 3: σ = 3/4, y = (3/4)·ln 3,
        // dy/dx = σ + x·σ·(1 − σ) = 3/4 + (3/16)·ln 3
        Swish swish = new Swish();
        double ln3 = Math.log(3);
        Tensor y = swish.forward(Tensor.matrix(new double[][] {{0.0, ln3}}));
        assertEquals(0.0, y.get(0, 0));
        assertEquals(0.75 * ln3, y.get(0, 1), 1e-15);
        Tensor dx = swish.backward(Tensor.matrix(new double[][] {{2.0, 1.0}}));
        assertEquals(1.0, dx.get(0, 0), 1e-15);
        assertEquals(0.75 + 3.0 / 16 * ln3, dx.get(0, 1), 1e-15);
    }
}
