package org.bricknet.core.inspect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bricknet.core.Network;
import org.bricknet.core.Tensor;
import org.bricknet.core.testing.Centre;
import org.bricknet.core.testing.Linear;
import org.bricknet.core.testing.SoftmaxCrossEntropy;
import org.junit.jupiter.api.Test;

/** Which nodes are hidden layers, and their outputs recorded in evaluation mode. */
class ActivationsTest {

    @Test
    void hiddenLayersAreTheParameterFreeNodesThatFeedParameters() {
        Random r = new Random(1);
        Network net = new Network()
                .add("Linear1", new Linear(3, 4, 1.0, r))
                .add("Centre1", new Centre(Tensor.zeros(4).fill(1), Tensor.zeros(4)))
                .add("Relu1", new Rectifier())
                .add("Linear2", new Linear(4, 4, 1.0, r))
                .add("Relu2", new Rectifier())
                .add("Linear3", new Linear(4, 2, 1.0, r))
                .add("Relu3", new Rectifier())
                .withLoss(new SoftmaxCrossEntropy());
        // not Linear1 (it has parameters), not Relu3 (it feeds the loss, not a layer)
        assertEquals(List.of("Relu1", "Relu2"), Activations.hiddenLayers(net));
    }

    @Test
    void theOutputsAreCopiesOfWhatPredictComputes() {
        Random r = new Random(2);
        Linear first = new Linear(3, 4, 1.0, r);
        Network net = new Network()
                .add("Linear1", first)
                .add("Relu1", new Rectifier())
                .add("Linear2", new Linear(4, 2, 1.0, r))
                .withLoss(new SoftmaxCrossEntropy());
        Tensor x = Tensor.randn(r, 1.0, 6, 3);
        Map<String, Tensor> a = Activations.record(net, x);
        assertEquals(List.of("Relu1"), List.copyOf(a.keySet()));
        Tensor expected = new Rectifier().forward(first.forward(x));
        assertArrayEquals(expected.data(), a.get("Relu1").data());
        assertEquals(
                List.of("Linear2"),
                List.copyOf(Activations.record(net, x, List.of("Linear2")).keySet()));
        assertEquals(
                "Activations: the network has no node 'Relu9'; its nodes are [Linear1, Relu1, Linear2]",
                assertThrows(IllegalArgumentException.class, () -> Activations.record(net, x, List.of("Relu9")))
                        .getMessage());
    }
}
