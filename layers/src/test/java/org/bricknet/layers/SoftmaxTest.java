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
 * Hand-worked examples, and Softmax under the layer contract (inherited jqwik properties), on
 * (N, K) rows and on (N, ...) inputs it reads as N rows; scores in [-6, 6] so that some
 * probabilities come close to 0 and 1.
 */
class SoftmaxTest extends LayerContract {

    @Override
    protected Layer create(int[] inputShape, Random random) {
        return new Softmax();
    }

    @Override
    protected Arbitrary<int[]> inputShapes() {
        return Tensors.shapes(2, 4, 5);
    }

    @Override
    protected Arbitrary<Tensor> inputs(int[] shape) {
        return Tensors.ofShape(shape).between(-6, 6);
    }

    /** Every shape of rank 2 or more is a right shape; a vector (no batch axis) is not. */
    @Override
    protected List<int[]> wrongInputShapes(int[] accepted) {
        return List.of(new int[] {Tensor.zeros(accepted).size()});
    }

    @Test
    void forwardAndBackwardByHand() {
        // [0, ln 3] -> [1/4, 3/4]; [1000 + ln 2, 1000] -> [2/3, 1/3] without overflow
        Softmax softmax = new Softmax();
        Tensor y = softmax.forward(Tensor.matrix(new double[][] {{0, Math.log(3)}, {1000 + Math.log(2), 1000}}));
        assertArrayEquals(new double[] {0.25, 0.75, 2.0 / 3, 1.0 / 3}, y.data(), 1e-12);
        // row 1: dout = [1, 0]: Σ dout·y = 1/4; dx = y ⊙ (dout − 1/4) = [1/4·3/4, 3/4·(−1/4)]
        // row 2: dout = [1, 1]: Σ dout·y = 1; dx = 0 (a constant shift does not change softmax)
        Tensor dx = softmax.backward(Tensor.matrix(new double[][] {{1, 0}, {1, 1}}));
        assertArrayEquals(new double[] {3.0 / 16, -3.0 / 16, 0, 0}, dx.data(), 1e-12);
    }

    @Test
    void rejectsAVector() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new Softmax().forward(Tensor.zeros(3)));
        assertEquals("Softmax: expected input of shape (N, K), got (3,)", e.getMessage());
    }
}
