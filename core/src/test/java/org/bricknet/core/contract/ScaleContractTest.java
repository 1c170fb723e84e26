package org.bricknet.core.contract;

import java.util.Random;
import net.jqwik.api.Arbitrary;
import org.bricknet.core.Layer;
import org.bricknet.core.testing.Scale;

/** The contract, inherited as jqwik properties, passes a right layer. */
class ScaleContractTest extends LayerContract {
    @Override
    protected Layer create(int[] inputShape, Random random) {
        return new Scale(inputShape[1], random, Scale.Fault.NONE);
    }

    @Override
    protected Arbitrary<int[]> inputShapes() {
        return Tensors.matrixShapes(6, 8);
    }
}
