package org.bricknet.layers;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import org.bricknet.core.Layer;
import org.bricknet.core.Tensor;
import org.bricknet.core.contract.LayerContract;
import org.bricknet.core.contract.Tensors;

/**
 * Softmax under the layer contract, on (N, K) rows and on (N, ...) inputs it reads as N rows; scores
 * in [-6, 6] so that some probabilities come close to 0 and 1.
 */
class SoftmaxContractTest extends LayerContract {

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
}
