package org.bricknet.layers;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import org.bricknet.core.Layer;
import org.bricknet.core.Tensor;
import org.bricknet.core.contract.LayerContract;
import org.bricknet.core.contract.Tensors;

/**
 * LeakyRelu under the layer contract, with a slope in [0, 0.5) drawn from the factory's Random;
 * inputs stay 0.1 away from the kink at 0, far beyond the step 1e-5.
 */
class LeakyReluContractTest extends LayerContract {

    @Override
    protected Layer create(int[] inputShape, Random random) {
        return new LeakyRelu(0.5 * random.nextDouble());
    }

    @Override
    protected Arbitrary<int[]> inputShapes() {
        return Tensors.shapes(1, 4, 5);
    }

    @Override
    protected Arbitrary<Tensor> inputs(int[] shape) {
        return Tensors.ofShape(shape).awayFrom(0.1, 0.0);
    }

    /** Element-wise: every shape is a right shape. */
    @Override
    protected List<int[]> wrongInputShapes(int[] accepted) {
        return List.of();
    }
}
