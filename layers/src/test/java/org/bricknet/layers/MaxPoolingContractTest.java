package org.bricknet.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.PropertyDefaults;
import org.bricknet.core.Layer;
import org.bricknet.core.Tensor;
import org.bricknet.core.contract.LayerContract;

/**
 * MaxPooling under the layer contract, windows and strides as in {@link PoolingContracts#window}.
 * Inputs are a shuffle of n distinct values evenly spaced over [−2, 2] (gaps of 4/n ≥ 0.01, a
 * thousand times the step 1e-5): no ties anywhere, so no kink within a central difference.
 */
@PropertyDefaults(tries = 50)
class MaxPoolingContractTest extends LayerContract {

    @Override
    protected Layer create(int[] inputShape, Random random) {
        int[] k = PoolingContracts.window(inputShape, random);
        return new MaxPooling(k[0], k[1], k[2], k[3]);
    }

    @Override
    protected Arbitrary<int[]> inputShapes() {
        return PoolingContracts.imageShapes();
    }

    @Override
    protected Arbitrary<Tensor> inputs(int[] shape) {
        int n = Tensor.zeros(shape).size();
        List<Double> ladder = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ladder.add(-2 + 4 * (i + 0.5) / n);
        }
        return Arbitraries.shuffle(ladder).map(values -> {
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                d[i] = values.get(i);
            }
            return Tensor.of(d, shape);
        });
    }

    @Override
    protected List<int[]> wrongInputShapes(int[] accepted) {
        return PoolingContracts.wrongInputShapes(accepted);
    }
}
