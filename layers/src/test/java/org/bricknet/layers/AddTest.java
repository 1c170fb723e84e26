package org.bricknet.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import net.jqwik.api.Arbitrary;
import org.bricknet.core.Brick;
import org.bricknet.core.Tensor;
import org.bricknet.core.contract.BrickContract;
import org.bricknet.core.contract.Tensors;
import org.junit.jupiter.api.Test;

/** Add by hand, and under the brick contract with three inputs of one shape. */
class AddTest extends BrickContract {

    @Override
    protected Brick create(int[][] inputShapes, Random random) {
        return new Add();
    }

    @Override
    protected Arbitrary<int[][]> inputShapes() {
        return Tensors.shapes(1, 4, 5).map(s -> new int[][] {s, s.clone(), s.clone()});
    }

    @Test
    void sumsItsInputsAndGivesEachTheOutputGradient() {
        Add add = new Add();
        Tensor a = Tensor.matrix(new double[][] {{1, 2}});
        Tensor b = Tensor.matrix(new double[][] {{10, 20}});
        assertArrayEquals(new double[] {11, 22}, add.forward(a, b)[0].data());
        Tensor dout = Tensor.matrix(new double[][] {{0.5, -1}});
        Tensor[] dx = add.backward(dout);
        assertEquals(2, dx.length);
        assertArrayEquals(new double[] {0.5, -1}, dx[0].data());
        assertArrayEquals(new double[] {0.5, -1}, dx[1].data());
        assertNotSame(dx[0], dx[1]);
    }

    @Test
    void inputsOfDifferentShapesAreRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new Add().forward(Tensor.zeros(2, 50), Tensor.zeros(2, 40)));
        assertEquals("Add: expected inputs of one shape, input 0 is (2, 50), input 1 is (2, 40)", e.getMessage());
    }
}
