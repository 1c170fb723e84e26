package org.bricknet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Random;
import org.bricknet.core.Tensor;
import org.bricknet.core.check.GradientCheck;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.io.Mnist;
import org.bricknet.optim.training.TrainingHistory;
import org.junit.jupiter.api.Test;

class NielsenNetworkTest {

    @Test
    void isSigmoidLayersWithTheQuadraticCost() {
        NielsenNetwork net = new NielsenNetwork(new Random(1), 4, 3, 2);
        assertEquals(
                List.of("Affine1", "Sigmoid1", "Affine2", "Sigmoid2"),
                List.copyOf(net.layers().keySet()));
        assertEquals(
                List.of("W1", "b1", "W2", "b2"), List.copyOf(net.parameters().keySet()));
        Tensor x = Tensor.uniform(new Random(2), 0, 1, 5, 4);
        Tensor t = Tensor.vector(0, 1, 1, 0, 1);
        GradientCheck.assertNetwork(net, x, t);
    }

    @Test
    void sgdLearnsTheEmbeddedDigitsAndPrintsNielsensLines() {
        Mnist.Split digits = Datasets.mnist10k();
        Dataset train = digits.train().slice(0, 2000);
        Dataset test = digits.test().slice(0, 500);
        NielsenNetwork net = new NielsenNetwork(new Random(7), 784, 30, 10);
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream old = System.out;
        TrainingHistory h;
        try {
            System.setOut(new PrintStream(captured, true));
            h = net.sgd(train, 3, 10, 3.0, test, new Random(7));
        } finally {
            System.setOut(old);
        }
        String out = captured.toString();
        assertTrue(out.contains("Epoch 3: "), out);
        assertTrue(out.contains(" / 500"), out);
        // three epochs on 2,000 digits: far above the 10 % of guessing
        assertTrue(h.last().testAccuracy() > 0.6, out);
    }
}
