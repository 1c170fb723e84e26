package org.bricknet.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.bricknet.core.L2Decay;
import org.bricknet.core.Network;
import org.bricknet.core.Parameter;
import org.bricknet.core.Tensor;
import org.bricknet.core.testing.Linear;
import org.bricknet.core.testing.SquaredError;
import org.junit.jupiter.api.Test;

/** L2Decay worked by hand for each coverage, and the same numbers as Network's own weight decay. */
class L2DecayTest {
    private final Parameter w = new Parameter("W", Tensor.matrix(new double[][] {{1, -2}}));
    private final Parameter b = new Parameter("b", Tensor.vector(3));
    private final Map<String, Parameter> params = new LinkedHashMap<>();

    L2DecayTest() {
        params.put("W1", w);
        params.put("b1", b);
    }

    @Test
    void weightsOnlyByDefault() {
        L2Decay decay = L2Decay.weights(0.1);
        // ½·0.1·(1² + (−2)²) = 0.25; b is not a weight
        assertEquals(0.25, decay.penalty(params), 1e-15);
        decay.addGradients(params);
        assertArrayEquals(new double[] {0.1, -0.2}, w.grad().data(), 1e-15);
        assertArrayEquals(new double[] {0}, b.grad().data(), 0);
    }

    @Test
    void everyParameterAsPyTorch() {
        L2Decay decay = L2Decay.all(0.1);
        // ½·0.1·(1 + 4 + 9) = 0.7
        assertEquals(0.7, decay.penalty(params), 1e-15);
        decay.addGradients(params);
        assertArrayEquals(new double[] {0.1, -0.2}, w.grad().data(), 1e-15);
        assertArrayEquals(new double[] {0.3}, b.grad().data(), 1e-15);
    }

    @Test
    void anyCoverageByKey() {
        L2Decay decay = new L2Decay(0.1, (key, p) -> key.startsWith("b"));
        assertEquals(0.45, decay.penalty(params), 1e-15); // ½·0.1·9
        decay.addGradients(params);
        assertArrayEquals(new double[] {0, 0}, w.grad().data(), 0);
        assertArrayEquals(new double[] {0.3}, b.grad().data(), 1e-15);
        assertEquals("L2Decay(λ=0.1, custom)", decay.toString());
    }

    @Test
    void theSameNumbersAsNetworkWeightDecay() {
        Random r = new Random(4);
        Tensor x = Tensor.randn(r, 1.0, 5, 3);
        Tensor t = Tensor.randn(r, 1.0, 5, 2);
        Network plain = new Network()
                .add("Linear1", new Linear(3, 2, 1.0, new Random(8)))
                .withLoss(new SquaredError());
        Network decayed = new Network()
                .add("Linear1", new Linear(3, 2, 1.0, new Random(8)))
                .withLoss(new SquaredError())
                .withWeightDecay(0.3);
        double loss = plain.backprop(x, t);
        L2Decay decay = L2Decay.weights(0.3);
        assertEquals(decayed.backprop(x, t), loss + decay.penalty(plain.parameters()), 0.0);
        decay.addGradients(plain.parameters());
        plain.parameters()
                .forEach((k, p) -> assertArrayEquals(
                        decayed.parameters().get(k).grad().data(), p.grad().data(), 0.0, k));
    }

    @Test
    void aNegativeLambdaIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> L2Decay.all(-1));
        assertEquals("L2Decay: expected a λ that is finite and >= 0, got -1.0", e.getMessage());
    }
}
