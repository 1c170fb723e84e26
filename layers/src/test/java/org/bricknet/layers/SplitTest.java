package org.bricknet.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.bricknet.core.Brick;
import org.bricknet.core.Tensor;
import org.bricknet.core.contract.BrickContract;
import org.junit.jupiter.api.Test;

/** Split by hand (the inverse of Concat), and under the brick contract. */
class SplitTest extends BrickContract {

    @Override
    protected Brick create(int[][] inputShapes, Random random) {
        int d = inputShapes[0][1];
        return new Split(1, d - 1);
    }

    @Override
    protected Arbitrary<int[][]> inputShapes() {
        return Arbitraries.integers()
                .between(1, 3)
                .flatMap(n -> Arbitraries.integers()
                        .between(2, 6)
                        .flatMap(d -> Arbitraries.of(true, false)
                                .map(img -> img ? new int[][] {{n, d, 2, 1}} : new int[][] {{n, d}})));
    }

    @Override
    protected List<int[][]> wrongInputShapes(int[][] accepted) {
        int[] s = accepted[0].clone();
        s[1]++;
        return java.util.Collections.singletonList(new int[][] {s});
    }

    @Test
    void partsFeaturesAndJoinsTheGradientsBack() {
        Split split = new Split(1, 2);
        Tensor[] y = split.forward(Tensor.matrix(new double[][] {{1, 2, 3}, {4, 5, 6}}));
        assertArrayEquals(new double[] {1, 4}, y[0].data());
        assertArrayEquals(new double[] {2, 3, 5, 6}, y[1].data());
        Tensor[] d =
                split.backward(Tensor.matrix(new double[][] {{7}, {8}}), Tensor.matrix(new double[][] {{9, 10}, {11, 12}
                }));
        assertArrayEquals(new double[] {7, 9, 10, 8, 11, 12}, d[0].data());
    }

    @Test
    void sizesThatDoNotAddUpAreRefused() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new Split(2, 2).forward(Tensor.zeros(1, 5)));
        assertEquals("Split: expected one input of shape (N, 4, ...), got [(1, 5)]", e.getMessage());
    }
}
