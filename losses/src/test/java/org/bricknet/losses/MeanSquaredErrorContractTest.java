package org.bricknet.losses;

import java.util.Random;
import net.jqwik.api.Arbitrary;
import org.bricknet.core.LossLayer;
import org.bricknet.core.Tensor;
import org.bricknet.core.contract.LossContract;
import org.bricknet.core.contract.Tensors;

/** MeanSquaredError under the loss contract, with targets as real-valued rows or as class indices. */
class MeanSquaredErrorContractTest extends LossContract {

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
}
