package org.bricknet.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.bricknet.core.Network;
import org.bricknet.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked examples and the running statistics; the gradient in training and evaluation, on
 * vectors and images, and the other promises are in {@link BatchNormalizationContractTest}.
 */
class BatchNormalizationTest {
    private static final double EPS = 1e-6;

    @Test
    void trainingStepAndEvaluationByHand() {
        BatchNormalization bn = new BatchNormalization(Tensor.vector(1, 2), Tensor.vector(0, 1), 0.9, EPS);
        // column 0: 1, 3 -> μ = 2, σ² = 1; column 1: 2, 6 -> μ = 4, σ² = 4 (biased: divided by N = 2)
        Tensor y = bn.forward(Tensor.matrix(new double[][] {{1, 2}, {3, 6}}));
        double s0 = Math.sqrt(1 + EPS);
        double s1 = Math.sqrt(4 + EPS);
        assertArrayEquals(new double[] {-1 / s0, 2 * -2 / s1 + 1, 1 / s0, 2 * 2 / s1 + 1}, y.data(), 1e-15);
        // running statistics start at mean 0, variance 1: 0.9·0 + 0.1·μ and 0.9·1 + 0.1·σ²
        assertArrayEquals(new double[] {0.2, 0.4}, bn.runningMean(), 1e-15);
        assertArrayEquals(new double[] {1.0, 1.3}, bn.runningVariance(), 1e-15);
        // evaluation normalizes with the running statistics and leaves them alone
        bn.setTraining(false);
        Tensor e = bn.forward(Tensor.matrix(new double[][] {{2, 4}}));
        assertArrayEquals(new double[] {1.8 / Math.sqrt(1.0 + EPS), 2 * 3.6 / Math.sqrt(1.3 + EPS) + 1}, e.data(), 1e-15);
        assertArrayEquals(new double[] {0.2, 0.4}, bn.runningMean(), 1e-15);
        // its backward treats them as constants: dx = dout·γ/√(r_var + eps)
        Tensor dx = bn.backward(Tensor.matrix(new double[][] {{1, 1}}));
        assertArrayEquals(new double[] {1 / Math.sqrt(1.0 + EPS), 2 / Math.sqrt(1.3 + EPS)}, dx.data(), 1e-15);
    }

    @Test
    void imagesAreNormalizedPerChannel() {
        BatchNormalization bn = new BatchNormalization(2);
        // channel 0 holds 1, 3 (image 0) and 5, 7 (image 1): μ = 4, σ² = (9 + 1 + 1 + 9)/4 = 5
        // channel 1 holds 0, 0 and 2, 2: μ = 1, σ² = 1
        Tensor x = Tensor.of(new double[] {1, 3, 0, 0, 5, 7, 2, 2}, 2, 2, 1, 2);
        Tensor y = bn.forward(x);
        double s0 = Math.sqrt(5 + 1e-6);
        double s1 = Math.sqrt(1 + 1e-6);
        assertArrayEquals(new double[] {-3 / s0, -1 / s0, -1 / s1, -1 / s1, 1 / s0, 3 / s0, 1 / s1, 1 / s1},
                y.data(), 1e-15);
        assertArrayEquals(new double[] {0.4, 0.1}, bn.runningMean(), 1e-15);
        assertArrayEquals(new double[] {1.4, 1.0}, bn.runningVariance(), 1e-15);
    }

    @Test
    void parametersAreGammaAndBetaAndEscapeWeightDecay() {
        BatchNormalization bn = new BatchNormalization(3);
        assertEquals("gamma", bn.parameters().get(0).name());
        assertEquals("beta", bn.parameters().get(1).name());
        assertEquals(false, bn.parameters().get(0).isWeight());
        Network net = new Network().add("BatchNorm1", bn);
        assertEquals(java.util.List.of("gamma1", "beta1"), java.util.List.copyOf(net.parameters().keySet()));
    }

    @Test
    void wrongShapesNameTheLayer() {
        BatchNormalization bn = new BatchNormalization(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bn.forward(Tensor.zeros(4, 2, 5, 5)));
        assertEquals("BatchNormalization: expected input of shape (N, 3) or (N, 3, H, W), got (4, 2, 5, 5)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new BatchNormalization(Tensor.zeros(3), Tensor.zeros(2), 0.9, 1e-6));
        assertEquals("BatchNormalization: expected beta of shape (3,), got (2,)", e.getMessage());
    }
}
