package org.bricknet.losses;

import java.util.Random;
import net.jqwik.api.Arbitrary;
import org.bricknet.core.LossLayer;
import org.bricknet.core.Tensor;
import org.bricknet.core.contract.LossContract;
import org.bricknet.core.contract.Tensors;

/**
 * SigmoidWithLoss as the per-class logistic cost of a classifier (summed over the outputs, averaged
 * over the batch) under the loss contract, with targets given as class indices, the way a trainer's
 * mini-batches give them: scores {@code (N, K)} with K of at least 2, logits in [-8, 8].
 */
class SigmoidWithLossPerClassTest extends LossContract {

    @Override
    protected LossLayer create(Random random) {
        return new SigmoidWithLoss(SigmoidWithLoss.Reduction.MEAN_OVER_BATCH);
    }

    @Override
    protected Arbitrary<int[]> scoreShapes() {
        return Tensors.matrixShapes(8, 6).filter(s -> s[1] >= 2);
    }

    @Override
    protected Arbitrary<Tensor> scores(int[] shape) {
        return Tensors.ofShape(shape).between(-8, 8);
    }

    @Override
    protected Tensor targets(int[] scoreShape, Random random) {
        Tensor t = Tensor.zeros(scoreShape[0]);
        for (int i = 0; i < scoreShape[0]; i++) {
            t.data()[i] = random.nextInt(scoreShape[1]);
        }
        return t;
    }
}
