package org.bricknet.layers;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.PropertyDefaults;
import org.bricknet.core.Layer;
import org.bricknet.core.Tensor;
import org.bricknet.core.contract.LayerContract;
import org.bricknet.core.contract.Tensors;

/**
 * Convolution under the layer contract on (N, C, H, W) images: the factory draws 1 to 3 filters,
 * a kernel of 1 to 3 per side (cut to fit the padded input), stride 1 or 2, padding 0 or 1,
 * weights and bias from its Random.
 */
@PropertyDefaults(tries = 40)
class ConvolutionContractTest extends LayerContract {

    @Override
    protected Layer create(int[] inputShape, Random random) {
        int c = inputShape[1];
        int stride = 1 + random.nextInt(2);
        int pad = random.nextInt(2);
        int kh = Math.min(1 + random.nextInt(3), inputShape[2] + 2 * pad);
        int kw = Math.min(1 + random.nextInt(3), inputShape[3] + 2 * pad);
        int fn = 1 + random.nextInt(3);
        return new Convolution(Tensor.randn(random, 1.0, fn, c, kh, kw), Tensor.randn(random, 1.0, fn), stride, pad);
    }

    /** (N, C, H, W) with N, C in 1..3 and H, W in 1..6. */
    @Override
    protected Arbitrary<int[]> inputShapes() {
        return Tensors.shapes(4, 4, 6).filter(s -> s[0] <= 3 && s[1] <= 3);
    }

    /** Any height and width is right; only the channel axis must match the filters. */
    @Override
    protected List<int[]> wrongInputShapes(int[] accepted) {
        int[] s = accepted.clone();
        s[1]++;
        return List.of(s);
    }
}
