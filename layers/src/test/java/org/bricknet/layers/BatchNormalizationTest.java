package org.bricknet.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.PropertyDefaults;
import org.bricknet.core.Layer;
import org.bricknet.core.Network;
import org.bricknet.core.Tensor;
import org.bricknet.core.contract.LayerContract;
import org.bricknet.core.contract.Tensors;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked examples and the running statistics, and BatchNormalization under the layer contract
 * (inherited jqwik properties), on (N, D) and on (N, C, H, W), in training (batch statistics) and in
 * evaluation (running statistics, set by one training step in {@link #create}). The batch is at least
 * 2, and each feature's values are spread so that its batch variance stays far above eps (see
 * {@link #spread}).
 */
@PropertyDefaults(tries = 60)
class BatchNormalizationTest extends LayerContract {
    private static final double EPS = 1e-6;

    @Override
    protected Layer create(int[] inputShape, Random random) {
        int features = inputShape[1];
        BatchNormalization bn = new BatchNormalization(
                Tensor.uniform(random, 0.5, 2, features), Tensor.randn(random, 1.0, features), 0.9, EPS);
        bn.forward(spread(random, inputShape)); // running statistics away from their start (0, 1)
        return bn;
    }

    @Override
    protected Arbitrary<int[]> inputShapes() {
        Arbitrary<int[]> images = Tensors.shapes(4, 4, 3);
        return Arbitraries.oneOf(Tensors.matrixShapes(8, 6), images).filter(s -> s[0] >= 2);
    }

    @Override
    protected Arbitrary<Tensor> inputs(int[] shape) {
        return Arbitraries.longs().map(seed -> spread(new Random(seed), shape));
    }

    /** Any height and width is right; only the feature axis must match the layer. */
    @Override
    protected List<int[]> wrongInputShapes(int[] accepted) {
        int[] s = accepted.clone();
        s[1]++;
        return List.of(s);
    }

    /**
     * Each feature (axis 1) gets its M values from a shuffled ladder {@code k + U(0, 0.5)},
     * k = 0..M−1, centred and divided by M/2 (so spread over about [−1, 1]), then given its own
     * scale in [0.5, 3) and shift in [−2, 2). A feature's batch variance thus stays far above eps:
     * as it shrinks towards eps, x̂ tends to a step function of x (for M = 2 it is ±1 except
     * within about √eps of a tie), whose curvature would swamp the central difference.
     */
    static Tensor spread(Random r, int... shape) {
        Tensor x = Tensor.zeros(shape);
        int f = shape[1];
        int inner = x.size() / (shape[0] * f);
        int m = shape[0] * inner;
        double[] d = x.data();
        for (int c = 0; c < f; c++) {
            double scale = 0.5 + 2.5 * r.nextDouble();
            double shift = -2 + 4 * r.nextDouble();
            int[] order = new int[m];
            for (int k = 0; k < m; k++) {
                int j = r.nextInt(k + 1); // Fisher-Yates, inside out
                order[k] = order[j];
                order[j] = k;
            }
            for (int k = 0; k < m; k++) {
                int i = ((k / inner) * f + c) * inner + k % inner;
                d[i] = shift + scale * (order[k] + 0.5 * r.nextDouble() - m / 2.0) / Math.max(1, m / 2.0);
            }
        }
        return x;
    }

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
        assertArrayEquals(
                new double[] {1.8 / Math.sqrt(1.0 + EPS), 2 * 3.6 / Math.sqrt(1.3 + EPS) + 1}, e.data(), 1e-15);
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
        assertArrayEquals(
                new double[] {-3 / s0, -1 / s0, -1 / s1, -1 / s1, 1 / s0, 3 / s0, 1 / s1, 1 / s1}, y.data(), 1e-15);
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
        assertEquals(
                java.util.List.of("gamma1", "beta1"),
                java.util.List.copyOf(net.parameters().keySet()));
    }

    @Test
    void wrongShapesNameTheLayer() {
        BatchNormalization bn = new BatchNormalization(3);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> bn.forward(Tensor.zeros(4, 2, 5, 5)));
        assertEquals(
                "BatchNormalization: expected input of shape (N, 3) or (N, 3, H, W), got (4, 2, 5, 5)", e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> new BatchNormalization(Tensor.zeros(3), Tensor.zeros(2), 0.9, 1e-6));
        assertEquals("BatchNormalization: expected beta of shape (3,), got (2,)", e.getMessage());
    }

    @Test
    void inAGraphItTakesItsFeaturesFromTheGraph() {
        BatchNormalization bn = new BatchNormalization();
        assertEquals(List.of(), bn.parameters());
        IllegalStateException early = assertThrows(IllegalStateException.class, () -> bn.forward(Tensor.zeros(2, 3)));
        assertEquals(
                "BatchNormalization: its gamma and beta are created when a graph holding it is built",
                early.getMessage());
        org.bricknet.core.Graph g = org.bricknet.core.Graph.builder()
                .input("image", 3, 4, 4)
                .node("bn", bn, "image")
                .output("bn")
                .build(new Random(1));
        // one feature per channel: γ = 1, β = 0, running mean 0 and variance 1
        assertArrayEquals(new double[] {1, 1, 1}, bn.parameters().get(0).value().data());
        assertArrayEquals(new double[] {0, 0, 0}, bn.parameters().get(1).value().data());
        assertEquals(
                List.of("bn.gamma", "bn.beta"), List.copyOf(g.namedParameters().keySet()));
        assertEquals(
                List.of("bn.running_mean", "bn.running_var"),
                List.copyOf(g.buffers().keySet()));
        assertArrayEquals(new int[] {3, 4, 4}, g.exampleShape("bn"));
        // it then works as one built with its size
        BatchNormalization sized = new BatchNormalization(3);
        Tensor x = spread(new Random(2), 2, 3, 4, 4);
        assertArrayEquals(sized.forward(x).data(), g.forward(x).data());
        assertEquals(0.9, bn.momentum());
        assertEquals(1e-6, bn.eps());
    }

    @Test
    void aGraphSaysWhatDoesNotFitItsFeatures() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> org.bricknet.core.Graph.builder()
                        .input("x", 5)
                        .node("bn", new BatchNormalization(3), "x")
                        .output("bn")
                        .build());
        assertEquals(
                "BatchNormalization 'bn' takes 'x' (N, 5): BatchNormalization expects examples of shape (3) or"
                        + " (3, H, W), got (5,)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BatchNormalization(1.5, 1e-6));
        assertEquals(
                "BatchNormalization: expected momentum in [0, 1] and eps > 0, got 1.5 (the weight of the old value) and 1.0E-6",
                e.getMessage());
    }
}
