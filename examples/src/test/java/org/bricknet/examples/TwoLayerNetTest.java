package org.bricknet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.bricknet.core.Tensor;
import org.bricknet.core.check.GradientCheck;
import org.bricknet.core.check.GradientReport;
import org.bricknet.core.testing.Seeds;
import org.junit.jupiter.api.Test;

class TwoLayerNetTest {

    @Test
    void hasTheBooksLayersAndParameterNames() {
        TwoLayerNet net = new TwoLayerNet(6, 4, 3, new Random(1));
        assertEquals(
                List.of("Affine1", "Relu1", "Affine2"), List.copyOf(net.layers().keySet()));
        assertEquals(
                List.of("W1", "b1", "W2", "b2"), List.copyOf(net.parameters().keySet()));
        assertEquals(
                List.of(6, 4),
                List.of(
                        net.parameters().get("W1").value().dim(0),
                        net.parameters().get("W1").value().dim(1)));
        for (double b : net.parameters().get("b2").value().data()) {
            assertEquals(0.0, b);
        }
    }

    /**
     * Backprop against central differences on every parameter: maximum relative error below 1e-6
     * (elements whose absolute difference is within the checker's noise floor atol are not counted;
     * see GradientCheck). Weights of scale 1 keep the ReLU pre-activations away from 0 in practice;
     * the real-digit figures come from GradientCheckDemo.
     */
    @Property(tries = 30, seed = Seeds.FIXED)
    void gradientMatchesNumericalGradient(
            @ForAll @IntRange(min = 1, max = 5) int batch,
            @ForAll @IntRange(min = 2, max = 12) int in,
            @ForAll @IntRange(min = 2, max = 8) int hidden,
            @ForAll @IntRange(min = 2, max = 6) int out,
            @ForAll long seed) {
        Random r = new Random(seed);
        TwoLayerNet net = new TwoLayerNet(in, hidden, out, 1.0, r);
        Tensor x = Tensor.randn(r, 1.0, batch, in);
        Tensor t = Tensor.zeros(batch);
        for (int i = 0; i < batch; i++) {
            t.set(r.nextInt(out), i);
        }
        Map<String, Tensor> grad = net.gradient(x, t);
        Map<String, Tensor> num = net.numericalGradient(x, t);
        assertEquals(grad.keySet(), num.keySet());
        GradientReport report = GradientCheck.compare(grad, num);
        assertTrue(report.passed(), report::toString);
        for (GradientReport.Row row : report.rows()) {
            assertTrue(row.maxRelError() < 1e-6, report::toString);
        }
    }

    @Test
    void accuracyOnAHandMadeBatch() {
        TwoLayerNet net = new TwoLayerNet(2, 2, 2, new Random(1));
        // Make the network the identity on positive inputs: W1 = I, b1 = 0, W2 = I, b2 = 0.
        net.parameters().get("W1").value().copyFrom(Tensor.matrix(new double[][] {{1, 0}, {0, 1}}));
        net.parameters().get("W2").value().copyFrom(Tensor.matrix(new double[][] {{1, 0}, {0, 1}}));
        Tensor x = Tensor.matrix(new double[][] {{1, 0}, {0, 1}, {2, 1}, {1, 3}});
        // predicted classes: 0, 1, 0, 1
        assertEquals(1.0, net.accuracy(x, Tensor.vector(0, 1, 0, 1)));
        assertEquals(0.75, net.accuracy(x, Tensor.vector(0, 1, 1, 1)));
        assertEquals(0.5, net.accuracy(x, Tensor.matrix(new double[][] {{1, 0}, {1, 0}, {1, 0}, {1, 0}})));
    }

    @Test
    void wrongShapesAreClearErrors() {
        TwoLayerNet net = new TwoLayerNet(784, 50, 10, new Random(1));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> net.predict(Tensor.zeros(3, 785)));
        assertEquals(
                "Affine: expected input of shape (N, 784) or (N, ...) with 784 values per row, got (3, 785)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> net.loss(Tensor.zeros(3, 784), Tensor.zeros(4)));
        assertTrue(e.getMessage().contains("got (4,)"), e.getMessage());
    }
}
