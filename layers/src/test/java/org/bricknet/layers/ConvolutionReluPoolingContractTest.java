package org.bricknet.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.PropertyDefaults;
import org.bricknet.core.Layer;
import org.bricknet.core.Tensor;
import org.bricknet.core.contract.LayerContract;
import org.bricknet.core.contract.Tensors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The layer contract for what a graph runs in place of a Convolution, a Relu and a MaxPooling
 * ({@link Convolution#fusedWith}): random filters and strides as in ConvolutionTest (no padding), a
 * pooling window that fits the convolution's output as in MaxPoolingTest, inputs of distinct values
 * as there (Gaussian filters then give no ties); backward against the numerical gradient, shapes,
 * and no change to the input (the assertions of the inherited properties); and an example by hand.
 * ConvolveRectifyPoolTest shows that it is the three layers to the bit.
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

    /**
     * ConvolutionTest's example (1..9 as a 3x3 image, the filter [1 2; 3 4], bias 0.5: outputs 37.5,
     * 47.5, 67.5, 77.5) pooled over its one 2x2 window; then with bias −100, where every output is
     * negative and the rectifier lets nothing through.
     */
    @Test
    void forwardAndBackwardByHand() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3);
        Convolution conv = new Convolution(Tensor.of(new double[] {1, 2, 3, 4}, 1, 1, 2, 2), Tensor.vector(0.5), 1, 0);
        Layer fused = conv.fusedWith(new Relu(), new MaxPooling(2, 2, 2, 0));
        assertArrayEquals(new double[] {77.5}, fused.forward(x).data());
        Tensor dx = fused.backward(Tensor.of(new double[] {2}, 1, 1, 1, 1));
        // the gradient 2 reaches the bottom-right output only: dW = 2·[5 6; 8 9], db = 2, dx = 2·filter there
        assertArrayEquals(new double[] {10, 12, 16, 18}, conv.weights().grad().data());
        assertArrayEquals(new double[] {2}, conv.bias().grad().data());
        assertArrayEquals(new double[] {0, 0, 0, 0, 2, 4, 0, 6, 8}, dx.data());

        conv.bias().value().data()[0] = -100;
        assertArrayEquals(new double[] {0}, fused.forward(x).data());
        dx = fused.backward(Tensor.of(new double[] {2}, 1, 1, 1, 1));
        assertArrayEquals(new double[] {0, 0, 0, 0}, conv.weights().grad().data());
        assertArrayEquals(new double[] {0}, conv.bias().grad().data());
        assertArrayEquals(new double[9], dx.data());
    }

    /** A wrong input is the convolution's to refuse. */
    @Override
    protected String layerName(Layer layer) {
        return "Convolution";
    }
}
