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
 * Hand-worked examples, and Flatten under the layer contract (inherited jqwik properties), on
 * (N, ...) inputs of rank 2 to 4.
 */
class FlattenTest extends LayerContract {

    @Override
    protected Layer create(int[] inputShape, Random random) {
        return new Flatten();
    }

    @Override
    protected Arbitrary<int[]> inputShapes() {
        return Tensors.shapes(2, 4, 4);
    }

    /** Every shape of rank 2 or more is a right shape; a vector (no batch axis) is not. */
    @Override
    protected List<int[]> wrongInputShapes(int[] accepted) {
        return List.of(new int[] {Tensor.zeros(accepted).size()});
    }

    @Test
    void forwardAndBackwardByHand() {
        Flatten flatten = new Flatten();
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 2, 3, 2, 1);
        Tensor y = flatten.forward(x);
        assertArrayEquals(new int[] {2, 6}, y.shape());
        assertEquals(7, y.get(1, 0));
        assertEquals(6, y.get(0, 5));
        Tensor dx = flatten.backward(Tensor.of(new double[] {0, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 0}, 2, 6));
        assertArrayEquals(new int[] {2, 3, 2, 1}, dx.shape());
        assertEquals(1, dx.get(0, 2, 1, 0));
        assertEquals(2, dx.get(1, 0, 0, 0));
    }

    @Test
    void backwardChecksTheShape() {
        Flatten flatten = new Flatten();
        flatten.forward(Tensor.zeros(2, 3, 2, 2));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> flatten.backward(Tensor.zeros(2, 3, 4)));
        assertEquals("Flatten: expected output gradient of shape (2, 12), got (2, 3, 4)", e.getMessage());
    }
}
