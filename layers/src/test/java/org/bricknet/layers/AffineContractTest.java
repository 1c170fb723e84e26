package org.bricknet.layers;

import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.bricknet.core.Layer;
import org.bricknet.core.Tensor;
import org.bricknet.core.contract.LayerContract;
import org.bricknet.core.contract.Tensors;

/** Affine under the layer contract, on (N, D) input and on (N, C, H, W) input it flattens. */
class AffineContractTest extends LayerContract {

    @Override
    protected Layer create(int[] inputShape, Random random) {
        int in = 1;
        for (int i = 1; i < inputShape.length; i++) {
            in *= inputShape[i];
        }
        int out = 1 + random.nextInt(12);
        return new Affine(Tensor.randn(random, 1.0, in, out), Tensor.randn(random, 1.0, out));
    }

    @Override
    protected Arbitrary<int[]> inputShapes() {
        return Arbitraries.oneOf(Tensors.matrixShapes(8, 16), Tensors.shapes(2, 4, 3).filter(s -> s.length >= 2));
    }
}
