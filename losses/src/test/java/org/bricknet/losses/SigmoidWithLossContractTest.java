package org.bricknet.losses;

import java.util.Random;
import net.jqwik.api.Arbitrary;
import org.bricknet.core.LossLayer;
import org.bricknet.core.Tensor;
import org.bricknet.core.contract.LossContract;
import org.bricknet.core.contract.Tensors;

/**
 * SigmoidWithLoss under the loss contract: logits in [-8, 8] (into the flat tails), targets of the
 * scores' shape, either labels 0 and 1 or probabilities in [0, 1).
 */
class SigmoidWithLossContractTest extends LossContract {

    @Override
    protected LossLayer create(Random random) {
        return new SigmoidWithLoss();
    }

    @Override
    protected Arbitrary<int[]> scoreShapes() {
        return Tensors.matrixShapes(8, 6);
    }

    @Override
    protected Arbitrary<Tensor> scores(int[] shape) {
        return Tensors.ofShape(shape).between(-8, 8);
    }

    @Override
    protected Tensor targets(int[] scoreShape, Random random) {
        boolean soft = random.nextBoolean();
        Tensor t = Tensor.zeros(scoreShape);
        double[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = soft ? random.nextDouble() : random.nextInt(2);
        }
        return t;
    }
}
