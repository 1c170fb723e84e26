package org.bricknet.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import net.jqwik.api.Arbitrary;
import org.bricknet.core.LossLayer;
import org.bricknet.core.Tensor;
import org.bricknet.core.check.GradientCheck;
import org.bricknet.core.contract.LossContract;
import org.bricknet.core.contract.Tensors;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked examples and the huge-logit cases, and SigmoidWithLoss under the loss contract
 * (inherited jqwik properties): logits in [-8, 8] (into the flat tails), targets of the scores'
 * shape, either labels 0 and 1 or probabilities in [0, 1).
 */
class SigmoidWithLossTest extends LossContract {

    @Override
    protected LossLayer create(Random random) {
        return new SigmoidWithLoss();
    }

    @Override
    protected Arbitrary<int[]> scoreShapes() {
        return Tensors.matrixShapes(8, 6);
    }

    @Override
    protected Arbitrary<Tensor> scores(int[] shape) {
        return Tensors.ofShape(shape).between(-8, 8);
    }

    @Override
    protected Tensor targets(int[] scoreShape, Random random) {
        boolean soft = random.nextBoolean();
        Tensor t = Tensor.zeros(scoreShape);
        double[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = soft ? random.nextDouble() : random.nextInt(2);
        }
        return t;
    }

    @Test
    void forwardAndBackwardByHand() {
        // x = 0, t = 1: −log σ(0) = log 2; x = ln 3, t = 0: −log(1 − 3/4) = log 4; mean over 2 elements
        SigmoidWithLoss loss = new SigmoidWithLoss();
        Tensor scores = Tensor.matrix(new double[][] {{0}, {Math.log(3)}});
        assertEquals(
                (Math.log(2) + Math.log(4)) / 2, loss.loss(scores, Tensor.matrix(new double[][] {{1}, {0}})), 1e-15);
        // backward (σ(x) − t) / count
        assertArrayEquals(
                new double[] {(0.5 - 1) / 2, 0.75 / 2}, loss.backward().data(), 1e-15);
        assertArrayEquals(new double[] {0.5, 0.75}, loss.forward(scores).data(), 1e-15);
    }

    @Test
    void meanIsOverAllElements() {
        // 2 rows of 2 outputs, all logits 0: each element costs log 2, the mean is log 2, the gradient ±0.5/4
        SigmoidWithLoss loss = new SigmoidWithLoss();
        double l = loss.loss(Tensor.zeros(2, 2), Tensor.matrix(new double[][] {{1, 0}, {0, 1}}));
        assertEquals(Math.log(2), l, 1e-15);
        assertArrayEquals(
                new double[] {-0.125, 0.125, 0.125, -0.125}, loss.backward().data(), 1e-15);
    }

    @Test
    void staysFiniteAtHugeLogits() {
        SigmoidWithLoss loss = new SigmoidWithLoss();
        Tensor scores = Tensor.matrix(new double[][] {{1000, -1000, 1000, -1000}});
        // right and confident costs 0, wrong and confident costs |x| = 1000
        double l = loss.loss(scores, Tensor.matrix(new double[][] {{1, 1, 0, 0}}));
        assertEquals(500.0, l, 1e-12);
        assertArrayEquals(new double[] {0, -0.25, 0.25, 0}, loss.backward().data(), 1e-15);
        GradientCheck.assertLoss(new SigmoidWithLoss(), scores, Tensor.matrix(new double[][] {{1, 1, 0, 0}}));
        GradientCheck.assertLoss(
                new SigmoidWithLoss(),
                Tensor.matrix(new double[][] {{40, -40, 40, -40}}),
                Tensor.matrix(new double[][] {{1, 1, 0, 0}}));
    }

    @Test
    void badTargetsAreClearErrors() {
        SigmoidWithLoss loss = new SigmoidWithLoss();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> loss.loss(Tensor.zeros(2, 1), Tensor.zeros(2)));
        assertEquals("SigmoidWithLoss: expected targets of shape (2, 1), got (2,)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> loss.loss(Tensor.zeros(2), Tensor.vector(1, 2)));
        assertEquals("SigmoidWithLoss: target 1 must be in [0, 1] (0 or 1 for class labels), got 2.0", e.getMessage());
    }

    @Test
    void meanOverTheBatchSumsEachRowsOutputs() {
        // the same 2 x 2 zeros: each element costs log 2, each row 2·log 2, the mean over 2 rows 2·log 2;
        // the gradient (σ(0) − t) / N = ±0.5/2
        SigmoidWithLoss loss = new SigmoidWithLoss(SigmoidWithLoss.Reduction.MEAN_OVER_BATCH);
        double l = loss.loss(Tensor.zeros(2, 2), Tensor.matrix(new double[][] {{1, 0}, {0, 1}}));
        assertEquals(2 * Math.log(2), l, 1e-15);
        assertArrayEquals(
                new double[] {-0.25, 0.25, 0.25, -0.25}, loss.backward().data(), 1e-15);
        // K times the element mean, for any scores
        Tensor scores = Tensor.randn(new Random(3), 2.0, 5, 4);
        Tensor targets = Tensor.uniform(new Random(4), 0, 1, 5, 4);
        assertEquals(
                4 * new SigmoidWithLoss().loss(scores, targets),
                new SigmoidWithLoss(SigmoidWithLoss.Reduction.MEAN_OVER_BATCH).loss(scores, targets),
                1e-12);
    }

    @Test
    void classIndicesStandForOneHotRows() {
        Tensor scores = Tensor.randn(new Random(5), 2.0, 3, 4);
        Tensor indices = Tensor.vector(2, 0, 3);
        Tensor oneHot = Tensor.matrix(new double[][] {{0, 0, 1, 0}, {1, 0, 0, 0}, {0, 0, 0, 1}});
        for (SigmoidWithLoss.Reduction r : SigmoidWithLoss.Reduction.values()) {
            SigmoidWithLoss a = new SigmoidWithLoss(r);
            SigmoidWithLoss b = new SigmoidWithLoss(r);
            assertEquals(b.loss(scores, oneHot), a.loss(scores, indices), 0.0);
            assertArrayEquals(b.backward().data(), a.backward().data(), 0.0);
        }
        GradientCheck.assertLoss(new SigmoidWithLoss(SigmoidWithLoss.Reduction.MEAN_OVER_BATCH), scores, indices);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new SigmoidWithLoss().loss(scores, Tensor.vector(0, 4, 1)));
        assertEquals("SigmoidWithLoss: target 1 must be a class index in [0, 4), got 4.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SigmoidWithLoss().loss(scores, Tensor.zeros(5)));
        assertEquals(
                "SigmoidWithLoss: expected targets of shape (3,) as class indices or (3, 4) as one-hot rows, got (5,)",
                e.getMessage());
    }
}
