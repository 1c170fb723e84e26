package org.bricknet.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.PropertyDefaults;
import org.bricknet.core.Brick;
import org.bricknet.core.Tensor;
import org.bricknet.core.contract.BrickContract;
import org.junit.jupiter.api.Test;

/** The book's scalar AddLayer: its own calls by hand (buy_apple_orange.py), and as a brick under the contract. */
@PropertyDefaults(tries = 30)
class AddLayerTest extends BrickContract {

    @Override
    protected Brick create(int[][] inputShapes, Random random) {
        return new AddLayer();
    }

    @Override
    protected Arbitrary<int[][]> inputShapes() {
        return Arbitraries.of(new int[][] {{1, 1}, {1, 1}}, new int[][] {{1, 1, 1}, {1, 1, 1}});
    }

    @Test
    void applesAndOrangesWithTheBooksCalls() {
        AddLayer add = new AddLayer();
        assertEquals(650, add.forward(200, 450));
        assertArrayEquals(new double[] {1.1, 1.1}, add.backward(1.1)); // dapple_price, dorange_price
    }

    @Test
    void asABrickItPassesTheGradientToBothInputs() {
        AddLayer add = new AddLayer();
        Tensor y = add.forward(Tensor.of(new double[] {200}, 1, 1), Tensor.of(new double[] {450}, 1, 1))[0];
        assertEquals(650, y.data()[0]);
        Tensor[] d = add.backward(Tensor.of(new double[] {1.1}, 1, 1));
        assertEquals(1.1, d[0].data()[0]);
        assertEquals(1.1, d[1].data()[0]);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> add.backward(Tensor.zeros(1, 2)));
        assertEquals("AddLayer: expected output gradient of shape (1, 1), got (1, 2)", e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> org.bricknet.core.Graph.builder()
                        .input("a", 3)
                        .input("b", 1)
                        .node("sum", new AddLayer(), "a", "b")
                        .output("sum")
                        .build());
        assertEquals(
                "AddLayer 'sum' takes 'a' (N, 3), 'b' (N, 1): AddLayer expects examples of one value each (the"
                        + " book's scalars; for tensors use Add), got [(3,), (1,)]",
                e.getMessage());
    }
}
