package org.bricknet.layers;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import org.bricknet.core.Layer;
import org.bricknet.core.contract.LayerContract;
import org.bricknet.core.contract.Tensors;

/**
 * Dropout under the layer contract, in training and in evaluation, with a ratio in [0, 0.9) and
 * the mask both drawn from the factory's Random (the gradient property holds the mask).
 */
class DropoutContractTest extends LayerContract {

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
}
