package org.bricknet.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.bricknet.core.Brick;
import org.bricknet.core.Tensor;
import org.bricknet.core.contract.BrickContract;
import org.junit.jupiter.api.Test;

/** Concat by hand on features and on channels, and under the brick contract. */
class ConcatTest extends BrickContract {

    @Override
    protected Brick create(int[][] inputShapes, Random random) {
        return new Concat();
    }

    /** Two inputs (N, C₁, H, W) and (N, C₂, H, W), or (N, D₁) and (N, D₂). */
    @Override
    protected Arbitrary<int[][]> inputShapes() {
        Arbitrary<Integer> n = Arbitraries.integers().between(1, 3);
        Arbitrary<Integer> c = Arbitraries.integers().between(1, 3);
        Arbitrary<Boolean> images = Arbitraries.of(true, false);
        return Arbitraries.integers()
                .between(1, 3)
                .flatMap(hw -> n.flatMap(b -> c.flatMap(c1 -> c.flatMap(c2 -> images.map(img ->
                        img ? new int[][] {{b, c1, hw, 2}, {b, c2, hw, 2}} : new int[][] {{b, c1}, {b, c2}})))));
    }

    /** The joined axis may differ; any other axis may not. */
    @Override
    protected List<int[][]> wrongInputShapes(int[][] accepted) {
        List<int[][]> wrong = new ArrayList<>();
        if (accepted[0].length == 4) {
            int[][] s = {accepted[0].clone(), accepted[1].clone()};
            s[1][2]++;
            wrong.add(s);
        }
        return wrong;
    }

    @Test
    void joinsFeaturesRowByRowAndPartsTheGradientBack() {
        Concat cat = new Concat();
        Tensor a = Tensor.matrix(new double[][] {{1, 2}, {3, 4}});
        Tensor b = Tensor.matrix(new double[][] {{5}, {6}});
        Tensor y = cat.forward(a, b)[0];
        assertArrayEquals(new int[] {2, 3}, y.shape());
        assertArrayEquals(new double[] {1, 2, 5, 3, 4, 6}, y.data());
        Tensor[] d = cat.backward(Tensor.matrix(new double[][] {{10, 20, 30}, {40, 50, 60}}));
        assertArrayEquals(new double[] {10, 20, 40, 50}, d[0].data());
        assertArrayEquals(new double[] {30, 60}, d[1].data());
    }

    @Test
    void joinsChannelsImageByImage() {
        Tensor a = Tensor.of(new double[] {1, 2, 3, 4}, 2, 1, 1, 2); // two images, one channel of 1x2
        Tensor b = Tensor.of(new double[] {5, 6, 7, 8}, 2, 1, 1, 2);
        Tensor y = new Concat().forward(a, b)[0];
        assertArrayEquals(new int[] {2, 2, 1, 2}, y.shape());
        assertArrayEquals(new double[] {1, 2, 5, 6, 3, 4, 7, 8}, y.data());
    }
}
