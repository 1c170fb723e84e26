package org.bricknet.losses;

import java.util.Random;
import net.jqwik.api.Arbitrary;
import org.bricknet.core.LossLayer;
import org.bricknet.core.Tensor;
import org.bricknet.core.contract.LossContract;
import org.bricknet.core.contract.Tensors;

/** SoftmaxWithLoss under the loss contract, with targets as class indices or one-hot rows. */
class SoftmaxWithLossContractTest extends LossContract {

    @Override
    protected LossLayer create(Random random) {
        return new SoftmaxWithLoss();
    }

    /** At least two classes: with one, softmax is 1 and every gradient is 0. */
    @Override
    protected Arbitrary<int[]> scoreShapes() {
        return Tensors.matrixShapes(8, 16).filter(s -> s[1] >= 2);
    }

    @Override
    protected Tensor targets(int[] scoreShape, Random random) {
        int n = scoreShape[0];
        int k = scoreShape[1];
        boolean oneHot = random.nextBoolean();
        Tensor t = oneHot ? Tensor.zeros(n, k) : Tensor.zeros(n);
        for (int i = 0; i < n; i++) {
            int label = random.nextInt(k);
            if (oneHot) {
                t.set(1.0, i, label);
            } else {
                t.set(label, i);
            }
        }
        return t;
    }
}
