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

/** The book's scalar MulLayer: its own calls by hand (buy_apple.py), and as a brick under the contract. */
@PropertyDefaults(tries = 30)
class MulLayerTest extends BrickContract {

    @Override
    protected Brick create(int[][] inputShapes, Random random) {
        return new MulLayer();
    }

    @Override
    protected Arbitrary<int[][]> inputShapes() {
        return Arbitraries.of(new int[][] {{1, 1}, {1, 1}}, new int[][] {{1, 1, 1}, {1, 1, 1}});
    }

    @Test
    void theBooksApplesWithTheBooksCalls() {
        MulLayer mulApple = new MulLayer();
        MulLayer mulTax = new MulLayer();
        double applePrice = mulApple.forward(100, 2);
        double price = mulTax.forward(applePrice, 1.1);
        assertEquals(100 * 2 * 1.1, price); // 220.00000000000003, as in Python
        double[] dTax = mulTax.backward(1);
        double[] dApple = mulApple.backward(dTax[0]);
        assertArrayEquals(new double[] {1.1, 200}, dTax); // dapple_price, dtax
        assertArrayEquals(new double[] {1.1 * 2, 1.1 * 100}, dApple); // dapple 2.2, dapple_num 110.00000000000001
    }

    @Test
    void asABrickItTakesTensorsOfOneValue() {
        MulLayer mul = new MulLayer();
        Tensor y = mul.forward(Tensor.of(new double[] {100}, 1, 1), Tensor.of(new double[] {2}, 1, 1))[0];
        assertArrayEquals(new int[] {1, 1}, y.shape());
        assertEquals(200, y.data()[0]);
        Tensor[] d = mul.backward(Tensor.of(new double[] {1.1}, 1, 1));
        assertEquals(1.1 * 2, d[0].data()[0]);
        assertEquals(1.1 * 100, d[1].data()[0]);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> mul.forward(Tensor.zeros(2, 1), Tensor.zeros(2, 1)));
        assertEquals(
                "MulLayer: expected two inputs of one value each (the book's scalars; for tensors use Multiply),"
                        + " got [(2, 1), (2, 1)]",
                e.getMessage());
        assertEquals("MulLayer", mul.toString());
    }
}
