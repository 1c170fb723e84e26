package org.bricknet.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.bricknet.core.check.GradientCheck;
import org.bricknet.core.testing.Linear;
import org.bricknet.core.testing.SoftmaxCrossEntropy;
import org.junit.jupiter.api.Test;

/** The test-jar's Linear layer and SoftmaxCrossEntropy loss, worked by hand and gradient-checked. */
class FixturesTest {

    @Test
    void linearForwardAndBackwardByHand() {
        Linear layer = new Linear(2, 3, 1.0, new Random(0));
        Parameter w = layer.parameters().get(0);
        Parameter b = layer.parameters().get(1);
        System.arraycopy(new double[] {1, 2, 3, 4, 5, 6}, 0, w.value().data(), 0, 6);
        System.arraycopy(new double[] {0.5, -1, 0}, 0, b.value().data(), 0, 3);
        Tensor x = Tensor.of(new double[] {1, -1, 2, 0.5}, 2, 2);
        // row 0: (1−4, 2−5, 3−6) + b; row 1: (2+2, 4+2.5, 6+3) + b
        assertArrayEquals(
                new double[] {-2.5, -4, -3, 4.5, 5.5, 9}, layer.forward(x).data(), 1e-12);
        Tensor dx = layer.backward(Tensor.of(new double[] {1, 0, -1, 0, 2, 1}, 2, 3));
        // dW = xᵀ·dout, db = column sums of dout, dx = dout·Wᵀ
        assertArrayEquals(new double[] {1, 4, 1, -1, 1, 1.5}, w.grad().data(), 1e-12);
        assertArrayEquals(new double[] {1, 2, 0}, b.grad().data(), 1e-12);
        assertArrayEquals(new double[] {-2, -2, 7, 16}, dx.data(), 1e-12);
    }

    @Test
    void linearPassesTheGradientCheck() {
        Random r = new Random(5);
        GradientCheck.assertLayer(new Linear(3, 4, 1.0, r), Tensor.randn(r, 1.0, 5, 3), 13);
    }

    @Test
    void softmaxCrossEntropyByHand() {
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        // softmax(0, ln 3) = (1/4, 3/4) with target 1; softmax(0, 0) = (1/2, 1/2) with target 0
        Tensor scores = Tensor.of(new double[] {0, Math.log(3), 0, 0}, 2, 2);
        Tensor targets = Tensor.of(new double[] {1, 0}, 2);
        assertArrayEquals(
                new double[] {0.25, 0.75, 0.5, 0.5}, loss.forward(scores).data(), 1e-12);
        assertEquals((Math.log(4.0 / 3) + Math.log(2)) / 2, loss.loss(scores, targets), 1e-12);
        // (softmax − onehot) / N
        assertArrayEquals(
                new double[] {0.125, -0.125, -0.25, 0.25}, loss.backward().data(), 1e-12);
    }

    @Test
    void softmaxCrossEntropyPassesTheGradientCheck() {
        Random r = new Random(6);
        Tensor targets = Tensor.of(new double[] {2, 0, 1, 2}, 4);
        GradientCheck.assertLoss(new SoftmaxCrossEntropy(), Tensor.randn(r, 2.0, 4, 3), targets);
    }
}
