package org.bricknet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.bricknet.core.Tensor;
import org.bricknet.core.check.GradientCheck;
import org.bricknet.layers.WeightInit;
import org.junit.jupiter.api.Test;

/** Full gradient checks of the book's bigger models on small batches. */
class ModelsGradientTest {

    private static Tensor labels(Random r, int n, int k) {
        Tensor t = Tensor.zeros(n);
        for (int i = 0; i < n; i++) {
            t.set(r.nextInt(k), i);
        }
        return t;
    }

    @Test
    void multiLayerNetWithBatchNormDropoutAndWeightDecay() {
        Random r = new Random(11);
        MultiLayerNet net =
                new MultiLayerNet(12, new int[] {10, 9, 8}, 4, Activation.RELU, WeightInit.he(), 0.01, 0.15, true, r);
        assertEquals(
                List.of(
                        "Affine1",
                        "BatchNorm1",
                        "Relu1",
                        "Dropout1",
                        "Affine2",
                        "BatchNorm2",
                        "Relu2",
                        "Dropout2",
                        "Affine3",
                        "BatchNorm3",
                        "Relu3",
                        "Dropout3",
                        "Affine4"),
                List.copyOf(net.layers().keySet()));
        assertEquals(
                List.of(
                        "W1", "b1", "gamma1", "beta1", "W2", "b2", "gamma2", "beta2", "W3", "b3", "gamma3", "beta3",
                        "W4", "b4"),
                List.copyOf(net.parameters().keySet()));
        GradientCheck.assertNetwork(net, Tensor.randn(r, 1.0, 6, 12), labels(r, 6, 4));
    }

    @Test
    void simpleConvNetOnSmallImages() {
        Random r = new Random(12);
        SimpleConvNet net = new SimpleConvNet(1, 10, 10, 8, 3, r);
        assertEquals(
                List.of("W1", "b1", "W2", "b2", "W3", "b3"),
                List.copyOf(net.parameters().keySet()));
        assertEquals(
                List.of(30, 1, 5, 5),
                List.of(
                        net.parameters().get("W1").value().dim(0),
                        net.parameters().get("W1").value().dim(1),
                        net.parameters().get("W1").value().dim(2),
                        net.parameters().get("W1").value().dim(3)));
        GradientCheck.assertNetwork(net, Tensor.uniform(r, 0, 1, 2, 1, 10, 10), labels(r, 2, 3));
    }
}
