package org.bricknet.layers;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.PropertyDefaults;
import org.bricknet.core.Layer;
import org.bricknet.core.Tensor;
import org.bricknet.core.contract.LayerContract;
import org.bricknet.core.contract.Tensors;
import org.junit.jupiter.api.Tag;

/**
 * The layer contract for what a graph runs in place of a Convolution, a Relu and a MaxPooling
 * ({@link Convolution#fusedWith}): random filters and strides as in ConvolutionTest (no padding), a
 * pooling window that fits the convolution's output as in MaxPoolingTest, inputs of distinct values
 * as there (Gaussian filters then give no ties); backward against the numerical gradient, shapes,
 * and no change to the input. ConvolveRectifyPoolTest shows that it is the three layers to the bit.
 */
@Tag("engine")
@net.jqwik.api.Tag("engine")
@PropertyDefaults(tries = 60)
class ConvolutionReluPoolingContractTest extends LayerContract {

    @Override
    protected Layer create(int[] inputShape, Random random) {
        int c = inputShape[1];
        int stride = 1 + random.nextInt(2);
        int pad = 0; // a window of padding alone gives the bias at every such place: ties, kinks of the maximum
        int kh = Math.min(1 + random.nextInt(3), inputShape[2] + 2 * pad);
        int kw = Math.min(1 + random.nextInt(3), inputShape[3] + 2 * pad);
        int fn = 1 + random.nextInt(3);
        Convolution conv =
                new Convolution(Tensor.randn(random, 1.0, fn, c, kh, kw), Tensor.randn(random, 1.0, fn), stride, pad);
        int[] convolved = {
            inputShape[0], fn, (inputShape[2] + 2 * pad - kh) / stride + 1, (inputShape[3] + 2 * pad - kw) / stride + 1
        };
        int[] k = PoolingContracts.window(convolved, random);
        return conv.fusedWith(new Relu(), new MaxPooling(k[0], k[1], k[2], k[3]));
    }

    @Override
    protected Arbitrary<Tensor> inputs(int[] shape) {
        return PoolingContracts.distinctValues(shape);
    }

    /** (N, C, H, W) with N, C in 1..3 and H, W in 1..6. */
    @Override
    protected Arbitrary<int[]> inputShapes() {
        return Tensors.shapes(4, 4, 6).filter(s -> s[0] <= 3 && s[1] <= 3);
    }

    /** As the convolution: only the channel axis must match the filters. */
    @Override
    protected List<int[]> wrongInputShapes(int[] accepted) {
        int[] s = accepted.clone();
        s[1]++;
        return List.of(s);
    }

    /** A wrong input is the convolution's to refuse. */
    @Override
    protected String layerName(Layer layer) {
        return "Convolution";
    }
}
