package org.bricknet.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.PropertyDefaults;
import org.bricknet.core.Layer;
import org.bricknet.core.Tensor;
import org.bricknet.core.contract.LayerContract;
import org.junit.jupiter.api.Test;

/**
 * AvgPooling by hand, and under the layer contract (inherited jqwik properties), windows and
 * strides as in {@link PoolingContracts#window}.
 */
@PropertyDefaults(tries = 50)
class AvgPoolingTest extends LayerContract {
    private static final double[] ONE_TO_16 = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

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

    @Test
    void avgPoolingByHand() {
        Tensor y = new AvgPooling(2, 2, 2, 0).forward(Tensor.of(ONE_TO_16.clone(), 1, 1, 4, 4));
        assertArrayEquals(new double[] {3.5, 5.5, 11.5, 13.5}, y.data(), 1e-15);
        // pad 1 on [1..9]: padding counts as zeros, so every window divides by 4
        AvgPooling padded = new AvgPooling(2, 2, 2, 1);
        Tensor pos = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3);
        assertArrayEquals(
                new double[] {0.25, 1.25, 2.75, 7}, padded.forward(pos).data(), 1e-15);
        Tensor dx = padded.backward(Tensor.of(new double[] {4, 8, 12, 16}, 1, 1, 2, 2));
        assertArrayEquals(new double[] {1, 2, 2, 3, 4, 4, 3, 4, 4}, dx.data(), 1e-15);
    }

    @Test
    void shapeErrorsNameTheLayer() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new AvgPooling(2, 2, 2, 0).forward(Tensor.zeros(4, 4)));
        assertEquals("AvgPooling: expected input of shape (N, C, H, W), got (4, 4)", e.getMessage());
    }
}
