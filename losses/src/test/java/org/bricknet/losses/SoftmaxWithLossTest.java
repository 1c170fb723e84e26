package org.bricknet.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.Arbitrary;
import org.bricknet.core.LossLayer;
import org.bricknet.core.Tensor;
import org.bricknet.core.contract.LossContract;
import org.bricknet.core.contract.Tensors;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked examples, and SoftmaxWithLoss under the loss contract (inherited jqwik properties),
 * with targets as class indices or one-hot rows.
 */
class SoftmaxWithLossTest extends LossContract {

    @Override
    protected LossLayer create(Random random) {
        return new SoftmaxWithLoss();
    }

    /** At least two classes: with one, softmax is 1 and every gradient is 0. */
    @Override
    protected Arbitrary<int[]> scoreShapes() {
        return Tensors.matrixShapes(8, 16).filter(s -> s[1] >= 2);
    }

    @Override
    protected Tensor targets(int[] scoreShape, Random random) {
        int n = scoreShape[0];
        int k = scoreShape[1];
        boolean oneHot = random.nextBoolean();
        Tensor t = oneHot ? Tensor.zeros(n, k) : Tensor.zeros(n);
        for (int i = 0; i < n; i++) {
            int label = random.nextInt(k);
            if (oneHot) {
                t.set(1.0, i, label);
            } else {
                t.set(label, i);
            }
        }
        return t;
    }

    @Test
    void forwardByHand() {
        // scores [0, ln 3]: softmax = [1/4, 3/4]; target 1: loss = −ln(3/4)
        // scores [ln 2, 0]: softmax = [2/3, 1/3]; target 1: loss = −ln(1/3)
        SoftmaxWithLoss loss = new SoftmaxWithLoss();
        Tensor scores = Tensor.matrix(new double[][] {{0, Math.log(3)}, {Math.log(2), 0}});
        double l = loss.loss(scores, Tensor.vector(1, 1));
        assertEquals((-Math.log(0.75) - Math.log(1.0 / 3)) / 2, l, 1e-15);
        // backward = (y − t) / N
        Tensor d = loss.backward();
        assertArrayEquals(new double[] {0.25 / 2, -0.25 / 2, (2.0 / 3) / 2, (1.0 / 3 - 1) / 2}, d.data(), 1e-15);
        Tensor p = loss.forward(scores);
        assertArrayEquals(new double[] {0.25, 0.75, 2.0 / 3, 1.0 / 3}, p.data(), 1e-15);
    }

    @Test
    void oneHotAndIndexTargetsAgree() {
        Tensor scores = Tensor.randn(new Random(4), 2.0, 5, 4);
        SoftmaxWithLoss a = new SoftmaxWithLoss();
        SoftmaxWithLoss b = new SoftmaxWithLoss();
        double la = a.loss(scores, Tensor.vector(0, 3, 2, 2, 1));
        double lb = b.loss(scores, Tensor.matrix(new double[][] {
            {1, 0, 0, 0}, {0, 0, 0, 1}, {0, 0, 1, 0}, {0, 0, 1, 0}, {0, 1, 0, 0}
        }));
        assertEquals(la, lb, 1e-15);
        assertArrayEquals(a.backward().data(), b.backward().data(), 1e-15);
    }

    @Test
    void staysFiniteForHugeScores() {
        SoftmaxWithLoss loss = new SoftmaxWithLoss();
        double l = loss.loss(Tensor.matrix(new double[][] {{1000, -1000}, {-1000, 1000}}), Tensor.vector(1, 1));
        assertTrue(Double.isFinite(l));
        assertEquals(1000.0, l, 1e-12); // row 1 costs 2000, row 2 costs 0
        for (double v : loss.backward().data()) {
            assertTrue(Double.isFinite(v));
        }
    }

    @Test
    void badTargetsAreClearErrors() {
        SoftmaxWithLoss loss = new SoftmaxWithLoss();
        Tensor scores = Tensor.zeros(2, 3);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> loss.loss(scores, Tensor.vector(0, 3)));
        assertEquals("SoftmaxWithLoss: target 1 must be a class index in [0, 3), got 3.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> loss.loss(scores, Tensor.vector(0, 1, 2)));
        assertEquals(
                "SoftmaxWithLoss: expected targets of shape (2,) as class indices or (2, 3) as one-hot rows,"
                        + " got (3,)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> loss.loss(Tensor.zeros(6), Tensor.vector(0)));
        assertEquals("SoftmaxWithLoss: expected scores of shape (N, K), got (6,)", e.getMessage());
    }
}
