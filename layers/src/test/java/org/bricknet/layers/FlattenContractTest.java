package org.bricknet.layers;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import org.bricknet.core.Layer;
import org.bricknet.core.Tensor;
import org.bricknet.core.contract.LayerContract;
import org.bricknet.core.contract.Tensors;

/** Flatten under the layer contract, on (N, ...) inputs of rank 2 to 4. */
class FlattenContractTest extends LayerContract {

    @Override
    protected Layer create(int[] inputShape, Random random) {
        return new Flatten();
    }

    @Override
    protected Arbitrary<int[]> inputShapes() {
        return Tensors.shapes(2, 4, 4);
    }

    /** Every shape of rank 2 or more is a right shape; a vector (no batch axis) is not. */
    @Override
    protected List<int[]> wrongInputShapes(int[] accepted) {
        return List.of(new int[] {Tensor.zeros(accepted).size()});
    }
}
