package org.bricknet.core.contract;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.PropertyDefaults;
import org.bricknet.core.Layer;
import org.bricknet.core.testing.Drop;

/**
 * The contract on a dropout-like layer, which draws a new mask every forward in training: the
 * gradient property holds the draw, and the draw comes from the factory's seeded Random.
 */
@PropertyDefaults(tries = 50)
class DropContractTest extends LayerContract {

    @Override
    protected Layer create(int[] inputShape, Random random) {
        return new Drop(0.6, random);
    }

    @Override
    protected Arbitrary<int[]> inputShapes() {
        return Tensors.shapes(1, 4, 4);
    }

    @Override
    protected List<int[]> wrongInputShapes(int[] accepted) {
        return List.of();
    }
}
