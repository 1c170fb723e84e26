package org.bricknet.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.bricknet.core.Tensor;
import org.bricknet.core.check.GradientCheck;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.io.Mnist;
import org.bricknet.optim.training.TrainingHistory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The tutorial's 400-25-10 network: its cost by the tutorial's formula, its steps, and 20×20 digits. */
class LogisticDigitsNetworkTest {

    @Test
    void theCostIsTheTutorialsPerClassLogisticCostWithRegularisation() {
        Random r = new Random(1);
        LogisticDigitsNetwork net = new LogisticDigitsNetwork(6, 4, 3, r);
        assertEquals(
                List.of("Affine1", "Sigmoid1", "Affine2"),
                List.copyOf(net.layers().keySet()));
        Tensor x = Tensor.uniform(r, 0, 1, 5, 6);
        int[] y = {0, 2, 1, 1, 0};
        double lambda = 1.5;
        int m = 5;
        net.withWeightDecay(lambda / m);
        // J = (1/m)·Σ_i Σ_k −[y·log h + (1 − y)·log(1 − h)] + (λ/2m)·Σ θ² (weights only), by hand
        Tensor w1 = net.parameters().get("W1").value();
        Tensor b1 = net.parameters().get("b1").value();
        Tensor w2 = net.parameters().get("W2").value();
        Tensor b2 = net.parameters().get("b2").value();
        double j = 0;
        for (int i = 0; i < m; i++) {
            double[] a = new double[4];
            for (int u = 0; u < 4; u++) {
                double z = b1.get(u);
                for (int v = 0; v < 6; v++) {
                    z += x.get(i, v) * w1.get(v, u);
                }
                a[u] = 1 / (1 + Math.exp(-z));
            }
            for (int k = 0; k < 3; k++) {
                double z = b2.get(k);
                for (int u = 0; u < 4; u++) {
                    z += a[u] * w2.get(u, k);
                }
                double h = 1 / (1 + Math.exp(-z));
                double t = y[i] == k ? 1 : 0;
                j += -(t * Math.log(h) + (1 - t) * Math.log(1 - h)) / m;
            }
        }
        j += lambda / (2 * m) * (w1.multiply(w1).sum() + w2.multiply(w2).sum());
        Tensor labels = Tensor.vector(0, 2, 1, 1, 0);
        assertEquals(j, net.loss(x, labels), 1e-12);
        GradientCheck.assertNetwork(net, x, labels);
    }

    @Test
    void theInitialWeightsAndBiasesAreWithinTheTutorialsEpsilon() {
        LogisticDigitsNetwork net = new LogisticDigitsNetwork(new Random(2));
        assertArrayEquals(
                new int[] {400, 25}, net.parameters().get("W1").value().shape());
        net.parameters().values().forEach(p -> {
            assertTrue(p.value().abs().max() <= LogisticDigitsNetwork.EPSILON_INIT);
            assertTrue(p.value().abs().max() > 0.1, "spread over the range");
        });
    }

    @Test
    @Tag("slow")
    void fullBatchDescentOnTwentyByTwentyDigitsLowersTheCostStepByStep() {
        Mnist.Split digits = Downscale.split(Datasets.mnist10k(), 20);
        Dataset train = digits.train().slice(0, 1000);
        Dataset test = digits.test().slice(0, 300);
        LogisticDigitsNetwork net = new LogisticDigitsNetwork(new Random(3));
        TrainingHistory h = net.train(train, 60, 2.0, 1.0, test, 100, null);
        double[] cost = h.meanLosses();
        assertEquals(60, cost.length);
        for (int i = 1; i < cost.length; i++) {
            assertTrue(cost[i] < cost[i - 1], "full-batch steps at a small enough rate lower the cost: " + h);
        }
        assertTrue(h.last().testAccuracy() > 0.5, h.toString());
        assertEquals(
                "LogisticDigitsNetwork: expected λ finite and >= 0, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> net.train(train, 1, 1, -1, null, 1, null))
                        .getMessage());
    }

    @Test
    void downscalingAveragesTheAreaEachPixelCovers() {
        // 3×3 to 2×2: output pixel 0 covers source pixels 0 and half of 1 along each axis
        Tensor img = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 9);
        Dataset small = Downscale.dataset(new Dataset(img, new int[] {0}, 1), 2);
        double w = 1.5 * 1.5;
        double topLeft = (1 + 0.5 * 2 + 0.5 * 4 + 0.25 * 5) / w;
        assertEquals(topLeft, small.inputs().get(0, 0), 1e-15);
        // area averaging keeps the mean
        Mnist.Split digits = Datasets.mnist10k();
        Dataset some = digits.test().slice(0, 20);
        Dataset twenty = Downscale.dataset(some, 20);
        assertArrayEquals(new int[] {20, 400}, twenty.inputs().shape());
        assertArrayEquals(some.inputs().mean(1).data(), twenty.inputs().mean(1).data(), 1e-12);
        assertArrayEquals(some.labels(), twenty.labels());
        assertArrayEquals(new int[] {1, 20, 20}, twenty.imageShape(), "the result knows it is images");
        // read a thousand at a time: examples past the first thousand are scaled as the first ones
        Dataset many = digits.test().slice(0, 1500);
        Dataset whole = Downscale.dataset(many, 20);
        Dataset tail = Downscale.dataset(many.slice(990, 1010), 20);
        assertArrayEquals(whole.slice(990, 1010).inputs().data(), tail.inputs().data(), 0.0);
        assertEquals(
                "Downscale: expected a side in [1, 28] for 28×28 images, got 30",
                assertThrows(IllegalArgumentException.class, () -> Downscale.dataset(some, 30))
                        .getMessage());
    }
}
