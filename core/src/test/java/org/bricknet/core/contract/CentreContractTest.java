package org.bricknet.core.contract;

import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.PropertyDefaults;
import org.bricknet.core.Layer;
import org.bricknet.core.Tensor;
import org.bricknet.core.testing.Centre;

/** The contract on a batch-coupled, batch-norm-like layer: every output depends on every row. */
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
}
