package org.bricknet.core.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.PropertyDefaults;
import org.bricknet.core.Layer;
import org.bricknet.core.Tensor;
import org.bricknet.core.testing.Drop;
import org.junit.jupiter.api.Test;

/**
 * The contract on a dropout-like layer, which draws a new mask every forward in training: the
 * gradient property holds the draw, and the draw comes from the factory's seeded Random. The
 * fixture's forward and backward by hand, on a Random whose draws are scripted, then the inherited
 * jqwik properties.
 */
@PropertyDefaults(tries = 50)
class DropContractTest extends LayerContract {

    @Override
    protected Layer create(int[] inputShape, Random random) {
        return new Drop(0.6, random);
    }

    @Override
    protected Arbitrary<int[]> inputShapes() {
        return Tensors.shapes(1, 4, 4);
    }

    @Override
    protected List<int[]> wrongInputShapes(int[] accepted) {
        return List.of();
    }

    @Test
    void forwardAndBackwardByHand() {
        // keep = 0.5; draws 0.1, 0.9, 0.3, 0.7: a draw below keep keeps (m = 1/keep = 2), else m = 0
        // mask [2, 0, 2, 0]; x = [[1, 2], [3, 4]]: y = x ⊙ m = [2, 0, 6, 0]; dx = dout ⊙ m
        Drop drop = new Drop(0.5, scripted(0.1, 0.9, 0.3, 0.7));
        Tensor x = Tensor.matrix(new double[][] {{1, 2}, {3, 4}});
        assertArrayEquals(new double[] {2, 0, 6, 0}, drop.forward(x).data());
        assertArrayEquals(
                new double[] {2, 0, 2, 0},
                drop.backward(Tensor.zeros(2, 2).fill(1)).data());
        assertEquals(1, drop.draws());
        // held, a second forward reuses the mask and draws nothing (the script has no fifth draw)
        drop.holdRandomDraw(true);
        assertArrayEquals(new double[] {2, 0, 6, 0}, drop.forward(x).data());
        assertEquals(1, drop.draws());
        // in evaluation it is the identity both ways
        drop.setTraining(false);
        assertArrayEquals(new double[] {1, 2, 3, 4}, drop.forward(x).data());
        assertArrayEquals(
                new double[] {5, 6, 7, 8},
                drop.backward(Tensor.matrix(new double[][] {{5, 6}, {7, 8}})).data());
    }

    /** A Random whose nextDouble returns {@code draws} in order, then fails. */
    private static Random scripted(double... draws) {
        return new Random() {
            private int next;

            @Override
            public double nextDouble() {
                return draws[next++];
            }
        };
    }
}
