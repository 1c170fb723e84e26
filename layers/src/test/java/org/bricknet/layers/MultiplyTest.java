package org.bricknet.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import net.jqwik.api.Arbitrary;
import org.bricknet.core.Brick;
import org.bricknet.core.Tensor;
import org.bricknet.core.contract.BrickContract;
import org.bricknet.core.contract.Tensors;
import org.junit.jupiter.api.Test;

/** The book's MulLayer on tensors, by hand (the apple example), and under the brick contract. */
class MultiplyTest extends BrickContract {

    @Override
    protected Brick create(int[][] inputShapes, Random random) {
        return new Multiply();
    }

    @Override
    protected Arbitrary<int[][]> inputShapes() {
        return Tensors.shapes(1, 4, 5).map(s -> new int[][] {s, s.clone()});
    }

    @Test
    void applePriceAndItsGradients() {
        // the book's chapter 5: 2 apples at 100 each
        Multiply mul = new Multiply();
        Tensor y = mul.forward(Tensor.matrix(new double[][] {{100}}), Tensor.matrix(new double[][] {{2}}))[0];
        assertArrayEquals(new double[] {200}, y.data());
        Tensor[] d = mul.backward(Tensor.matrix(new double[][] {{1.1}}));
        assertArrayEquals(new double[] {2.2}, d[0].data(), 1e-15); // dapple
        assertArrayEquals(new double[] {110}, d[1].data(), 1e-12); // dapple_num
    }
}
