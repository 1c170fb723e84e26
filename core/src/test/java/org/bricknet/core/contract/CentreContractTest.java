package org.bricknet.core.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.PropertyDefaults;
import org.bricknet.core.Layer;
import org.bricknet.core.Tensor;
import org.bricknet.core.testing.Centre;
import org.junit.jupiter.api.Test;

/**
 * The contract on a batch-coupled, batch-norm-like layer: every output depends on every row. The
 * fixture's forward and backward by hand, then the inherited jqwik properties.
 */
@PropertyDefaults(tries = 50)
class CentreContractTest extends LayerContract {

    @Override
    protected Layer create(int[] inputShape, Random random) {
        int d = inputShape[1];
        return new Centre(Tensor.uniform(random, 0.5, 1.5, d), Tensor.randn(random, 1.0, d));
    }

    @Override
    protected Arbitrary<int[]> inputShapes() {
        return Tensors.matrixShapes(6, 6);
    }

    @Test
    void forwardAndBackwardByHand() {
        // γ = [2, 1], β = [0, 1]; x = [[1, 2], [3, 6]]: column means [2, 4], c = x − mean = [[−1, −2], [1, 2]]
        // y = γ ⊙ c + β = [[−2, −1], [2, 3]]
        Centre centre = new Centre(Tensor.vector(2, 1), Tensor.vector(0, 1));
        Tensor x = Tensor.matrix(new double[][] {{1, 2}, {3, 6}});
        assertArrayEquals(new double[] {-2, -1, 2, 3}, centre.forward(x).data());
        // g = [[1, 0], [0, 2]]: dβ = Σ_n g = [1, 2]; dγ = Σ_n g ⊙ c = [−1 + 0, 0 + 4] = [−1, 4]
        // mean_n g = [0.5, 1]; dx = γ ⊙ (g − mean g) = [[2·0.5, 1·(−1)], [2·(−0.5), 1·1]]
        //                                            = [[1, −1], [−1, 1]]
        Tensor g = Tensor.matrix(new double[][] {{1, 0}, {0, 2}});
        assertArrayEquals(new double[] {1, -1, -1, 1}, centre.backward(g).data());
        assertArrayEquals(
                new double[] {-1, 4}, centre.parameters().get(0).grad().data());
        assertArrayEquals(new double[] {1, 2}, centre.parameters().get(1).grad().data());
        // the wrong copy forgets the batch mean of g: dx = γ ⊙ g = [[2, 0], [0, 2]]
        Centre wrong = centre.wrong();
        wrong.forward(x);
        assertArrayEquals(new double[] {2, 0, 0, 2}, wrong.backward(g).data());
    }
}
