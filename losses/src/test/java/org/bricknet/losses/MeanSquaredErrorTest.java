package org.bricknet.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import net.jqwik.api.Arbitrary;
import org.bricknet.core.LossLayer;
import org.bricknet.core.Tensor;
import org.bricknet.core.contract.LossContract;
import org.bricknet.core.contract.Tensors;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked examples, and MeanSquaredError under the loss contract (inherited jqwik properties),
 * with targets as real-valued rows or as class indices.
 */
class MeanSquaredErrorTest extends LossContract {

    @Override
    protected LossLayer create(Random random) {
        return new MeanSquaredError();
    }

    @Override
    protected Arbitrary<int[]> scoreShapes() {
        return Tensors.matrixShapes(8, 16);
    }

    @Override
    protected Tensor targets(int[] scoreShape, Random random) {
        int n = scoreShape[0];
        int k = scoreShape[1];
        if (random.nextBoolean()) {
            return Tensor.uniform(random, -1, 1, n, k);
        }
        Tensor t = Tensor.zeros(n);
        for (int i = 0; i < n; i++) {
            t.set(random.nextInt(k), i);
        }
        return t;
    }

    @Test
    void forwardAndBackwardByHand() {
        // a = [[0.5, 0.25], [1, 0]], y = [[1, 0], [1, 0]]
        // C = (½·(0.25 + 0.0625) + ½·0) / 2 = 0.078125
        MeanSquaredError mse = new MeanSquaredError();
        Tensor a = Tensor.matrix(new double[][] {{0.5, 0.25}, {1, 0}});
        assertEquals(0.078125, mse.loss(a, Tensor.matrix(new double[][] {{1, 0}, {1, 0}})), 1e-16);
        assertArrayEquals(new double[] {-0.25, 0.125, 0, 0}, mse.backward().data(), 1e-16);
        // class indices stand for one-hot rows
        assertEquals(0.078125, new MeanSquaredError().loss(a, Tensor.vector(0, 0)), 1e-16);
    }

    @Test
    void badTargetsAreClearErrors() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new MeanSquaredError().loss(Tensor.zeros(2, 3), Tensor.zeros(3, 3)));
        assertEquals(
                "MeanSquaredError: expected targets of shape (2,) as class indices or (2, 3) as one-hot rows,"
                        + " got (3, 3)",
                e.getMessage());
    }
}
