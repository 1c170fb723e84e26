package org.bricknet.layers;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.PropertyDefaults;
import org.bricknet.core.Layer;
import org.bricknet.core.contract.LayerContract;

/** AvgPooling under the layer contract, windows and strides as in {@link PoolingContracts#window}. */
@PropertyDefaults(tries = 50)
class AvgPoolingContractTest extends LayerContract {

    @Override
    protected Layer create(int[] inputShape, Random random) {
        int[] k = PoolingContracts.window(inputShape, random);
        return new AvgPooling(k[0], k[1], k[2], k[3]);
    }

    @Override
    protected Arbitrary<int[]> inputShapes() {
        return PoolingContracts.imageShapes();
    }

    @Override
    protected List<int[]> wrongInputShapes(int[] accepted) {
        return PoolingContracts.wrongInputShapes(accepted);
    }
}
