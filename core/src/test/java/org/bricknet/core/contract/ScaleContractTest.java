package org.bricknet.core.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import net.jqwik.api.Arbitrary;
import org.bricknet.core.Layer;
import org.bricknet.core.Tensor;
import org.bricknet.core.testing.Scale;
import org.junit.jupiter.api.Test;

/**
 * The contract, inherited as jqwik properties, passes a right layer; the fixture's forward and
 * backward by hand.
 */
class ScaleContractTest extends LayerContract {
    @Override
    protected Layer create(int[] inputShape, Random random) {
        return new Scale(inputShape[1], random, Scale.Fault.NONE);
    }

    @Override
    protected Arbitrary<int[]> inputShapes() {
        return Tensors.matrixShapes(6, 8);
    }

    @Test
    void forwardAndBackwardByHand() {
        // s = [2, 0.5] (set over the drawn scale); x = [[1, 2], [3, 4]]: y = x ⊙ s = [[2, 1], [6, 2]]
        Scale scale = new Scale(2, new Random(1), Scale.Fault.NONE);
        System.arraycopy(
                new double[] {2, 0.5}, 0, scale.parameters().get(0).value().data(), 0, 2);
        Tensor y = scale.forward(Tensor.matrix(new double[][] {{1, 2}, {3, 4}}));
        assertArrayEquals(new double[] {2, 1, 6, 2}, y.data());
        // dout = [[1, 1], [0, 2]]: dx = dout ⊙ s = [[2, 0.5], [0, 1]]
        // ds = Σ_n dout ⊙ x = [1·1 + 0·3, 1·2 + 2·4] = [1, 10]
        Tensor dx = scale.backward(Tensor.matrix(new double[][] {{1, 1}, {0, 2}}));
        assertArrayEquals(new double[] {2, 0.5, 0, 1}, dx.data());
        assertArrayEquals(new double[] {1, 10}, scale.parameters().get(0).grad().data());
    }
}
