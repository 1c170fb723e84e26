package org.bricknet.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import org.bricknet.core.Layer;
import org.bricknet.core.Tensor;
import org.bricknet.core.contract.LayerContract;
import org.bricknet.core.contract.Tensors;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked examples and the mask's statistics, and Dropout under the layer contract (inherited
 * jqwik properties), in training and in evaluation, with a ratio in [0, 0.9) and the mask both drawn
 * from the factory's Random (the gradient property holds the mask).
 */
class DropoutTest extends LayerContract {

    @Override
    protected Layer create(int[] inputShape, Random random) {
        return new Dropout(0.9 * random.nextDouble(), random);
    }

    @Override
    protected Arbitrary<int[]> inputShapes() {
        return Tensors.shapes(1, 4, 5);
    }

    /** Element-wise: every shape is a right shape. */
    @Override
    protected List<int[]> wrongInputShapes(int[] accepted) {
        return List.of();
    }

    @Test
    void evaluationIsTheIdentity() {
        Dropout dropout = new Dropout(0.5, new Random(1));
        dropout.setTraining(false);
        Tensor x = Tensor.randn(new Random(2), 1.0, 4, 5);
        assertArrayEquals(x.data(), dropout.forward(x).data());
        Tensor dout = Tensor.randn(new Random(3), 1.0, 4, 5);
        assertArrayEquals(dout.data(), dropout.backward(dout).data());
    }

    @Test
    void trainingDropsAboutRatioAndScalesTheRest() {
        double ratio = 0.3;
        Dropout dropout = new Dropout(ratio, new Random(42));
        Tensor x = Tensor.zeros(100, 100).fill(2.0);
        double[] y = dropout.forward(x).data();
        int zeros = 0;
        for (double v : y) {
            if (v == 0) {
                zeros++;
            } else {
                assertEquals(2.0 / (1 - ratio), v, 1e-15);
            }
        }
        // 10,000 Bernoulli(0.3) draws: standard deviation of the fraction is 0.0046; 0.02 is 4.4 of them
        assertEquals(ratio, zeros / 10_000.0, 0.02);
        // backward lets the gradient through exactly where the input went through
        double[] dx = dropout.backward(Tensor.zeros(100, 100).fill(1.0)).data();
        for (int i = 0; i < y.length; i++) {
            assertEquals(y[i] / 2.0, dx[i], 1e-15);
        }
    }

    @Test
    void holdingKeepsTheMaskAndReleasingDrawsANewOne() {
        Tensor x = Tensor.zeros(8, 8).fill(1.0);
        Dropout a = new Dropout(0.5, new Random(7));
        double[] first = a.forward(x).data().clone();
        assertTrue(a.isStochastic());
        a.holdRandomDraw(true);
        assertArrayEquals(first, a.forward(x).data());
        a.holdRandomDraw(false);
        assertFalse(Arrays.equals(first, a.forward(x).data()), "a new draw gives a new mask");
    }

    @Test
    void badRatioIsAClearError() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new Dropout(1.0, new Random(1)));
        assertEquals("Dropout: ratio must be in [0, 1), got 1.0", e.getMessage());
    }
}
